package io.steelmill.platform;

/** A write carried a fencing token older than one the resource has already seen. */
public final class StaleTokenException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long token;
  private final long highest;

  public StaleTokenException(long token, long highest) {
    super("stale fencing token " + token + ": the resource has seen token " + highest);
    this.token = token;
    this.highest = highest;
  }

  public long token() {
    return token;
  }

  public long highest() {
    return highest;
  }
}
