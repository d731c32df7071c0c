package ${package};

import io.steelmill.Daemon;
import io.steelmill.platform.Clock;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts heartbeats and raises the {@link Alarm} when none came for longer than {@code
 * Settings.silence()}. Built before {@link Heartbeat} (which depends on it), so it is prepared
 * first and stopped last.
 */
@Daemon
public final class Monitor implements Lifecycle {
  private final Clock clock;
  private final Alarm alarm;
  private final Settings settings;
  private final AtomicLong beats = new AtomicLong();
  private volatile Instant lastBeat;
  private volatile boolean running = true;

  Monitor(Clock clock, Alarm alarm, Settings settings) {
    this.clock = clock;
    this.alarm = alarm;
    this.settings = settings;
  }

  @Override
  public void prepare() {
    lastBeat = clock.now();
  }

  /** Called by the heartbeat. */
  public void beat(Instant at) {
    lastBeat = at;
    beats.incrementAndGet();
  }

  /** The heartbeats heard so far. */
  public long beats() {
    return beats.get();
  }

  @Override
  public void run() throws InterruptedException {
    while (running) {
      clock.sleep(settings.interval());
      Duration silence = Duration.between(lastBeat, clock.now());
      if (silence.compareTo(settings.silence()) > 0) {
        alarm.raise("no heartbeat for " + silence.toMillis() + " ms");
        lastBeat = clock.now();
      }
    }
  }

  @Override
  public void stop() {
    running = false;
  }
}
