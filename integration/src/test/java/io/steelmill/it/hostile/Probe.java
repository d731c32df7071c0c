package io.steelmill.it.hostile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each daemon of {@link Probed} does in each phase, set by a test, and a journal of the
 * phases entered. An ambient daemon cannot be handed an instance, so it reads {@link #current}.
 */
public final class Probe {
  /** The probe of the test running now, for the ambient daemon. */
  static volatile Probe current = new Probe();

  /** A phase's body. */
  @FunctionalInterface
  public interface Action {
    void call() throws Exception;
  }

  private final Map<String, Action> actions = new HashMap<>();
  private final List<String> events = new ArrayList<>();

  /** Makes {@code daemon} do {@code action} in {@code phase}. */
  public synchronized Probe on(String daemon, String phase, Action action) {
    actions.put(daemon + " " + phase, action);
    return this;
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The daemons that entered {@code phase}, in order. */
  public synchronized List<String> entered(String phase) {
    return events.stream()
        .filter(e -> e.endsWith(" " + phase))
        .map(e -> e.substring(0, e.indexOf(' ')))
        .toList();
  }

  void act(String daemon, String phase) throws Exception {
    Action action;
    synchronized (this) {
      events.add(daemon + " " + phase);
      action = actions.get(daemon + " " + phase);
    }
    if (action != null) {
      action.call();
    }
  }
}
