package io.steelmill.sim.shrink;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.FaultMask;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Fails the same way" with a history check that may decide nothing: an undecided replay does
 * not reproduce a violation, and an undecided failure is not shrunk, so a shrink never depends
 * on how fast the machine searches.
 */
class FailureKindTest {
  private static SimResult run(Throwable failure) {
    return new SimResult(7, 0, 0, 0, 0, "", List.of(), List.of(), failure, List.of());
  }

  private static CheckResult check(Verdict verdict) {
    return new CheckResult(verdict, null, null, 0, 0, Duration.ZERO, Duration.ZERO);
  }

  @Test
  void tellsEveryOutcomeApart() {
    assertThat(FailureKind.of(run(null), null)).isEqualTo(FailureKind.PASSED);
    assertThat(FailureKind.of(run(null), check(Verdict.LINEARIZABLE)))
        .isEqualTo(FailureKind.PASSED);
    assertThat(FailureKind.of(run(null), check(Verdict.NOT_LINEARIZABLE)))
        .isEqualTo(FailureKind.NOT_LINEARIZABLE);
    assertThat(FailureKind.of(run(null), check(Verdict.UNKNOWN)))
        .isEqualTo(FailureKind.UNDECIDED)
        .matches(FailureKind::undecided);
    assertThat(FailureKind.of(run(new IllegalStateException()), check(Verdict.UNKNOWN)).text())
        .as("a failed run wins over its history")
        .isEqualTo("run: java.lang.IllegalStateException");
    assertThat(FailureKind.of(run(new IllegalStateException()), null))
        .isNotEqualTo(FailureKind.of(run(new AssertionError()), null));
  }

  @Test
  void anUndecidedReplayDoesNotReproduceAViolation() {
    List<String> faults = List.of("f1", "d2", "b3", "f4", "d5", "b6", "f7", "d8");
    // the bug needs f4; a replay with b3 but without f4 is too slow to decide on this machine
    ShrinkResult result = new Shrinker(200).shrink(faults, FailureKind.NOT_LINEARIZABLE, mask ->
        mask.allows("f4") ? FailureKind.NOT_LINEARIZABLE
            : mask.allows("b3") ? FailureKind.UNDECIDED : FailureKind.PASSED);

    assertThat(result.kept()).containsExactly("f4");
    assertThat(result.minimal()).isTrue();
    assertThat(result.reproduced()).isTrue();
  }

  @Test
  void aReplayThatCannotBeMadeDoesNotFail() {
    ShrinkResult result = new Shrinker(200).shrink(List.of("f1", "b2", "d3"),
        FailureKind.NOT_LINEARIZABLE,
        mask -> mask.allows("d3") ? FailureKind.NOT_LINEARIZABLE : null);

    assertThat(result.kept()).containsExactly("d3");
  }

  @Test
  void anUndecidedFailureIsNotShrunk() {
    List<FaultMask> replays = new ArrayList<>();
    List<String> faults = List.of("f1", "d2", "b3");
    ShrinkResult result = new Shrinker(200).shrink(faults, FailureKind.UNDECIDED, mask -> {
      replays.add(mask);
      return FailureKind.UNDECIDED;
    });

    assertThat(replays).isEmpty();
    assertThat(result.reproduced()).isFalse();
    assertThat(result.kept()).isEqualTo(faults);
    assertThat(result.replays()).isZero();
    assertThat(result.summary()).isEqualTo("not shrunk: the history check decided nothing (its"
        + " time or memory limit), so a replay could not be told to fail the same way");
  }

  /**
   * The simulator's own failures carry no frame of the user's: every one was "run:
   * SimulationException", so a shrink of a deadlocked seed kept a replay that hung or only ran
   * out of virtual time as "failing the same way". Their headlines tell them apart; the numbers
   * in them (task ids, limits) do not.
   */
  @Test
  void theSimulatorsOwnFailuresAreToldApartByWhatTheyAre() {
    FailureKind deadlock = FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Deadlock: 2 tasks wait on each other's locks, found when the cycle formed")), null);
    FailureKind hang = FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Hang: nothing can run and nothing is pending, but the main task has not finished.")),
        null);
    FailureKind limit = FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "The run passed its virtual time limit of PT10S before the main task finished.")), null);
    assertThat(List.of(deadlock, hang, limit)).doesNotHaveDuplicates();
    assertThat(hang.text()).isEqualTo("run: io.steelmill.sim.SimulationException (Hang)");
    assertThat(FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Deadlock: 3 tasks wait on each other's locks, found when the cycle formed")), null))
        .isEqualTo(deadlock);
    // a shrink keeps only replays that fail as the seed did
    ShrinkResult result = new Shrinker(200).shrink(List.of("f1", "f2", "f3"), deadlock,
        mask -> mask.allows("f1") && mask.allows("f3") ? deadlock
            : mask.allows("f2") ? limit : FailureKind.PASSED);
    assertThat(result.kept()).containsExactly("f1", "f3");
  }

  /** Two invariants that one helper checks throw at one line: their names tell them apart. */
  @Test
  void brokenInvariantsAreToldApartByName() {
    AssertionError atOneLine = new AssertionError("broken");
    FailureKind leader = FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Invariant \"one leader\" failed at virtual time PT1.5S: broken", atOneLine)), null);
    FailureKind acked = FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Invariant \"acked writes kept\" failed at virtual time PT2S: broken", atOneLine)), null);
    assertThat(leader).isNotEqualTo(acked);
    assertThat(leader.text()).contains("(invariant \"one leader\")");
    assertThat(FailureKind.of(run(new io.steelmill.sim.SimulationException(
        "Invariant \"one leader\" failed at virtual time PT9S: other", atOneLine)), null))
        .isEqualTo(leader);
  }
}
