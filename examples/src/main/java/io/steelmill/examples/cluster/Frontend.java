package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.examples.cluster.StoreTransport.Answer;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Clock;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;

/**
 * Takes clients' writes and reads and hands them to the leader, if this host has it (refused
 * otherwise: certainly nothing done), over whichever {@link StoreTransport} its host binds.
 */
@Daemon
public final class Frontend implements Lifecycle, StoreTransport.FrontendHandler {
  private final StoreTransport transport;
  private final LeaderSlot slot;
  private final Clock clock;
  private final Buggify buggify;
  private StoreTransport.Served served;

  Frontend(StoreTransport transport, LeaderSlot slot, Clock clock, Buggify buggify) {
    this.transport = transport;
    this.slot = slot;
    this.clock = clock;
    this.buggify = buggify;
  }

  @Override
  public void prepare() {
    served = transport.serveFrontend(this);
  }

  @Override
  public void run() throws InterruptedException {
    served.serve();
  }

  @Override
  public Answer put(String key, String value) throws InterruptedException {
    LeaderService leader = leader();
    if (leader == null) {
      return Answer.REFUSED;
    }
    return leader.write(key, value) ? Answer.DONE : Answer.FAILED;
  }

  @Override
  public Answer get(String key) throws InterruptedException {
    LeaderService leader = leader();
    if (leader == null) {
      return Answer.REFUSED;
    }
    String value = leader.read(key);
    return value == null ? Answer.FAILED : Answer.value(value);
  }

  /** The leader child if this host has one, after a possibly slow hand-off; else null. */
  private LeaderService leader() throws InterruptedException {
    LeaderService leader = slot.current();
    if (leader != null && buggify.fires("frontend.slow-dispatch", 0.2)) {
      // a slow hand-off (a GC pause, a busy thread) between finding the leader and asking it:
      // the leader may lose its lease meanwhile, and must then refuse to answer
      clock.sleep(Duration.ofMillis(150));
    }
    return leader;
  }

  @Override
  public void stop() {
    served.close();
  }
}
