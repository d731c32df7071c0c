package io.steelmill.sim.history;

import java.util.Arrays;

/**
 * Bit sets as the search's cache keeps them: {@code [k, fill, words k.. up to the last non-zero
 * word]}, where the first {@code k} words all equal {@code fill} (all ones or all zeros). The
 * search linearizes operations roughly in history order, so its sets are a run of ones followed
 * by a window about as wide as the history's concurrency: kept whole, every cache entry would
 * cost a bit per operation of the partition, and a long sequential history (60,000 operations)
 * filled gigabytes. Compact, an entry costs a few words whatever the history's length.
 */
final class CompactBits {
  private CompactBits() {}

  /** The compact form of {@code words}. */
  static long[] of(long[] words) {
    long fill = words.length > 0 && words[0] == -1L ? -1L : 0L;
    int k = 0;
    while (k < words.length && words[k] == fill) {
      k++;
    }
    int end = words.length;
    while (end > k && words[end - 1] == 0) {
      end--;
    }
    long[] compact = new long[2 + end - k];
    compact[0] = k;
    compact[1] = fill;
    System.arraycopy(words, k, compact, 2, end - k);
    return compact;
  }

  /** The word at {@code index} of the set {@code compact} stands for. */
  private static long word(long[] compact, int index) {
    int k = (int) compact[0];
    if (index < k) {
      return compact[1];
    }
    int at = 2 + index - k;
    return at < compact.length ? compact[at] : 0L;
  }

  /** Whether {@code compact} stands for exactly the set {@code words}. */
  static boolean matches(long[] compact, long[] words) {
    for (int i = 0; i < words.length; i++) {
      if (word(compact, i) != words[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether the set {@code compact} stands for is a subset of {@code words}. */
  static boolean subsetOf(long[] compact, long[] words) {
    for (int i = 0; i < words.length; i++) {
      if ((word(compact, i) & ~words[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether two compact forms stand for the same set (both made by {@link #of}). */
  static boolean same(long[] a, long[] b) {
    return Arrays.equals(a, b);
  }
}
