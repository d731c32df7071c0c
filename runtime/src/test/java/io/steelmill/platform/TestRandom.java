package io.steelmill.platform;

/**
 * A seeded generator for the runtime's own tests (the SplitMix64 steps, so a seed means what it
 * meant before the simulator moved to steelmill-sim, which these tests cannot see).
 */
final class TestRandom {
  private long state;

  TestRandom(long seed) {
    this.state = seed;
  }

  long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in {@code [0, bound)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }
}
