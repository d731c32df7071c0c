package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Records a client history as it happens: each client {@link #invoke}s an operation and then
 * completes it with {@link #ok}, {@link #fail} or {@link #info}. The clock stamps every event
 * (pass the simulation's virtual clock; the checker itself orders events by position only).
 * Thread-safe; a process with an operation in flight cannot invoke another, and a completion
 * without an invocation is an error, so a recorded history is always well-formed.
 */
public final class History {
  private final LongSupplier clock;
  private final List<Event> events = new ArrayList<>();
  /** The position in {@link #events} of each process's pending invocation (no boxing). */
  private final PendingCalls pending = new PendingCalls();

  /** A recorder that stamps events with {@code clock} (nanoseconds). */
  public History(LongSupplier clock) {
    this.clock = clock;
  }

  /** A history of given events (read from a file), checked for well-formedness. */
  public static History of(List<Event> events) {
    History history = new History(() -> -1);
    for (Event event : events) {
      history.add(event);
    }
    return history;
  }

  /** Records that {@code process} invoked {@code f} with {@code value} on no particular key. */
  public void invoke(long process, String f, Object value) {
    invoke(process, null, f, value);
  }

  /** Records that {@code process} invoked {@code f} with {@code value} on {@code key}. */
  public synchronized void invoke(long process, Object key, String f, Object value) {
    add(new Event(process, EventType.INVOKE, f, value, key, clock.getAsLong()));
  }

  /** Records that the pending operation of {@code process} took effect, returning {@code value}. */
  public void ok(long process, Object value) {
    complete(process, EventType.OK, value);
  }

  /** Records that the pending operation of {@code process} certainly did not take effect. */
  public void fail(long process, Object value) {
    complete(process, EventType.FAIL, value);
  }

  /** Records that the outcome of the pending operation of {@code process} is unknown. */
  public void info(long process, Object value) {
    complete(process, EventType.INFO, value);
  }

  private synchronized void complete(long process, EventType type, Object value) {
    int invokedAt = pending.get(process);
    if (invokedAt < 0) {
      throw new IllegalStateException("process " + process + " completes an operation with "
          + type.keyword() + " but invoked none");
    }
    Event invoked = events.get(invokedAt);
    add(new Event(process, type, invoked.f(), value, invoked.key(), clock.getAsLong()));
  }

  /** Appends an event read from a file, checking that it is well-formed. */
  public void append(Event event) {
    add(event);
  }

  private synchronized void add(Event event) {
    int invokedAt = pending.get(event.process());
    Event invoked = invokedAt < 0 ? null : events.get(invokedAt);
    if (event.type() == EventType.INVOKE) {
      if (invoked != null) {
        throw new IllegalStateException("process " + event.process() + " invokes "
            + EdnWriter.name(event.f()) + " while its " + EdnWriter.name(invoked.f())
            + " is still pending");
      }
      pending.put(event.process(), events.size());
    } else {
      if (invoked == null) {
        throw new IllegalStateException("process " + event.process() + " completes "
            + EdnWriter.name(event.f()) + " with " + event.type().keyword()
            + " but invoked nothing");
      }
      if (!invoked.f().equals(event.f())) {
        throw new IllegalStateException("process " + event.process() + " invoked "
            + EdnWriter.name(invoked.f()) + " but completes "
            + EdnWriter.name(event.f()));
      }
      pending.remove(event.process());
    }
    events.add(event);
  }

  /** Every event so far, in order. */
  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** How many events were recorded. */
  public synchronized int size() {
    return events.size();
  }

  /** The history as Jepsen EDN, one map per line. */
  public String toEdn() {
    StringBuilder out = new StringBuilder();
    for (Event event : events()) {
      out.append(event.toEdn()).append('\n');
    }
    return out.toString();
  }
}
