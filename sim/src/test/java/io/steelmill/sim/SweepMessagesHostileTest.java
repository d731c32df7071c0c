package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths and suite names holding line breaks, terminal escape sequences or Unicode's line
 * separators: they split the one-line error that named them, or forged a line after it. Every
 * error of reading and merging reports is one line whatever the names in it.
 */
class SweepMessagesHostileTest {
  /** Characters that end a line or drive a terminal, wherever a message is shown. */
  private static final List<String> BREAKS =
      List.of("\n", "\r", "\u0085", "\u2028", "\u2029", "\u001b[2J", "\u0000", "\u007f", "\u009b");

  @Test
  void pathsWithLineBreaksStayOnOneLineInEveryError(@TempDir Path dir) throws Exception {
    for (String odd : BREAKS) {
      if (odd.equals("\u0000")) {
        continue; // no file system takes it
      }
      Path base = Files.createDirectories(
          dir.resolve("shard" + odd + "x" + Math.abs(odd.hashCode())));
      Path good = base.resolve("good");
      SweepReport report = new SweepReport(new Shard(0, 2), "a sweep");
      report.add(new SeedResult("s", 2, false, "h", "boom", "replay", 0));
      report.write(good);
      Path otherSweep = base.resolve("other");
      new SweepReport(new Shard(1, 2), "another sweep").write(otherSweep);
      Path corrupt = Files.createDirectories(base.resolve("corrupt"));
      Files.writeString(corrupt.resolve("results.json"), "{", StandardCharsets.UTF_8);
      List<List<Path>> refused = List.of(List.of(base.resolve("missing")), List.of(corrupt),
          List.of(good, good), List.of(good, otherSweep), List.of(good), List.of(base));
      for (List<Path> paths : refused) {
        Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, false));
        assertThat(thrown).as("%s", paths).isExactlyInstanceOf(IllegalArgumentException.class);
        assertOneLine(thrown.getMessage(), paths.toString());
        assertThat(thrown.getMessage()).contains("shard");
      }
      Throwable read = catchThrowable(() -> SweepReport.read(base.resolve("missing")));
      assertOneLine(read.getMessage(), "read");
    }
  }

  @Test
  void aSuiteWithLineBreaksReportedTwiceIsOneLine(@TempDir Path dir) throws Exception {
    for (String odd : BREAKS) {
      String suite = "suite" + odd + "failing seed 9 of forged";
      SweepReport a = new SweepReport(new Shard(0, 2), "sweep");
      a.add(new SeedResult(suite, 2, true, "h", null, null, 0));
      SweepReport b = new SweepReport(new Shard(1, 2), "sweep");
      b.add(new SeedResult(suite, 3, true, "h", null, null, 0));
      b.add(new SeedResult(suite, 2, true, "h", null, null, 0)); // not its shard's seed
      Path pa = dir.resolve("a" + Math.abs(odd.hashCode()));
      Path pb = dir.resolve("b" + Math.abs(odd.hashCode()));
      a.write(pa);
      b.write(pb);
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(List.of(pa, pb), false));
      assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
      assertOneLine(thrown.getMessage(), suite);
      Throwable twice = catchThrowable(() -> a.add(new SeedResult(suite, 2, true, "h", null, null,
          0)));
      assertThat(twice).hasMessageContaining("reported twice");
      assertOneLine(twice.getMessage(), suite);
    }
  }

  private static void assertOneLine(String message, String what) {
    for (String odd : BREAKS) {
      assertThat(message).as("%s: %s", what.replace("\n", "\\n"), message)
          .doesNotContain(odd.substring(0, 1));
    }
  }
}
