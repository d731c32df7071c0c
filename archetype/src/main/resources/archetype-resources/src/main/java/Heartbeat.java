package ${package};

import io.steelmill.Daemon;
import io.steelmill.platform.Clock;
import io.steelmill.runtime.Lifecycle;

/**
 * Tells the monitor it is alive, every {@code Settings.interval()}. It takes its time from the
 * injected {@link Clock}: the system clock in production, virtual time in simulation.
 */
@Daemon
public final class Heartbeat implements Lifecycle {
  private final Clock clock;
  private final Monitor monitor;
  private final Settings settings;
  private volatile boolean running = true;

  Heartbeat(Clock clock, Monitor monitor, Settings settings) {
    this.clock = clock;
    this.monitor = monitor;
    this.settings = settings;
  }

  @Override
  public void run() throws InterruptedException {
    while (running) {
      monitor.beat(clock.now());
      clock.sleep(settings.interval());
    }
  }

  @Override
  public void stop() {
    running = false;
  }
}
