package io.steelmill.sim;

import java.nio.charset.StandardCharsets;

/**
 * A seeded pseudo-random stream (SplitMix64), the same on every JDK: the simulation's only source
 * of randomness. Streams fork by purpose, so that a new consumer of randomness does not reshuffle
 * the others. Not thread-safe: each stream belongs to one consumer inside the simulation.
 */
public final class SplitMix64 {
  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in {@code [0, bound)}. */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
  }

  /** Uniform in {@code [0, bound)}. */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return Math.floorMod(nextLong() >>> 1, bound);
  }

  /** Uniform in {@code [0, 1)}. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return p > 0 && nextDouble() < p;
  }

  /** An independent stream for {@code purpose}, derived from this stream's seed state only. */
  public SplitMix64 fork(String purpose) {
    long hash = 0xcbf29ce484222325L; // FNV-1a over UTF-8: stable across JDKs, unlike hashCode
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return new SplitMix64(new SplitMix64(state ^ hash).nextLong());
  }
}
