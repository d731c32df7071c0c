package io.steelmill.it.hostile;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.runtime.Lifecycle;
import java.util.concurrent.CountDownLatch;

/** A chain D0 <- D1 <- D2 <- D3 whose daemons misbehave where the {@link Script} says. */
@Factory(injected = Script.class)
public interface Hostile {
  D3 d3();

  /** Base of the scripted daemons: each phase records, then may misbehave. */
  abstract class Scripted implements Lifecycle {
    private final Script script;
    private final int position;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Scripted(Script script, int position) {
      this.script = script;
      this.position = position;
      try {
        script.act(position, "construct");
      } catch (Exception e) {
        Script.sneaky(e);
      }
    }

    @Override
    public void prepare() throws Exception {
      script.act(position, "prepare");
      script.record("prepared D" + position);
    }

    @Override
    public void run() throws Exception {
      script.act(position, "run");
      stopped.await();
    }

    @Override
    public void stop() throws Exception {
      stopped.countDown(); // run() ends first: a stop() fault is the stop's alone
      script.act(position, "stop");
    }
  }

  @Daemon
  final class D0 extends Scripted {
    D0(Script script) {
      super(script, 0);
    }
  }

  @Daemon
  final class D1 extends Scripted {
    D1(D0 d0, Script script) {
      super(script, 1);
    }
  }

  @Daemon
  final class D2 extends Scripted {
    D2(D1 d1, Script script) {
      super(script, 2);
    }
  }

  @Daemon
  final class D3 extends Scripted {
    D3(D2 d2, Script script) {
      super(script, 3);
    }
  }
}
