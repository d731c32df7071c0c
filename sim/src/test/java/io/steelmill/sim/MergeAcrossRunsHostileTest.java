package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging what {@link ShardAndMergeHostileTest} does not try: the shards of different sweeps
 * (other seed ranges, other options, an older report that names no sweep), the same shard
 * through a symbolic link, a report cut at every byte, an empty path, and files that would hang
 * or exhaust a reader (a pipe, a device, a loop of links, a file over the size bound). Each is
 * refused in one line naming the file, within a bound, or merged correctly; never a silently
 * wrong union.
 */
class MergeAcrossRunsHostileTest {
  private static SeedResult result(String suite, long seed) {
    return new SeedResult(suite, seed, seed % 4 != 0, "h" + seed,
        seed % 4 != 0 ? null : "failed", seed % 4 != 0 ? null : "replay " + seed, seed);
  }

  /** Shard {@code index/count} of seeds 1..seeds of the sweep {@code sweep}, under {@code dir}. */
  private static Path shard(Path dir, String name, String sweep, int index, int count, int seeds)
      throws Exception {
    Shard shard = new Shard(index, count);
    SweepReport report = new SweepReport(shard, sweep);
    for (long seed = 1; seed <= seeds; seed++) {
      if (shard.contains(seed)) {
        report.add(result("cluster simulate --nodes 5", seed));
      }
    }
    Path out = dir.resolve(name);
    report.write(out);
    return out;
  }

