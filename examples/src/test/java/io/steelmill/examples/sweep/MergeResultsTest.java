package io.steelmill.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.SeedResult;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SweepReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merge-results on good and on hostile input: every wrong set of reports is a one-line error. */
class MergeResultsTest {
  private record Result(int exit, String out, String err) {}

  private static Result merge(boolean partial, Path out, Path... reports) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int exit = MergeResults.run(List.of(reports), out, partial,
        new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return new Result(exit, stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  /** A shard's report of seeds 1..seeds that belong to it; seed 5 fails. */
  private static Path shard(Path root, Shard shard, int seeds) throws Exception {
    SweepReport report = new SweepReport(shard);
    for (long s = 1; s <= seeds; s++) {
      if (shard.contains(s)) {
        boolean failed = s == 5;
        report.add(new SeedResult("suite \"quoted\" <x>", s, !failed, "hash" + s,
            failed ? "broke:\tline \u0001" : null, failed ? "replay --seed 5" : null, 1_000_000));
      }
    }
    Path dir = root.resolve("shard-" + shard.index() + "-of-" + shard.count());
    report.write(dir);
    return dir;
  }

  @Test
  void mergesAllShardsAndListsTheFailingSeeds(@TempDir Path root) throws Exception {
    Path a = shard(root, new Shard(0, 3), 9);
    Path b = shard(root, new Shard(1, 3), 9);
    Path c = shard(root, new Shard(2, 3), 9);
    Result result = merge(false, root.resolve("merged"), c, a, b);

    assertThat(result.err()).isEmpty();
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).contains("shards: 3 of 3, seeds: 9, failing: 1")
        .contains("failing seed 5 of suite \"quoted\" <x>").contains("replay: replay --seed 5");
    SweepReport merged = SweepReport.read(root.resolve("merged"));
    assertThat(merged.results()).extracting(SeedResult::seed)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(merged.failing()).singleElement().satisfies(r -> {
      assertThat(r.failure()).isEqualTo("broke:\tline \u0001");
      assertThat(r.suite()).isEqualTo("suite \"quoted\" <x>");
    });
    String junit = Files.readString(root.resolve("merged/junit.xml"));
    assertThat(junit).contains("tests=\"9\" failures=\"1\"")
        .contains("suite &quot;quoted&quot; &lt;x&gt;").doesNotContain("\u0001");
    // a merged report merges again, alone
    assertThat(merge(false, null, root.resolve("merged")).out()).contains("shards: 3 of 3");
  }

  @Test
  void wrongSetsOfReportsAreOneLineErrors(@TempDir Path root) throws Exception {
    Path a = shard(root, new Shard(0, 2), 6);
    Path b = shard(root, new Shard(1, 2), 6);
    Path other = shard(root, new Shard(1, 3), 6);
    Path corrupt = Files.createDirectories(root.resolve("corrupt"));
    Files.writeString(corrupt.resolve("results.json"), "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/2\"");
    Path foreign = Files.createDirectories(root.resolve("foreign"));
    Files.writeString(foreign.resolve("results.json"), "{\"format\": \"something-else\"}");
    Path stray = Files.createDirectories(root.resolve("stray"));
    Files.writeString(stray.resolve("results.json"), Files.readString(a.resolve("results.json"))
        .replace("\"seed\": 2,", "\"seed\": 3,"));
    Path empty = Files.createDirectories(root.resolve("empty"));
    // shard 1/2 as another Steelmill version wrote it: its traces are that version's
    Path otherVersion = Files.createDirectories(root.resolve("other-version"));
    String version = SweepReport.read(b).version();
    assertThat(version).isNotBlank();
    String written = Files.readString(b.resolve("results.json"));
    Files.writeString(otherVersion.resolve("results.json"), written.replace(
        "\"steelmill\": \"" + version + "\"", "\"steelmill\": \"9.9.9\""));

    record Case(String expected, Path... reports) {}
    for (Case bad : List.of(
        new Case("missing shard 1/2", a),
        new Case("by Steelmill \"9.9.9\", but", a, otherVersion),
        new Case("is in both", a, b, a),
        new Case("split into 2", a, other),
        new Case("not a sweep report", corrupt, b),
        new Case("format is something-else", foreign, b),
        new Case("does not belong", stray, b),
        new Case("no such file", empty, b),
        new Case("no such file", root.resolve("nowhere"), b))) {
      Result result = merge(false, null, bad.reports());
      assertThat(result.exit()).as(bad.expected()).isEqualTo(2);
      assertThat(result.err()).as(bad.expected()).startsWith("merge-results: ")
          .contains(bad.expected()).doesNotContain("\tat ");
      assertThat(result.err().strip().lines().count()).as(bad.expected()).isEqualTo(1);
    }
    Result partial = merge(true, null, a);
    assertThat(partial.exit()).isEqualTo(0);
    assertThat(partial.out()).contains("shards: 1 of 2 (missing: [1/2])");
  }
}
