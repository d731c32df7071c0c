package io.steelmill.sim.history;

import java.util.Arrays;
import java.util.List;

/**
 * The calls and returns of one partition as a doubly linked list in history order, the structure
 * the Wing-Gong-Lowe search walks: linearizing a call lifts it and its return out of the list,
 * backtracking puts them back where they were (both in constant time, with no allocation).
 * Entries are ints: {@code 0..size-1} for the events, {@code head} for the sentinel before the
 * first one. An optional operation (unknown outcome) has a call and no return.
 */
final class EntryList {
  static final int NONE = -1;

  private final int head;
  private final int[] next;
  private final int[] prev;
  private final int[] entryOp;
  private final int[] returnOf;

  EntryList(List<Operation> ops) {
    int n = ops.size();
    long[] keys = new long[2 * n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Operation op = ops.get(i);
      keys[m++] = entryKey(op.call(), i, true);
      if (!op.optional()) {
        keys[m++] = entryKey(op.ret(), i, false);
      }
    }
    long[] sorted = Arrays.copyOf(keys, m);
    Arrays.sort(sorted);
    head = m;
    next = new int[m + 1];
    prev = new int[m + 1];
    entryOp = new int[m];
    returnOf = new int[n];
    Arrays.fill(returnOf, NONE);
    for (int e = 0; e < m; e++) {
      int op = (int) ((sorted[e] >>> 1) & 0xFFFFF);
      entryOp[e] = op;
      if ((sorted[e] & 1) == 1) {
        returnOf[op] = e;
      }
    }
    for (int e = 0; e < m; e++) {
      next[e] = e + 1 < m ? e + 1 : NONE;
      prev[e] = e == 0 ? head : e - 1;
    }
    next[head] = m > 0 ? 0 : NONE;
  }

  /** Position-ordered key: event position, then operation, then call (0) before return (1). */
  private static long entryKey(long position, int op, boolean call) {
    if (op >= (1 << 20) || position >= (1L << 41)) {
      throw new IllegalArgumentException("partition too large: " + op + " operations");
    }
    return (position << 21) | ((long) op << 1) | (call ? 0 : 1);
  }

  /** The first entry still in the list, or {@link #NONE}. */
  int first() {
    return next[head];
  }

  /** The entry after {@code e}, or {@link #NONE}. */
  int next(int e) {
    return next[e];
  }

  /** The operation whose call or return {@code e} is. */
  int op(int e) {
    return entryOp[e];
  }

  /** True when {@code e} is a call (an optional operation's only entry is its call). */
  boolean isCall(int e) {
    return returnOf[entryOp[e]] != e;
  }

  /** Takes the call {@code call} and its return (if any) out of the list. */
  void lift(int call) {
    remove(call);
    int ret = returnOf[entryOp[call]];
    if (ret != NONE) {
      remove(ret);
    }
  }

  /** Puts back what {@link #lift} took out; lifts are undone in reverse order. */
  void unlift(int call) {
    int ret = returnOf[entryOp[call]];
    if (ret != NONE) {
      restore(ret);
    }
    restore(call);
  }

  private void remove(int e) {
    next[prev[e]] = next[e];
    if (next[e] != NONE) {
      prev[next[e]] = prev[e];
    }
  }

  private void restore(int e) {
    next[prev[e]] = e;
    if (next[e] != NONE) {
      prev[next[e]] = e;
    }
  }
}
