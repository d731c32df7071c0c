package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The timer wheel against a sorted set, as the run loop drives it: virtual time moves to each
 * polled timer's deadline, timers are added from the current time on (near ones in the wheel,
 * far ones in its heap, many on bucket edges and with equal deadlines), cancelled anywhere, and
 * fired ones are armed again.
 */
class TimerWheelTest {
  private static final Comparator<Timer> ORDER =
      Comparator.<Timer>comparingLong(t -> t.deadline).thenComparingLong(t -> t.sequence);
  private static final long BUCKET = 1L << TimerWheel.SHIFT;
  private static final long SPAN = BUCKET * TimerWheel.BUCKETS;

  @Test
  void pollsInDeadlineThenSequenceOrderAsTimeMoves() {
    for (long seed = 1; seed <= 40; seed++) {
      SplitMix64 random = new SplitMix64(seed);
      TimerWheel wheel = new TimerWheel();
      TreeSet<Timer> expected = new TreeSet<>(ORDER);
      List<Timer> pending = new ArrayList<>();
      List<Timer> done = new ArrayList<>();
      long now = random.nextInt(3) == 0 ? 0 : random.nextLong(1L << 40);
      long sequence = 0;
      for (int op = 0; op < 20_000; op++) {
        String where = "seed " + seed + ", operation " + op + ", now " + now;
        int choice = random.nextInt(20);
        if (choice < 9) {
          Timer timer = done.isEmpty() || random.nextInt(2) == 0
              ? new Timer(null, 0, 0, () -> {}, null) : done.remove(done.size() - 1);
          timer.rearm(now + delay(random), sequence++);
          wheel.add(timer, now);
          expected.add(timer);
          pending.add(timer);
        } else if (choice < 14 && !pending.isEmpty()) {
          Timer timer = pending.remove(random.nextInt(pending.size()));
          wheel.remove(timer);
          wheel.remove(timer); // twice: the second is a no-op
          assertThat(timer.isPending()).as(where).isFalse();
          expected.remove(timer);
          done.add(timer);
        } else {
          Timer polled = wheel.poll(now);
          Timer first = expected.pollFirst();
          assertThat((Object) polled).as(where).isSameAs(first);
          if (polled != null) {
            assertThat(polled.deadline).as(where).isGreaterThanOrEqualTo(now);
            assertThat(polled.isPending()).as(where).isFalse();
            now = polled.deadline;
            pending.remove(polled);
            done.add(polled);
          }
        }
        assertThat(wheel.size()).as(where).isEqualTo(expected.size());
      }
      while (!expected.isEmpty()) {
        Timer polled = wheel.poll(now);
        assertThat((Object) polled).as("seed %d, draining", seed).isSameAs(expected.pollFirst());
        now = polled.deadline;
      }
      assertThat((Object) wheel.poll(now)).isNull();
      assertThat(wheel.size()).isZero();
    }
  }

  /** Delays of every kind: zero, equal, on bucket edges, near, just past the wheel, far. */
  private static long delay(SplitMix64 random) {
    return switch (random.nextInt(8)) {
      case 0 -> 0;
      case 1 -> random.nextInt(4) * BUCKET; // on an edge, often equal to another
      case 2 -> Math.max(0, random.nextInt(4) * BUCKET - 1 + random.nextInt(3));
      case 3 -> SPAN - BUCKET + random.nextInt((int) (2 * BUCKET)); // around the wheel's end
      case 4 -> random.nextLong(20 * SPAN); // far: the heap
      case 5 -> random.nextInt(50); // few distinct deadlines: ties broken by sequence
      default -> random.nextLong(SPAN);
    };
  }
}
