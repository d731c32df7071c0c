package io.steelmill.runtime;

import java.util.List;

/**
 * A failure of a daemon, naming the node, the daemon, the phase and, for construction, the path
 * of daemons being built when it happened (outermost first). The original error is the cause.
 * When several daemons fail (a failed start, a stop where several {@code stop()} calls throw), the
 * node throws the first, carrying the others as {@linkplain #getSuppressed() suppressed}
 * exceptions: none is lost, and none is thrown twice.
 */
public final class FactoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String node;
  private final String daemon;
  private final Phase phase;
  private final List<String> path;
  private transient boolean thrown; // guarded by this

  /**
   * Creates an exception for {@code daemon} of {@code node} failing in {@code phase}.
   *
   * @param path the daemons being built, outermost first; empty outside construction
   */
  public FactoryException(
      String node, String daemon, Phase phase, List<String> path, String detail, Throwable cause) {
    super(message(node, daemon, phase, path, detail, cause), cause);
    this.node = node;
    this.daemon = daemon;
    this.phase = phase;
    this.path = List.copyOf(path);
  }

  private static String message(
      String node, String daemon, Phase phase, List<String> path, String detail, Throwable cause) {
    StringBuilder text = new StringBuilder();
    text.append("Daemon ").append(printable(daemon)).append(" of node \"").append(printable(node))
        .append("\" failed");
    text.append(" in phase ").append(phase).append(": ");
    if (detail != null) {
      text.append(detail);
    } else if (cause != null) {
      String type = cause.getClass().getSimpleName();
      text.append(type.isEmpty() ? cause.getClass().getName() : type); // anonymous: Outer$1
      String said = messageOf(cause);
      if (said != null) {
        text.append(": ").append(clipped(said));
      }
    }
    if (path.size() > 1) {
      text.append("\n    dependency path: ").append(String.join(" -> ", path));
    }
    return text.toString();
  }

  /**
   * {@code name} with line breaks, other control characters, quotes and backslashes escaped: a
   * node's name comes from whoever created it (a lease, a request), and must not split the
   * message's first line or forge another line in a log.
   */
  static String printable(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\' && c != '\u2028'
          && c != '\u2029' && c != '\u0085';
      if (plain && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(name.length() + 8).append(name, 0, i);
      }
      if (plain) {
        out.append(c);
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? name : out.toString();
  }

  /** The longest part of a cause's message this message repeats: the cause keeps it whole. */
  static final int MAX_CAUSE_MESSAGE = 2_000;

  /**
   * {@code said}, cut to {@link #MAX_CAUSE_MESSAGE} characters (not inside a surrogate pair) with
   * how much was left out: a daemon whose exception carries megabytes (a whole request, a dump)
   * must not make its node's report, and every log line and summary that repeats it, as large.
   */
  private static String clipped(String said) {
    if (said.length() <= MAX_CAUSE_MESSAGE) {
      return said;
    }
    int end = Character.isLowSurrogate(said.charAt(MAX_CAUSE_MESSAGE))
        ? MAX_CAUSE_MESSAGE - 1 : MAX_CAUSE_MESSAGE;
    return said.substring(0, end) + "... (" + (said.length() - end)
        + " more characters: see the cause)";
  }

  /**
   * What {@code cause} says, or a note if its {@code getMessage()} throws: user code must not turn
   * the report of its failure into a second, unnamed failure.
   */
  private static String messageOf(Throwable cause) {
    try {
      return cause.getMessage();
    } catch (RuntimeException | Error e) {
      return "(its getMessage() threw " + e.getClass().getName() + ")";
    }
  }

  /**
   * Marks this error as thrown to a caller of {@code start()} or {@code close()}; returns whether
   * it already was. A node throws each error once, so a {@code close()} after a failed {@code
   * start()} (the try-with-resources pattern) never rethrows, or suppresses, the same error.
   */
  synchronized boolean markThrown() {
    boolean before = thrown;
    thrown = true;
    return before;
  }

  /** Whether this error was thrown to a caller already (see {@link #markThrown}). */
  synchronized boolean wasThrown() {
    return thrown;
  }

  /** The name of the node whose daemon failed. */
  public String node() {
    return node;
  }

  /** The name of the daemon that failed, as in {@code built:} lists: its type's simple name. */
  public String daemon() {
    return daemon;
  }

  /** The phase in which it failed. */
  public Phase phase() {
    return phase;
  }

  /** The daemons being built when it failed, outermost first; empty outside construction. */
  public List<String> path() {
    return path;
  }
}
