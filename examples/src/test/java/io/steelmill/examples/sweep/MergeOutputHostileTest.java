package io.steelmill.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What merge-results prints comes from report files: a suite, a failure message or a replay
 * command with line breaks forged lines ("failing seed 9 ..." where no seed 9 failed), and
 * escape sequences reached the terminal. Each failing seed is one line, its failure's own lines
 * indented under it, and nothing in a report drives the terminal.
 */
class MergeOutputHostileTest {
  private static final List<String> ODD = List.of("\n", "\r", "\r\n", "\u0085", "\u2028",
      "\u2029", "\u001b[31m", "\u009b2J", "\u0007", "\u0000", "\u007f");

  @Test
  void everyFailingSeedIsOneLineWhateverItsReportSays(@TempDir Path root) throws Exception {
    for (int k = 0; k < ODD.size(); k++) {
      String odd = ODD.get(k);
      String forged = odd + "failing seed 99 of forged: fake";
      SweepReport report = new SweepReport(Shard.ALL, "sweep");
      report.add(new SeedResult("suite" + forged, 1, false, "hash" + forged,
          "first line" + forged + "\nsecond line" + forged, "replay" + forged, 0));
      report.add(new SeedResult("suite", 2, false, "hash", "plain", "replay --seed 2", 0));
      report.add(new SeedResult("suite", 3, true, "hash", null, null, 0));
      Path dir = root.resolve("r" + k);
      report.write(dir);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      int exit = MergeResults.run(List.of(dir), null, false,
          new PrintStream(stdout, true, StandardCharsets.UTF_8),
          new PrintStream(stderr, true, StandardCharsets.UTF_8));
      String out = stdout.toString(StandardCharsets.UTF_8);
      String shown = out.replace("\n", "\\n");
      assertThat(exit).as(shown).isEqualTo(1);
      assertThat(out.lines().filter(line -> line.startsWith("failing seed ")).toList())
          .as(shown).hasSize(2).allMatch(line -> !line.contains("99 of forged") || line
              .startsWith("failing seed 1 of suite"));
      assertThat(out.lines()).as(shown).allMatch(line -> line.startsWith("shards: ")
          || line.startsWith("failing seed ") || line.startsWith("  "));
      for (String control : List.of("\r", "\u0085", "\u2028", "\u2029", "\u001b", "\u009b",
          "\u0007", "\u0000", "\u007f")) {
        assertThat(out).as(shown).doesNotContain(control);
      }
      assertThat(out).contains("first line", "    second line", "replay --seed 2");
    }
  }
}
