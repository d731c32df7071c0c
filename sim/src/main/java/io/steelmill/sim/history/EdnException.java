package io.steelmill.sim.history;

/**
 * Malformed EDN or a history that breaks Jepsen's rules, with the 1-based line and column where
 * reading stopped, so the user can open the file at that spot.
 */
public final class EdnException extends RuntimeException {
  private final int line;
  private final int column;

  public EdnException(String problem, int line, int column) {
    super("line " + line + ", column " + column + ": " + problem);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
