package io.steelmill.sim.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 17's shrinking: replays that fail another way
 * than the seed did, a budget too small to replay anything that matters, replays that never
 * reproduce, replays that cannot be made. What shrinking keeps must fail as the seed failed,
 * and its summary must say only what was replayed.
 */
class ShrinkRedTeamTest {
  private static SimResult run(Throwable failure) {
    return new SimResult(7, 0, 0, 0, 0, "", List.of(), List.of(), failure, List.of());
  }

  /** An error thrown by a user's class {@code cls} at {@code line}, under framework frames. */
  private static <T extends Throwable> T thrownAt(T error, String cls, int line) {
    error.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("org.assertj.core.api.AbstractAssert", "isEqualTo", "A.java", 1),
        new StackTraceElement(cls, "check", "Store.java", line),
        new StackTraceElement("io.steelmill.sim.RunLoop", "run", "RunLoop.java", 9)});
    return error;
  }

  /**
   * Two invariants of one store, both failing with {@code AssertionError}: every run failure of
   * one class was "the same", so a shrink kept the replay that broke the other invariant (here
   * {@code f1,f2}, which break invariant B) and printed its command as the seed's (invariant A,
   * which needs {@code f3} and {@code f4}). The throw site of the user's code now tells them apart.
   */
  @Test
  void aReplayThatBreaksAnotherInvariantIsNotTheSameFailure() {
    FailureKind a = FailureKind.of(run(thrownAt(new AssertionError("a"), "com.example.Store", 10)),
        null);
    FailureKind b = FailureKind.of(run(thrownAt(new AssertionError("b"), "com.example.Store", 20)),
        null);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.text()).isEqualTo("run: java.lang.AssertionError at com.example.Store.check"
        + "(Store.java:10)");
    ShrinkResult result = new Shrinker(200).shrink(List.of("f1", "f2", "f3", "f4"), a, mask -> {
      boolean breaksA = mask.allows("f3") && mask.allows("f4");
      boolean breaksB = mask.allows("f1") && mask.allows("f2");
      Throwable failure = breaksA ? thrownAt(new AssertionError("a, other values"),
          "com.example.Store", 10) : breaksB ? thrownAt(new AssertionError(), "com.example.Store",
          20) : null;
      return FailureKind.of(run(failure), null);
    });
    assertThat(result.kept()).containsExactly("f3", "f4");
    assertThat(result.minimal()).isTrue();
  }

  /**
   * The site is the root cause's, so a wrapper the simulator adds changes nothing; frames of the
   * simulator, the JDK and assertion libraries are skipped; a stack overflow (whose frames depend
   * on the depth) and a failure with no user frame keep the class alone; a cause cycle ends.
   */
  @Test
  void theSiteIsTheUsersFrameOfTheRootCause() {
    Throwable root = thrownAt(new IllegalStateException("x"), "com.example.Store", 42);
    FailureKind wrapped = FailureKind.of(run(new RuntimeException("daemon store on n1 failed in"
        + " run", root)), null);
    assertThat(wrapped.text()).isEqualTo("run: java.lang.RuntimeException at"
        + " com.example.Store.check(Store.java:42)");
    assertThat(FailureKind.of(run(new StackOverflowError()), null).text())
        .isEqualTo("run: java.lang.StackOverflowError");
    assertThat(FailureKind.of(run(new IllegalStateException("kernel")), null).text())
        .isEqualTo("run: java.lang.IllegalStateException");
    Throwable first = new RuntimeException("first");
    Throwable second = new RuntimeException("second", first);
    first.initCause(second);
    assertThat(FailureKind.of(run(first), null).text()).startsWith("run: java.lang.Runtime");
  }

  /**
   * A budget of one replay is spent on the run without faults: the summary said "the replay with
   * all 3 faults passed" though that run was never replayed.
   */
  @Test
  void aBudgetTooSmallSaysWhatWasNotReplayed() {
    List<FaultMask> replayed = new ArrayList<>();
    ShrinkResult result = new Shrinker(1).shrink(List.of("f1", "d2", "b3"), mask -> {
      replayed.add(mask);
      return mask.allows("d2");
    });
    assertThat(replayed).hasSize(1);
    assertThat(result.reproduced()).isFalse();
    assertThat(result.kept()).containsExactly("f1", "d2", "b3");
    assertThat(result.summary()).isEqualTo("not shrunk: a replay budget of 1 was spent before the"
        + " run with every fault was replayed; give at least 2").doesNotContain("passed");
    ShrinkResult two = new Shrinker(2).shrink(List.of("f1", "d2", "b3"), mask -> mask.allows("d2"));
    assertThat(two.reproduced()).isTrue();
    assertThat(two.minimal()).isFalse();
    assertThat(two.summary()).endsWith("replay budget spent, may not be minimal");
  }

  /** Cases that already held, kept so they hold: flaky, never reproduced, fails without faults. */
  @Test
  void flakyAndUnreproducibleFailuresAreSaidSo() {
    int[] calls = {0};
    ShrinkResult flaky = new Shrinker(200).shrink(List.of("f1", "f2", "f3", "f4"),
        mask -> calls[0]++ % 2 == 1);
    assertThat(flaky.replays()).isLessThanOrEqualTo(200);
    assertThat(flaky.original()).hasSize(4);
    ShrinkResult never = new Shrinker(200).shrink(List.of("f1", "f2"), mask -> false);
    assertThat(never.summary()).isEqualTo("not shrunk: the replay with all 2 faults passed"
        + " (2 replays)");
    ShrinkResult always = new Shrinker(200).shrink(List.of("f1", "f2"), mask -> true);
    assertThat(always.kept()).isEmpty();
    assertThat(always.summary()).startsWith("0 of 2 faults (none), 1 replays, 1-minimal");
    ShrinkResult nothing = new Shrinker(5).shrink(List.of(), mask -> true);
    assertThat(nothing.kept()).isEmpty();
  }
}
