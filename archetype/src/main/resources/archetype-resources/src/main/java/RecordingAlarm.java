package ${package};

import io.steelmill.Daemon;
import io.steelmill.Simulation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simulation alarm: remembers every reason, for the tests to check. */
@Daemon
@Simulation
public final class RecordingAlarm implements Alarm {
  private final List<String> raised = new CopyOnWriteArrayList<>();

  RecordingAlarm() {}

  @Override
  public void raise(String reason) {
    raised.add(reason);
  }

  /** Every alarm raised so far, oldest first. */
  public List<String> raised() {
    return List.copyOf(raised);
  }
}
