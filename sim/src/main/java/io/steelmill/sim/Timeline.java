package io.steelmill.sim;

import io.steelmill.platform.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did, laid out in virtual time for a picture of it: every message (sent, delivered
 * or lost, and why) and every fault as a span on the nodes it struck. Recorded only when a run
 * asks for it ({@link FaultLedger.Options#timeline()}): a failing seed is replayed with it, so
 * the sweeps that search for failures pay nothing. Bounded: after {@link #MESSAGE_BUDGET}
 * messages only the count goes on.
 */
public final class Timeline {
  /** Messages recorded; later ones are only counted. */
  public static final int MESSAGE_BUDGET = 200_000;

  private final List<Message> messages = new ArrayList<>();
  private final List<Span> spans = new ArrayList<>();
  private long unrecorded;

  Timeline() {}

  /** One message: who sent what to whom, when, and what became of it. */
  public static final class Message {
    private final Address from;
    private final Address to;
    private final String text;
    private final long sent;
    private long delivered = -1;
    private String lost;

    Message(Address from, Address to, String text, long sent) {
      this.from = from;
      this.to = to;
      this.text = text;
      this.sent = sent;
    }

    public Address from() {
      return from;
    }

    public Address to() {
      return to;
    }

    /** The message as text, cut to {@link #TEXT_LIMIT} characters. */
    public String text() {
      return text;
    }

    public long sent() {
      return sent;
    }

    /** When it arrived, or -1 if it never did. */
    public long delivered() {
      return delivered;
    }

    /** Why it never arrived ("cut by a partition", "dropped d4", ...), or null. */
    public String lost() {
      return lost;
    }
  }

  /** Characters of a message kept for its label. */
  public static final int TEXT_LIMIT = 80;

  /** A fault on some nodes (none: the whole cluster) from its start to its end. */
  public static final class Span {
    private final String type;
    private final List<String> nodes;
    private final long start;
    private final String what;
    private final String faultId;
    private long end;

    Span(String type, List<String> nodes, long start, String what, String faultId) {
      this.type = type;
      this.nodes = List.copyOf(nodes);
      this.start = start;
      this.end = start;
      this.what = what;
      this.faultId = faultId;
    }

    /** crash, partition, pause, skew, lease-expiry, buggify. */
    public String type() {
      return type;
    }

    /** The nodes it struck; empty for a cluster-wide fault. */
    public List<String> nodes() {
      return nodes;
    }

    public long start() {
      return start;
    }

    /** When it healed; equal to {@link #start} for an instant fault. */
    public long end() {
      return end;
    }

    public String what() {
      return what;
    }

    /** Its identity in the run's {@link FaultLedger}, e.g. {@code f3}. */
    public String faultId() {
      return faultId;
    }

    void end(long time) {
      this.end = Math.max(start, time);
    }
  }

  /** Records a send; returns the message, or null past the budget. */
  Message sent(long now, Address from, Address to, Object message) {
    if (messages.size() >= MESSAGE_BUDGET) {
      unrecorded++;
      return null;
    }
    String text = text(message);
    if (text.length() > TEXT_LIMIT) {
      text = text.substring(0, TEXT_LIMIT - 3) + "...";
    }
    Message recorded = new Message(from, to, text, now);
    messages.add(recorded);
    return recorded;
  }

  /**
   * A message's label. Its {@code toString} is the user's: one that throws made the replay that
   * draws a failing seed fail differently from the seed it draws (nothing else calls it).
   */
  private static String text(Object message) {
    try {
      return String.valueOf(message);
    } catch (RuntimeException | StackOverflowError e) {
      return "(toString() threw " + e.getClass().getName() + ")";
    }
  }

  static void delivered(Message message, long now) {
    if (message != null) {
      message.delivered = now;
    }
  }

  static void lost(Message message, String why) {
    if (message != null && message.lost == null) {
      message.lost = why;
    }
  }

  Span span(String type, List<String> nodes, long start, String what, String faultId) {
    Span span = new Span(type, nodes, start, what, faultId);
    if (spans.size() < MESSAGE_BUDGET) {
      spans.add(span);
    }
    return span;
  }

  public List<Message> messages() {
    return List.copyOf(messages);
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** Messages sent after the budget was spent. */
  public long unrecorded() {
    return unrecorded;
  }
}
