package ${package};

import io.steelmill.Production;
import io.steelmill.Simulation;

/**
 * Where the monitor reports a silent heartbeat. Daemons inject the interface and the build mode
 * picks the class: production logs the alarm, simulation records it for the tests to check.
 *
 * <p>{@code io.steelmill.Simulation} is this annotation; the simulator a test runs in is the
 * class {@code io.steelmill.sim.Simulation}.
 */
@Production(LogAlarm.class)
@Simulation(RecordingAlarm.class)
public interface Alarm {
  void raise(String reason);
}
