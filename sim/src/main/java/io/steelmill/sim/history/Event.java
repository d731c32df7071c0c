package io.steelmill.sim.history;

/**
 * One line of a history: {@code process} invoked or completed operation {@code f} with {@code
 * value}, on {@code key} (null for single-object histories), at {@code time} nanoseconds (virtual
 * time in a simulation; -1 when unknown). The position in the history, not the time, orders
 * events: times may tie, positions never do.
 *
 * @param process the client process; one operation at a time per process
 * @param type invoke, ok, fail or info
 * @param f the operation's function, e.g. {@code read}, {@code write}, {@code cas}
 * @param value EDN value: null, Long, String, Keyword, List, ...
 * @param key the object the operation is on, or null
 * @param time nanoseconds, or -1
 */
public record Event(long process, EventType type, String f, Object value, Object key, long time) {
  public Event {
    if (type == null || f == null || f.isEmpty()) {
      throw new IllegalArgumentException("an event needs a type and a function");
    }
    value = Values.asRead(value); // an Integer 1 is the Long 1 its written form reads as
    key = Values.asRead(key);
  }

  /** This event as one Jepsen EDN map. */
  public String toEdn() {
    StringBuilder out = new StringBuilder("{:process ").append(process);
    out.append(", :type ").append(type.keyword());
    out.append(", :f ");
    // a name a keyword cannot hold (a space, a bracket) is written as a string, which reads back
    EdnWriter.append(out, EdnWriter.isKeywordName(f) ? Keyword.of(f) : f);
    if (key != null) {
      out.append(", :key ");
      EdnWriter.append(out, key);
    }
    out.append(", :value ");
    EdnWriter.append(out, value);
    if (time >= 0) {
      out.append(", :time ").append(time);
    }
    return out.append('}').toString();
  }

  @Override
  public String toString() {
    return toEdn();
  }
}
