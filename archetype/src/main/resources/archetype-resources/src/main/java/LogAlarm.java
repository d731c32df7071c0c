package ${package};

import io.steelmill.Daemon;
import io.steelmill.Production;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production alarm: a warning in the log. */
@Daemon
@Production
public final class LogAlarm implements Alarm {
  private static final Logger LOG = LoggerFactory.getLogger(LogAlarm.class);

  LogAlarm() {}

  @Override
  public void raise(String reason) {
    LOG.warn("alarm: {}", reason);
  }
}
