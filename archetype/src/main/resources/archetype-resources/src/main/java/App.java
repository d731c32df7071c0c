package ${package};

import io.steelmill.Factory;
import io.steelmill.Provides;
import java.time.Duration;

/**
 * The node: its entry points are the daemons a caller can ask for. The processor checks the
 * graph of both modes at compile time and writes {@code SteelmillApp} next to this interface
 * (in {@code target/generated-sources/annotations}, with {@code SteelmillApp.dot} and
 * {@code SteelmillApp.mmd}, pictures of the graph).
 */
@Factory
public interface App {
  Heartbeat heartbeat();

  Monitor monitor();

  Alarm alarm();

  /** A binding for a type that cannot carry {@code @Daemon}: configuration. */
  @Provides
  static Settings settings() {
    return new Settings(Duration.ofMillis(100), Duration.ofMillis(500));
  }
}
