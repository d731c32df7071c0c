package io.steelmill.platform;

/**
 * What a resource uses to reject writes from a stale lease holder: it remembers the highest
 * fencing token it has seen, and refuses older ones. Equal tokens pass (one holder, many writes).
 * Thread-safe.
 */
public final class Fence {
  private long highest;

  /** Records {@code token}; false, and nothing recorded, if it is older than one already seen. */
  public synchronized boolean admit(long token) {
    if (token < highest) {
      return false;
    }
    highest = token;
    return true;
  }

  /** Like {@link #admit}, throwing for a stale token. */
  public synchronized void check(long token) throws StaleTokenException {
    if (!admit(token)) {
      throw new StaleTokenException(token, highest);
    }
  }

  /** The highest token seen so far (0 before any). */
  public synchronized long highest() {
    return highest;
  }
}
