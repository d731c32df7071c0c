package io.steelmill.sim;

/**
 * The pending timers of a simulation, earliest first by (deadline, creation sequence), as a timer
 * wheel: the next {@value #BUCKETS} buckets of {@code 2^}{@value #SHIFT} ns (about 67 ms) each
 * hold their timers in a short sorted list, and a bitmap of the non-empty buckets finds the
 * earliest in a few word reads; timers further ahead wait in a {@link TimerHeap}. Most timers of a
 * simulated network are near (message delays, receive timeouts, think times) and most are
 * cancelled or fired within milliseconds, so adding, cancelling and firing one touches a bucket
 * or two, where a heap of them moved a dozen entries.
 *
 * <p>Why the order is exact: a pending timer's deadline is never before the current virtual time
 * (time only moves to the deadline of the timer fired), and a timer enters the wheel only when
 * its bucket is fewer than {@value #BUCKETS} buckets after the current one; so every timer in
 * the wheel lies in the {@value #BUCKETS} buckets from the current one, and the first non-empty
 * bucket after the current one, scanning round, holds the wheel's earliest. The heap's earliest
 * is compared with it, since a timer put in the heap earlier may by now be nearer than the
 * wheel's. Carrier thread only.
 */
final class TimerWheel {
  static final int SHIFT = 16;
  static final int BUCKETS = 1024;
  private static final int MASK = BUCKETS - 1;
  private static final int WORDS = BUCKETS / 64;

  private final Timer[] heads = new Timer[BUCKETS];
  private final Timer[] tails = new Timer[BUCKETS];
  /** Bit {@code b % 64} of word {@code b / 64}: bucket {@code b} holds a timer. */
  private final long[] occupied = new long[WORDS];
  private final TimerHeap far = new TimerHeap();
  private int near;

  int size() {
    return near + far.size();
  }

  /** Adds {@code timer} (not pending) at virtual time {@code now} (not after its deadline). */
  void add(Timer timer, long now) {
    long tick = timer.deadline >>> SHIFT;
    if (tick - (now >>> SHIFT) >= BUCKETS) {
      far.add(timer);
      return;
    }
    int bucket = (int) tick & MASK;
    Timer after = tails[bucket];
    while (after != null && before(timer, after)) {
      after = after.previous;
    }
    Timer next = after == null ? heads[bucket] : after.next;
    timer.previous = after;
    timer.next = next;
    if (after == null) {
      heads[bucket] = timer;
    } else {
      after.next = timer;
    }
    if (next == null) {
      tails[bucket] = timer;
    } else {
      next.previous = timer;
    }
    timer.bucket = bucket;
    occupied[bucket >>> 6] |= 1L << bucket;
    near++;
  }

  /** Removes and returns the earliest timer at virtual time {@code now}, or null. */
  Timer poll(long now) {
    Timer first = near == 0 ? null : heads[firstBucket(now)];
    Timer later = far.peek();
    if (later != null && (first == null || before(later, first))) {
      return far.poll();
    }
    if (first != null) {
      unlink(first);
    }
    return first;
  }

  /** Removes {@code timer} if it is pending. */
  void remove(Timer timer) {
    if (timer.bucket >= 0) {
      unlink(timer);
    } else {
      far.remove(timer);
    }
  }

  /** The first non-empty bucket from the one of {@code now} on, round the wheel. */
  private int firstBucket(long now) {
    int start = (int) (now >>> SHIFT) & MASK;
    int word = start >>> 6;
    long bits = occupied[word] & (-1L << start);
    for (int i = 1; bits == 0 && i <= WORDS; i++) {
      word = (word + 1) & (WORDS - 1);
      bits = occupied[word];
      if (i == WORDS) {
        bits &= ~(-1L << start); // back at the start: the buckets before it are the furthest
      }
    }
    return (word << 6) + Long.numberOfTrailingZeros(bits);
  }

  private void unlink(Timer timer) {
    int bucket = timer.bucket;
    Timer previous = timer.previous;
    Timer next = timer.next;
    if (previous == null) {
      heads[bucket] = next;
    } else {
      previous.next = next;
    }
    if (next == null) {
      tails[bucket] = previous;
    } else {
      next.previous = previous;
    }
    timer.previous = null;
    timer.next = null;
    timer.bucket = -1;
    if (heads[bucket] == null) {
      occupied[bucket >>> 6] &= ~(1L << bucket);
    }
    near--;
  }

  /** Deadline first, then creation order, so equal deadlines fire deterministically. */
  private static boolean before(Timer a, Timer b) {
    return a.deadline != b.deadline ? a.deadline < b.deadline : a.sequence < b.sequence;
  }
}
