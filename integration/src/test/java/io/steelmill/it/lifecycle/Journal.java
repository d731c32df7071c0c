package io.steelmill.it.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the test daemons did, in order, and what they are told to fail: the script of a lifecycle
 * test. Injected into each node with {@code @Factory(injected = Journal.class)}.
 */
public final class Journal {
  private final List<String> events = new ArrayList<>();
  private final Map<String, String> failures = new HashMap<>();

  /** Makes {@code daemon} throw in {@code phase} ("prepare", "run", "stop"). */
  public synchronized Journal failIn(String daemon, String phase) {
    failures.put(daemon, phase);
    return this;
  }

  /** Records {@code phase} of {@code daemon}, then throws if it was told to fail there. */
  public void record(String daemon, String phase) {
    synchronized (this) {
      events.add(phase + " " + daemon);
    }
    if (phase.equals(failures.get(daemon))) {
      throw new IllegalStateException(daemon + " failed in " + phase + " on purpose");
    }
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The events of one phase, in order: {@code ofPhase("prepare")} gives daemon names. */
  public synchronized List<String> ofPhase(String phase) {
    return events.stream()
        .filter(e -> e.startsWith(phase + " "))
        .map(e -> e.substring(phase.length() + 1))
        .toList();
  }
}
