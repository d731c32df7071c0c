package io.steelmill.examples;

import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input to the shrink, fault and picture options of {@code cluster simulate}, on both
 * stores: every mistake is one line on stderr naming the option, with exit code 2 and no stack
 * trace; what is not a mistake but cannot be done (a shrink of a passing seed, ids the seed never
 * injected, a full disk under the picture) gets a plain sentence.
 */
class FaultOptionsHostileTest {
  private static final List<List<String>> STORES =
      List.of(List.of(), List.of("--store", "replicated"));

  private static Run simulate(List<String> store, List<String> options) {
    List<String> args = new ArrayList<>(List.of("cluster", "simulate", "--nodes", "3",
        "--virtual", "1s"));
    args.addAll(store);
    args.addAll(options);
    return run(args.toArray(String[]::new));
  }

  private static void assertOneLineMistake(Run run, String option, Object what) {
    assertThat(run.code()).as("%s: %s %s", what, run.out(), run.err()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as("%s", what).singleElement().asString()
        .contains(option)
        .doesNotContain("Exception")
        .startsWith("steelmill-examples cluster simulate: ");
    assertThat(run.out()).as("%s: nothing ran", what).doesNotContain("trace sha256");
  }

  @Test
  void badFaultIdsAreOneLineMistakes() {
    String tooMany = String.join(",",
        IntStream.rangeClosed(1, 100_001).mapToObj(i -> "d" + i).toList());
    List<String> ids = List.of("f", "x3", "f-1", "f99999999999", "f1234567890", "f0", "F1",
        "f01", "f1,f1", "b2, f1 ,b2", "", " ", ",", "f1,", ",f1", "f1,,b2", "f1;b2", "f 1",
        "all,f1", "none,f1", "nemesis", "f1\nf2", "\u0000", "f\u0661", "b+1", "d1.5", tooMany);
    for (List<String> store : STORES) {
      for (String id : ids) {
        Run run = simulate(store, List.of("--seed", "1", "--faults", id));
        String shown = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        assertOneLineMistake(run, "--faults", store + " --faults \"" + shown + "\"");
      }
    }
    Run duplicate = simulate(List.of(), List.of("--seed", "1", "--faults", "f2,b1,f2"));
    assertThat(duplicate.err()).contains("--faults: f2 is listed twice; name each fault once");
    Run range = simulate(List.of(), List.of("--seed", "1", "--faults", "f99999999999"));
    assertThat(range.err()).contains("an ordinal from 1 to 999999999");
  }

  @Test
  void faultsReplayOneSeedOnly() {
    for (List<String> store : STORES) {
      Run run = simulate(store, List.of("--seeds", "3", "--faults", "f1"));
      assertOneLineMistake(run, "--faults", store);
      assertThat(run.err()).contains("--faults replays one seed: add --seed S");
    }
  }

  @Test
  void shrinkBudgetsOutsideTheRangeAreOneLineMistakes() {
    for (List<String> store : STORES) {
      for (String budget : List.of("0", "-1", "-2147483648", "10001", "2147483647",
          "2147483648", "99999999999999", "abc", "1e3", "", "5.0")) {
        Run run = simulate(store, List.of("--seed", "1", "--shrink", "--shrink-budget", budget));
        assertOneLineMistake(run, "--shrink-budget", store + " --shrink-budget \"" + budget + "\"");
      }
    }
  }

  @Test
  void picturesThatCannotBeWrittenAreOneLineMistakes(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    List<String> paths = List.of(
        dir.toString(),                                   // a directory
        dir.resolve("missing/p.html").toString(),         // no such folder
        file.resolve("p.html").toString(),                // a file where a folder should be
        "/proc/steelmill-picture.html",                   // a file system that creates nothing
        "",
        " ");
    for (List<String> store : STORES) {
      for (String path : paths) {
        Run run = simulate(store, List.of("--seed", "1", "--picture", path));
        assertOneLineMistake(run, "--picture", store + " --picture \"" + path + "\"");
      }
      Run sweep = simulate(store, List.of("--seeds", "2", "--picture",
          dir.resolve("p.html").toString()));
      assertOneLineMistake(sweep, "--picture", store + " --picture in a sweep");
    }
    Run notAFolder = simulate(List.of(), List.of("--seed", "1", "--picture",
        file.resolve("p.html").toString()));
    assertThat(notAFolder.err()).contains("is a file, not a folder");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aPictureOnAFullDiskIsOneLineNamingThePicture() {
    Path full = Path.of("/dev/full");
    if (!Files.isWritable(full)) {
      return; // not Linux: the other cases cover the checks before a run
    }
    Run run = simulate(List.of("--store", "replicated"),
        List.of("--seed", "1", "--picture", full.toString()));
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err().strip().lines().toList()).singleElement().asString()
        .contains("the picture /dev/full could not be written: No space left on device")
        .doesNotContain("Exception");
  }

  @Test
  void shrinkingAPassingSeedSaysThereIsNothingToShrink() {
    for (List<String> store : STORES) {
      Run one = simulate(store, List.of("--seed", "1", "--shrink"));
      assertThat(one.code()).as(one.out()).isZero();
      assertThat(one.out()).contains("shrink: seed 1 passed, so there is nothing to shrink")
          .doesNotContain("shrunk:");
      Run sweep = simulate(store, List.of("--seeds", "2", "--shrink", "--buggify"));
      assertThat(sweep.code()).as(sweep.out()).isZero();
      assertThat(sweep.out()).contains("shrink: no seed failed, so there is nothing to shrink");
      assertThat(one.err() + sweep.err()).doesNotContain("Exception");
    }
  }

  @Test
  void idsTheSeedNeverInjectedAreNamed() {
    Run run = simulate(List.of("--store", "replicated"),
        List.of("--seed", "1", "--faults", "f1,f9000,b777"));
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).containsPattern("note: --faults names b777,f9000, which seed 1 never"
        + " injected \\(it injected \\d+ faults\\); they were ignored");
  }
}
