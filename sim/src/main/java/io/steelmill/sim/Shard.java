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
    int index = number(trimmed.substring(0, slash).trim(), text);
    int count = number(trimmed.substring(slash + 1).trim(), text);
    if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
      throw new IllegalArgumentException(describe(text));
    }
    return new Shard(index, count);
  }

  /**
   * A part of {@code I/N}: ASCII digits only (no sign, no other script's digits, which {@code
   * Integer.parseInt} would take), at most 9 of them, so it never overflows.
   */
  private static int number(String part, String text) {
    if (part.isEmpty() || part.length() > 9) {
      throw new IllegalArgumentException(describe(text));
    }
    for (int i = 0; i < part.length(); i++) {
      if (part.charAt(i) < '0' || part.charAt(i) > '9') {
        throw new IllegalArgumentException(describe(text));
      }
    }
    return Integer.parseInt(part);
  }

  private static String describe(String text) {
    return "a shard is I/N with 0 <= I < N <= " + MAX_COUNT + " (for example 0/4 for the first of"
        + " four), not "
        + ReportText.quote(text.length() > 80 ? text.substring(0, 80) + "..." : text);
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
