package io.steelmill.sim;

/**
 * One part of a seed space split across processes or machines: seed {@code s} belongs to shard
 * {@code floorMod(s, count)}. Every seed is in exactly one shard, the split needs no
 * coordination, and a shard's seeds are spread over the whole range, so slow seeds do not pile up
 * in one shard. Written {@code I/N} with {@code 0 <= I < N}, as a Kubernetes Indexed Job's
 * {@code JOB_COMPLETION_INDEX} or a CI matrix index gives it.
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards there are
 */
public record Shard(int index, int count) {
  /** The whole seed space: one shard. */
  public static final Shard ALL = new Shard(0, 1);

  /** The largest shard count accepted: more shards than that is a typo, not a plan. */
  public static final int MAX_COUNT = 100_000;

  public Shard {
    if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
      throw new IllegalArgumentException(describe(index + "/" + count));
    }
  }

  /**
   * Parses {@code I/N}.
   *
   * @throws IllegalArgumentException with a one-line message naming the expected form
   */
  public static Shard parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException(describe("(nothing)"));
    }
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    if (slash <= 0 || slash != trimmed.lastIndexOf('/') || slash == trimmed.length() - 1) {
      throw new IllegalArgumentException(describe(text));
    }
    try {
      int index = Integer.parseInt(trimmed.substring(0, slash).trim());
      int count = Integer.parseInt(trimmed.substring(slash + 1).trim());
      if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
        throw new IllegalArgumentException(describe(text));
      }
      return new Shard(index, count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(describe(text), e);
    }
  }

  private static String describe(String text) {
    return "a shard is I/N with 0 <= I < N <= " + MAX_COUNT + " (for example 0/4 for the first of"
        + " four), not \"" + text + "\"";
  }

  /** Whether {@code seed} belongs to this shard. */
  public boolean contains(long seed) {
    return Math.floorMod(seed, (long) count) == index;
  }

  /** Whether this is the whole seed space. */
  public boolean isAll() {
    return count == 1;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
