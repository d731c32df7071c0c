package io.steelmill.sim.history;

/**
 * The four event types of a Jepsen history. An {@code INVOKE} starts an operation; {@code OK}
 * says it took effect, {@code FAIL} that it certainly did not, and {@code INFO} that the client
 * does not know (a timeout): it may take effect at any time after its invocation, or never.
 */
public enum EventType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The Jepsen keyword, e.g. {@code :invoke}. */
  public Keyword keyword() {
    return Keyword.of(name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The type named by a keyword's name, or null. */
  static EventType named(String name) {
    return switch (name) {
      case "invoke" -> INVOKE;
      case "ok" -> OK;
      case "fail" -> FAIL;
      case "info" -> INFO;
      default -> null;
    };
  }
}
