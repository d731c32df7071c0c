package io.steelmill.benchmarks.lifecycle;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.concurrent.CountDownLatch;

/** Ten daemons in a chain, each running until stopped: the lifecycle benchmark's node. */
@Factory
public interface Services {
  S9 last();

  /** Base: run() waits until stop() releases it. */
  abstract class Service implements Lifecycle {
    private final CountDownLatch stopped = new CountDownLatch(1);
    volatile boolean prepared;

    @Override
    public void prepare() {
      prepared = true;
    }

    @Override
    public void run() throws InterruptedException {
      stopped.await();
    }

    @Override
    public void stop() {
      stopped.countDown();
    }
  }

  @Daemon final class S0 extends Service { S0() {} }

  @Daemon final class S1 extends Service { S1(S0 d) {} }

  @Daemon final class S2 extends Service { S2(S1 d) {} }

  @Daemon final class S3 extends Service { S3(S2 d) {} }

  @Daemon final class S4 extends Service { S4(S3 d) {} }

  @Daemon final class S5 extends Service { S5(S4 d) {} }

  @Daemon final class S6 extends Service { S6(S5 d) {} }

  @Daemon final class S7 extends Service { S7(S6 d) {} }

  @Daemon final class S8 extends Service { S8(S7 d) {} }

  @Daemon final class S9 extends Service { S9(S8 d) {} }
}
