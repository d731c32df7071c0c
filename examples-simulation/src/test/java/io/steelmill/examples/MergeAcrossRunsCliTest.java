package io.steelmill.examples;

import static io.steelmill.examples.CliHostileTest.assertNoStackTrace;
import static io.steelmill.examples.CliHostileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliHostileTest.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merge-results} given the shards of different sweeps, as a CI matrix with a changed
 * option or a stale artifact gives them: other seed counts, nodes, virtual times, --buggify.
 * Each is one line and exit code 2, never a union of two sweeps that describes neither; the
 * shards of one sweep still merge.
 */
class MergeAcrossRunsCliTest {
  @TempDir Path dir;

  private Path shard(String name, String... args) {
    Path out = dir.resolve(name);
    List<String> vector = new ArrayList<>(List.of(args));
    vector.addAll(List.of("--jobs", "1", "--report-dir", out.toString()));
    Result result = run(vector.toArray(String[]::new));
    assertThat(result.code()).as(vector + "\n" + result.out() + result.err()).isZero();
    return out;
  }

  private static void assertRefused(Path a, Path b) {
    Result result = run("merge-results", a.toString(), b.toString());
    String label = a + " + " + b + "\nout: " + result.out() + "\nerr: " + result.err();
    assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
    assertThat(result.err().lines().toList()).as(label).hasSize(1);
    assertThat(result.err()).as(label).contains("merge the shards of one sweep only")
        .contains(b.toString());
    assertThat(result.out()).as(label).isEmpty();
    assertNoStackTrace(result, label);
  }

  @Test
  void pingpongShardsOfDifferentSweepsAreRefused() {
    String[] base = {"pingpong", "--nodes", "3", "--virtual", "2s", "--seeds", "6"};
    Path first = shard("first", concat(base, "--shard", "0/2"));
    Path second = shard("second", concat(base, "--shard", "1/2"));
    Path nodes = shard("nodes", "pingpong", "--nodes", "4", "--virtual", "2s", "--seeds", "6",
        "--shard", "1/2");
    Path seeds = shard("seeds", "pingpong", "--nodes", "3", "--virtual", "2s", "--seeds", "4",
        "--shard", "1/2");
    Path virtual = shard("virtual", "pingpong", "--nodes", "3", "--virtual", "3s", "--seeds",
        "6", "--shard", "1/2");
    for (Path other : List.of(nodes, seeds, virtual)) {
      assertRefused(first, other);
    }
    Result merged = run("merge-results", first.toString(), second.toString());
    assertThat(merged.code()).as(merged.err()).isZero();
    assertThat(merged.out()).contains("shards: 2 of 2, seeds: 6, failing: 0");
  }

  @Test
  void clusterShardsWithAndWithoutBuggifyAreRefused() {
    String[] base = {"cluster", "simulate", "--nodes", "2", "--virtual", "1s", "--seeds", "2"};
    Path plain = shard("plain", concat(base, "--shard", "0/2"));
    Path buggify = shard("buggify", concat(base, "--shard", "1/2", "--buggify"));
    assertRefused(plain, buggify);
  }

  /** A sweep that stopped at its first violation (no --keep-going) is not its shard's whole. */
  @Test
  void aShardThatStoppedAtItsFirstViolationIsNotMergedAsWhole() {
    Path out = dir.resolve("stopped");
    Result sweep = run("cluster", "simulate", "--nodes", "5", "--virtual", "5s", "--seeds", "40",
        "--bug", "stale-read", "--jobs", "1", "--report-dir", out.toString());
    assertThat(sweep.code()).as(sweep.out()).isEqualTo(1);
    Result merged = run("merge-results", out.toString());
    String label = "out: " + merged.out() + "\nerr: " + merged.err();
    assertThat(merged.code()).as(label).isEqualTo(Cli.USAGE);
    assertThat(merged.err().lines().toList()).as(label).hasSize(1);
    assertThat(merged.err()).as(label).contains(out.toString(), "of the 40 seeds",
        "failing: seed", "--keep-going");
    assertNoStackTrace(merged, label);
    Result partial = run("merge-results", "--partial", out.toString());
    assertThat(partial.code()).as(partial.err()).isEqualTo(1);
    assertThat(partial.out()).contains("not run: ").contains("replay: ");
  }

  @Test
  void anEmptyOutIsRefused() {
    Path first = shard("one", "pingpong", "--nodes", "2", "--virtual", "1s", "--seeds", "1");
    Result result = run("merge-results", "--out", "", first.toString());
    assertThat(result.code()).isEqualTo(Cli.USAGE);
    assertThat(result.err().lines().toList()).hasSize(1);
    assertThat(result.err()).contains("--out needs a directory");
  }

  private static String[] concat(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
