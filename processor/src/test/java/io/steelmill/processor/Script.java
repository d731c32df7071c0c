package io.steelmill.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared script of {@link RandomGraphPropertyTest}: the daemons it compiles record every
 * phase here, and throw where the current try planned a failure.
 */
public final class Script {
  private static final List<String> events = new ArrayList<>();
  private static String failAt = "";

  private Script() {}

  static synchronized void reset(String daemonColonPhase) {
    events.clear();
    failAt = daemonColonPhase;
  }

  /** Called by the generated test daemons. */
  public static void event(String daemon, String phase) {
    synchronized (Script.class) {
      events.add(daemon + ":" + phase);
    }
    if (failAt.equals(daemon + ":" + phase)) {
      throw new IllegalStateException("planned failure of " + daemon + " in " + phase);
    }
  }

  static synchronized List<String> of(String phase) {
    return events.stream()
        .filter(e -> e.endsWith(":" + phase))
        .map(e -> e.substring(0, e.indexOf(':')))
        .toList();
  }
}
