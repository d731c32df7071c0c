package io.steelmill.sim.history;

/**
 * The memory the searches of one check may fill with their caches, in estimated bytes. A
 * history whose search would need more ends {@link Verdict#UNKNOWN} with the budget named,
 * instead of taking the JVM down with an {@link OutOfMemoryError} (the time limit alone bounds
 * the steps, not what they keep). Not thread-safe: one check runs its searches on one thread.
 */
final class SearchBudget {
  private final long bytes;
  private long used;

  SearchBudget(long bytes) {
    this.bytes = bytes;
  }

  /** A quarter of the heap the JVM may grow to, and at least 64 MiB. */
  static SearchBudget standard() {
    return new SearchBudget(Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4));
  }

  void charge(long cost) {
    used += cost;
  }

  boolean spent() {
    return used > bytes;
  }

  /** The budget, in bytes. */
  long bytes() {
    return bytes;
  }
}
