package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report records the Steelmill version that ran its seeds, and merge refuses the shards of two
 * versions in one line naming both files and both versions: a seed's trace belongs to the kernel
 * that ran it, so such a union would list hashes no single version reproduces.
 */
class MergeVersionsTest {
  private static final String SWEEP = "cluster simulate --nodes 5 --seeds 40";

  private static Path shard(Path dir, String name, String version, int index) throws Exception {
    Shard shard = new Shard(index, 2);
    SweepReport report = new SweepReport(List.of(shard), SWEEP, version);
    for (long seed = 1; seed <= 40; seed++) {
      if (shard.contains(seed)) {
        report.add(new SeedResult("cluster simulate --nodes 5", seed, true,
            "%064x".formatted(seed), null, null, seed));
      }
    }
    Path out = dir.resolve(name);
    report.write(out);
    return out;
  }

  @Test
  void aNewReportRecordsThisClassPathsVersion(@TempDir Path dir) throws Exception {
    assertThat(SteelmillVersion.current()).isNotEqualTo(SteelmillVersion.UNKNOWN)
        .doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
    SweepReport report = new SweepReport(new Shard(0, 1), SWEEP);
    assertThat(report.version()).isEqualTo(SteelmillVersion.current());
    report.write(dir);
    assertThat(Files.readString(dir.resolve(SweepReport.RESULTS)))
        .contains("\"steelmill\": \"" + SteelmillVersion.current() + "\"");
    assertThat(SweepReport.read(dir).version()).isEqualTo(SteelmillVersion.current());
  }

  @Test
  void theShardsOfDifferentVersionsAreRefusedInOneLine(@TempDir Path dir) throws Exception {
    String mine = SteelmillVersion.current();
    Path a0 = shard(dir, "a0", mine, 0);
    Path a1 = shard(dir, "a1", mine, 1);
    List<String> others = List.of("0.2.0", "0.1.0", mine + " ", mine.toLowerCase() + "-x",
        mine.toUpperCase().equals(mine) ? mine + "a" : mine.toUpperCase(), "", "unknown",
        "0.1.0\nseed 1 passed", "\u0000", "\"quoted\"");
    List<List<Path>> refused = new ArrayList<>();
    for (String other : others) {
      Path b1 = shard(dir, "b1-" + refused.size(), other, 1);
      Path b0 = shard(dir, "b0-" + refused.size(), other, 0);
      refused.add(List.of(a0, b1));
      refused.add(List.of(b1, a0));
      refused.add(List.of(b0, a1));
    }
    Path older = shard(dir, "older", null, 1); // written before reports recorded a version
    refused.add(List.of(a0, older));
    refused.add(List.of(older, a0));
    for (List<Path> paths : refused) {
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, false));
      assertThat(thrown).as("%s", paths).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", paths)
          .doesNotContain("\n")
          .contains(paths.get(0).toString(), paths.get(1).toString())
          .contains("rerun the shards with one version");
      assertThat(thrown.getMessage()).as("%s", paths)
          .containsAnyOf("Steelmill \"", "does not name");
    }
    SweepReport merged = SweepMerge.merge(List.of(a1, a0), false);
    assertThat(merged.version()).isEqualTo(mine);
    assertThat(merged.results()).hasSize(40);
    Path out = dir.resolve("merged");
    merged.write(out);
    assertThat(SweepReport.read(out).version()).isEqualTo(mine);
    // two older reports, which name no version, still merge among themselves
    Path older0 = shard(dir, "older0", null, 0);
    assertThat(SweepMerge.merge(List.of(older0, older), false).version()).isNull();
  }

  @Test
  void aVersionThatIsNotTextIsNoReport(@TempDir Path dir) throws Exception {
    Path good = shard(dir, "good", SteelmillVersion.current(), 0);
    String text = Files.readString(good.resolve(SweepReport.RESULTS), StandardCharsets.UTF_8);
    String quoted = "\"steelmill\": \"" + SteelmillVersion.current() + "\"";
    for (String value : List.of("1", "null", "[\"0.1.0\"]", "{}", "true")) {
      Path bad = dir.resolve("bad-" + value.hashCode());
      Files.createDirectories(bad);
      Files.writeString(bad.resolve(SweepReport.RESULTS),
          text.replace(quoted, "\"steelmill\": " + value));
      Throwable thrown = catchThrowable(() -> SweepReport.read(bad));
      assertThat(thrown).as(value).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(value).doesNotContain("\n")
          .contains("not a sweep report", "steelmill");
    }
  }
}