  private static void assertRefused(List<Path> paths, String... fragments) {
    Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, false));
    assertThat(thrown).as("%s", paths).isExactlyInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).as("%s", paths).doesNotContain("\n").contains(fragments);
  }

  @Test
  void theShardsOfDifferentSweepsAreNotMerged(@TempDir Path dir) throws Exception {
    String a = "cluster simulate --nodes 5 --seeds 100";
    Path a0 = shard(dir, "a0", a, 0, 2, 100);
    Path a1 = shard(dir, "a1", a, 1, 2, 100);
    List<List<Path>> refused = new ArrayList<>();
    List<String> others = List.of("cluster simulate --nodes 5 --seeds 50",
        "cluster simulate --nodes 5 --buggify --seeds 100",
        "cluster simulate --nodes 3 --seeds 100", a + " ", a.toUpperCase(), "");
    for (String other : others) {
      Path b1 = shard(dir, "b1-" + refused.size(), other, 1, 2, 100);
      refused.add(List.of(a0, b1));
      refused.add(List.of(b1, a0));
    }
    Path old = shard(dir, "old", null, 1, 2, 100);
    refused.add(List.of(a0, old));
    refused.add(List.of(old, a0));
    for (List<Path> paths : refused) {
      assertRefused(paths, "merge the shards of one sweep only", paths.get(1).toString());
    }
    SweepReport merged = SweepMerge.merge(List.of(a1, a0), false);
    assertThat(merged.sweep()).isEqualTo(a);
    assertThat(merged.results()).hasSize(100);
    Path out = dir.resolve("merged");
    merged.write(out);
    assertThat(SweepReport.read(out).sweep()).isEqualTo(a);
    // older reports, which name no sweep, still merge among themselves
    Path old0 = shard(dir, "old0", null, 0, 2, 100);
    assertThat(SweepMerge.merge(List.of(old0, old), false).results()).hasSize(100);
  }

  @Test
  void aShardThroughALinkOrAnotherSpellingIsStillTheSameShard(@TempDir Path dir)
      throws Exception {
    String sweep = "pingpong --nodes 5 --seeds 30";
    Path s0 = shard(dir, "s0", sweep, 0, 3, 30);
    Path s1 = shard(dir, "s1", sweep, 1, 3, 30);
    Path s2 = shard(dir, "s2", sweep, 2, 3, 30);
    Path link = Files.createSymbolicLink(dir.resolve("link"), s1);
    Path fileLink = Files.createSymbolicLink(dir.resolve("file-link.json"),
        s2.resolve("results.json"));
    for (List<Path> paths : List.of(List.of(s0, s1, s2, link), List.of(s0, s1, link, s2),
        List.of(s0, s1, s2, dir.resolve("./s1")), List.of(s0, s1, s2, s1.resolve("../s1")),
        List.of(s0, s1, s2, fileLink))) {
      assertRefused(paths, "pass each shard's report once");
    }
    assertThat(SweepMerge.merge(List.of(s0, link, fileLink), false).results()).hasSize(30);
    // other splits of the same sweep overlap: refused
    assertRefused(List.of(s0, shard(dir, "t1", sweep, 1, 2, 30)), "merge the shards of one sweep");
  }

  @Test
  void aReportCutAtAnyByteIsRefused(@TempDir Path dir) throws Exception {
    Path whole = shard(dir, "whole", "pingpong --seeds 6", 0, 1, 6);
    byte[] bytes = Files.readAllBytes(whole.resolve("results.json"));
    int cases = 0;
    for (int cut = 0; cut < bytes.length - 2; cut++) { // the last two bytes: "}\n"
      Path part = dir.resolve("cut").resolve("results.json");
      Files.createDirectories(part.getParent());
      Files.write(part, java.util.Arrays.copyOf(bytes, cut));
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(List.of(part), true));
      assertThat(thrown).as("cut at %d of %d", cut, bytes.length)
          .isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("cut at %d", cut).doesNotContain("\n")
          .contains(part.toString());
      cases++;
    }
    assertThat(cases).isGreaterThan(400);
  }

  @Test
  void anEmptyPathOrAnEmptyDirectoryIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertRefused(List.of(empty), empty.toString(), "no such file");
    assertRefused(List.of(Path.of("")), "no report");
    assertRefused(List.of(Path.of(" ")), "no report");
  }

  /** What would block a plain read forever or fill the heap is refused before reading. */
  @Test
  void pipesDevicesLinkLoopsAndHugeFilesAreRefusedWithinABound(@TempDir Path dir)
      throws Exception {
    List<Path> hostile = new ArrayList<>();
    Path fifo = dir.resolve("fifo").resolve("results.json");
    Files.createDirectories(fifo.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    if (mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0) {
      hostile.add(fifo.getParent());
      hostile.add(fifo);
    }
    if (Files.exists(Path.of("/dev/zero"))) {
      Path device = dir.resolve("device").resolve("results.json");
      Files.createDirectories(device.getParent());
      Files.createSymbolicLink(device, Path.of("/dev/zero"));
      hostile.add(device.getParent());
    }
    Path loop = dir.resolve("loop").resolve("results.json");
    Files.createDirectories(loop.getParent());
    Files.createSymbolicLink(loop, loop);
    hostile.add(loop.getParent());
    Path huge = dir.resolve("huge").resolve("results.json");
    Files.createDirectories(huge.getParent());
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(SweepReport.maxReportBytes() + 1); // sparse: no disk used
    }
    hostile.add(huge.getParent());
    for (Path path : hostile) {
      CompletableFuture<Throwable> merge = CompletableFuture.supplyAsync(
          () -> catchThrowable(() -> SweepMerge.merge(List.of(path), true)));
      Throwable thrown = merge.get(60, TimeUnit.SECONDS);
      assertThat(thrown).as("%s", path).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", path).doesNotContain("\n")
          .contains(path.toString());
    }
    assertThat(hostile).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aSweepThatIsNotTextIsNamed(@TempDir Path dir) throws Exception {
    for (String sweep : List.of("5", "null", "[]", "{}", "true")) {
      Path file = dir.resolve("r" + sweep.hashCode() + ".json");
      Files.writeString(file, "{\"format\": \"steelmill-sweep/1\", \"sweep\": " + sweep
          + ", \"shards\": [\"0/1\"], \"results\": []}", StandardCharsets.UTF_8);
      Throwable thrown = catchThrowable(() -> SweepReport.read(file));
      assertThat(thrown).as(sweep).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(sweep).contains("sweep").doesNotContain("\n");
    }
  }
}
