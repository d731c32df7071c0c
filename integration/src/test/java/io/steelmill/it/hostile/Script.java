package io.steelmill.it.hostile;

import io.steelmill.runtime.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the {@link Hostile} daemons do wrong, and what they did: the faults of one case (daemon
 * position, phase, kind), and a journal of phases entered, prepares completed and faults fired.
 */
public final class Script {
  /** How a daemon misbehaves in a phase. */
  public enum Kind {
    THROWS,
    THROWS_ERROR,
    HANGS, // ignores interrupts until the case ends
    HANGS_INTERRUPTIBLY,
    STOPS_REENTRANTLY,
    CLOSES_REENTRANTLY,
    INTERRUPTED // throws InterruptedException
  }

  /** One misbehaviour: daemon {@code D<position>} does {@code kind} in {@code phase}. */
  public record Fault(int position, String phase, Kind kind) {
    @Override
    public String toString() {
      return "D" + position + " " + kind + " in " + phase;
    }
  }

  /** An {@link Error} a daemon throws on purpose. */
  public static final class ScriptedError extends Error {
    private static final long serialVersionUID = 1L;

    ScriptedError(String message) {
      super(message);
    }
  }

  private final List<Fault> faults;
  private final List<String> events = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch fired = new CountDownLatch(1);
  private volatile Node node;

  public Script(List<Fault> faults) {
    this.faults = List.copyOf(faults);
  }

  /** The node the daemons stop or close re-entrantly. */
  public void node(Node node) {
    this.node = node;
  }

  /** Ends every hang: called when a case is over, so no thread outlives it. */
  public void release() {
    release.countDown();
  }

  /** Waits until the first fault fired. */
  public void awaitFired() throws InterruptedException {
    fired.await();
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** The positions whose events of {@code kind} ("prepared", "stop", "fault") were recorded. */
  public synchronized List<Integer> positions(String kind) {
    return events.stream()
        .filter(e -> e.startsWith(kind + " D"))
        .map(e -> Integer.parseInt(e.substring(kind.length() + 2, kind.length() + 3)))
        .toList();
  }

  synchronized void record(String event) {
    events.add(event);
  }

  /** Records that {@code D<position>} entered {@code phase}, then misbehaves if told to. */
  void act(int position, String phase) throws Exception {
    record(phase + " D" + position);
    for (Fault fault : faults) {
      if (fault.position() == position && fault.phase().equals(phase)) {
        boolean hang = fault.kind() == Kind.HANGS || fault.kind() == Kind.HANGS_INTERRUPTIBLY;
        if (hang && release.getCount() == 0) {
          record("late D" + position + " " + phase); // the case is over: it would not hang
          continue;
        }
        record("fault D" + position + " " + phase);
        fired.countDown();
        misbehave(fault);
      }
    }
  }

  private void misbehave(Fault fault) throws Exception {
    String what = "D" + fault.position() + " in " + fault.phase() + " on purpose";
    switch (fault.kind()) {
      case THROWS -> throw new IllegalStateException(what);
      case THROWS_ERROR -> throw new ScriptedError(what);
      case INTERRUPTED -> throw new InterruptedException(what);
      case HANGS_INTERRUPTIBLY -> release.await();
      case HANGS -> {
        while (release.getCount() > 0) {
          try {
            release.await();
          } catch (InterruptedException ignored) {
            // a hostile daemon: it ignores the interrupt and keeps waiting
          }
        }
      }
      case STOPS_REENTRANTLY -> node.stop();
      case CLOSES_REENTRANTLY -> node.close();
      default -> throw new AssertionError(fault);
    }
  }

  /** Throws a checked exception from a constructor that cannot declare it. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> void sneaky(Throwable error) throws E {
    throw (E) error;
  }
}
