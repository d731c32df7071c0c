package io.steelmill.sim.history;

/**
 * An EDN keyword such as {@code :invoke}; {@link #name()} is the text without the colon. Jepsen
 * names operation types and functions with keywords, so they stay distinct from strings when a
 * history is read and written back.
 */
public record Keyword(String name) {
  public Keyword {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a keyword needs a name");
    }
  }

  /** The keyword {@code :name}. */
  public static Keyword of(String name) {
    return new Keyword(name);
  }

  @Override
  public String toString() {
    return ":" + name;
  }
}
