package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs to sharding and merging: shard specs a script or a CI matrix gets wrong, report
 * files that are missing, repeated, overlapping, cut short or not reports at all, and failure
 * messages with every odd character. Every mistake is one {@link IllegalArgumentException} of
 * one line naming the input, never another exception; every report written reads back as it was.
 */
class ShardAndMergeHostileTest {
  static Stream<String> wrongShards() {
    return Stream.of("0/0", "3/2", "2/2", "-1/2", "1/0", "1/-2", "", " ", "/", "1/", "/2", "1/2/3",
        "1//2", "a/b", "1.0/2", "1/2.0", "0x1/2", "+1/2", "1/+2", "99999999999/2",
        "1/99999999999", "2147483648/2147483649", "0/100001", "１/２", "١/٢", "1 2", "1\\2",
        "1\n/2x", "\u0000/1", "0/1 0", "0/2\u00a0", "one/3", "0/" + "9".repeat(400));
  }

  @ParameterizedTest
  @MethodSource("wrongShards")
  void aWrongShardIsOneLineNamingIt(String text) {
    Throwable thrown = catchThrowable(() -> Shard.parse(text));
    assertThat(thrown).as("%s", text).isExactlyInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).as("%s", text)
        .doesNotContain("\n").doesNotContain("\r").contains("I/N").hasSizeLessThan(300);
  }

  @Test
  void aNullShardIsNamed() {
    assertThatThrownBy(() -> Shard.parse(null)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("I/N");
  }

  @Test
  void spacesAroundAShardAreFine() {
    assertThat(Shard.parse(" 1/4 ")).isEqualTo(new Shard(1, 4));
    assertThat(Shard.parse("1 / 4")).isEqualTo(new Shard(1, 4));
    assertThat(Shard.parse("\t0/1\n")).isEqualTo(Shard.ALL);
    assertThat(Shard.parse("99999/100000")).isEqualTo(new Shard(99_999, 100_000));
  }

  /** Every seed, negative and extreme ones too, is in exactly one shard of every split. */
  @Test
  void everySeedIsInExactlyOneShardOfEverySplit() {
    SplitMix64 random = new SplitMix64(13);
    List<Long> seeds = new ArrayList<>(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    for (int i = 0; i < 2_000; i++) {
      seeds.add(i % 2 == 0 ? random.nextLong() : i - 1_000L);
    }
    for (int count : new int[] {1, 2, 3, 7, 64, 1000, Shard.MAX_COUNT}) {
      for (long seed : seeds) {
        int holders = 0;
        int holder = (int) Math.floorMod(seed, (long) count);
        for (int index : new int[] {0, holder, count - 1, (holder + 1) % count}) {
          holders += new Shard(index, count).contains(seed) && index == holder ? 1 : 0;
          if (index != holder) {
            assertThat(new Shard(index, count).contains(seed))
                .as("seed %d in %d/%d", seed, index, count).isFalse();
          }
        }
        assertThat(holders).as("seed %d of %d shards (seed 13)", seed, count).isPositive();
      }
    }
  }

  // ---- merge --------------------------------------------------------------------------------

  private static SeedResult result(long seed, boolean passed, String failure) {
    return new SeedResult("suite \"a\"", seed, passed, "h" + seed, passed ? null : failure,
        passed ? null : "replay --seed " + seed, 1_000_000L * seed);
  }

  /** The report of shard {@code index/count} of seeds 1..seeds, written under {@code dir}. */
  private static Path shard(Path dir, int index, int count, int seeds) throws Exception {
    Shard shard = new Shard(index, count);
    SweepReport report = new SweepReport(shard);
    for (long seed = 1; seed <= seeds; seed++) {
      if (shard.contains(seed)) {
        report.add(result(seed, seed % 5 != 0, "failed at seed " + seed));
      }
    }
    Path out = dir.resolve("shard-" + index + "-of-" + count);
    report.write(out);
    return out;
  }

  @Test
  void theUnionOfEveryShardIsTheWholeSweepSeedForSeed(@TempDir Path dir) throws Exception {
    for (int count : new int[] {1, 2, 3, 5, 16}) {
      Path whole = shard(dir.resolve("whole" + count), 0, 1, 40);
      List<Path> parts = new ArrayList<>();
      for (int i = count - 1; i >= 0; i--) { // any order
        parts.add(shard(dir.resolve("n" + count), i, count, 40));
      }
      SweepReport merged = SweepMerge.merge(parts, false);
      assertThat(merged.results()).as("%d shards", count)
          .isEqualTo(SweepReport.read(whole).results());
      assertThat(SweepMerge.missing(merged)).isEmpty();
    }
  }

  /** Each a set of report paths to merge that must be refused with one line naming a file. */
  @Test
  void mergesThatDoNotAddUpAreRefused(@TempDir Path dir) throws Exception {
    Path a = shard(dir, 0, 3, 30);
    Path b = shard(dir, 1, 3, 30);
    Path c = shard(dir, 2, 3, 30);
    Path other = shard(dir, 1, 4, 30);
    Path merged = dir.resolve("merged");
    SweepMerge.merge(List.of(a, b, c), false).write(merged);
    List<List<Path>> refused = List.of(
        List.of(), List.of(a, b), List.of(a, b, c, c), List.of(a, a, b, c), List.of(a, b, other),
        List.of(merged, a), List.of(merged, merged), List.of(a, b, c, dir.resolve("nowhere")),
        List.of(a, b, c, merged.resolve("results.json")));
    for (List<Path> paths : refused) {
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, false));
      assertThat(thrown).as("%s", paths).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", paths).doesNotContain("\n");
    }
    assertThat(SweepMerge.missing(SweepMerge.merge(List.of(a, c), true)))
        .containsExactly(new Shard(1, 3));
  }

  static Stream<String> corruptReports() {
    String good = "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/1\"], \"results\": [%s]}";
    String entry = "{\"suite\": \"s\", \"seed\": 1, \"passed\": true, \"traceSha256\": \"h\","
        + " \"failure\": null, \"replay\": null, \"wallMillis\": 3}";
    return Stream.of("", " ", "{", "}", "[]", "null", "42", "\"text\"", "{}",
        "{\"format\": \"steelmill-sweep/2\", \"shards\": [\"0/1\"], \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [], \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": \"0/1\", \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [0], \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/0\"], \"results\": []}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/2\"], \"results\": [" + entry + "]}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/1\"]}",
        "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/1\"], \"results\": {}}",
        good.formatted("1"), good.formatted("null"), good.formatted("[]"),
        good.formatted(entry + ", " + entry),
        good.formatted(entry.replace("\"seed\": 1", "\"seed\": \"1\"")),
        good.formatted(entry.replace("\"seed\": 1", "\"seed\": 1.5")),
        good.formatted(entry.replace("\"seed\": 1", "\"seed\": 99999999999999999999")),
        good.formatted(entry.replace("\"seed\": 1", "\"seed\": -")),
        good.formatted(entry.replace("\"seed\": 1, ", "")),
        good.formatted(entry.replace("\"passed\": true", "\"passed\": \"yes\"")),
        good.formatted(entry.replace("\"passed\": true", "\"passed\": null")),
        good.formatted(entry.replace("\"traceSha256\": \"h\"", "\"traceSha256\": null")),
        good.formatted(entry.replace("\"suite\": \"s\"", "\"suite\": 5")),
        good.formatted(entry.replace("\"failure\": null", "\"failure\": 7")),
        good.formatted(entry.replace("\"wallMillis\": 3", "\"wallMillis\": 9223372036854775")),
        good.formatted(entry.replace("\"wallMillis\": 3", "\"wallMillis\": -3")),
        good.formatted(entry.replace("\"s\"", "\"s\\x\"")),
        good.formatted(entry.replace("\"s\"", "\"s\\u12G4\"")),
        good.formatted(entry.replace("\"s\"", "\"s\\u+123\"")),
        good.formatted(entry.replace("\"s\"", "\"s\\u12")),
        good.formatted(entry.replace("\"seed\": 1", "\"seed\": \u0661")),
        good.formatted(entry) + " trailing", good.formatted(entry).substring(0, 60),
        "[".repeat(100_000), "{\"a\":".repeat(50_000), "\ufeff" + good.formatted(""));
  }

  @ParameterizedTest
  @MethodSource("corruptReports")
  void aCorruptReportIsOneLineNamingTheFile(String text, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Path good = shard(dir, 0, 1, 3);
    for (List<Path> paths : List.of(List.of(file), List.of(dir), List.of(good, file))) {
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(paths, true));
      String shown = text.length() > 80 ? text.substring(0, 80) : text;
      assertThat(thrown).as("%s", shown).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", shown).doesNotContain("\n")
          .contains(dir.toString()).hasSizeLessThan(400);
    }
  }

  @Test
  void bytesThatAreNotTextOrAFolderInPlaceOfTheFileAreNamed(@TempDir Path dir) throws Exception {
    Path binary = dir.resolve("binary.json");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28});
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder.resolve("results.json"));
    for (Path path : List.of(binary, folder)) {
      Throwable thrown = catchThrowable(() -> SweepReport.read(path));
      assertThat(thrown).as("%s", path).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as("%s", path).doesNotContain("\n").contains(path.toString());
    }
  }

  // ---- odd characters ---------------------------------------------------------------------------

  /** Strings with quotes, escapes, controls, line separators, emoji and halves of emoji. */
  static List<String> oddTexts() {
    List<String> texts = new ArrayList<>(List.of("", "\"", "\\", "\\\"", "\u0000", "\u001f\u007f",
        "a\tb\rc\nd", "\u2028\u2029", "</failure>]]>&amp;<![CDATA[", "'\"<>&", "\ud83d\ude00",
        "\ud83d", "\ude00", "x\ud83d", "\ude00\ud83d", "\ufffe\uffff", "\ufeffbom", "/\\/",
        "\\u0041", "%s %n", "${user.home}", "é漢字"));
    SplitMix64 random = new SplitMix64(7);
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int c = 0; c < length; c++) {
        int pick = random.nextInt(4);
        text.append((char) (pick == 0 ? random.nextInt(0x80) : pick == 1 ? 0xd800
            + random.nextInt(0x800) : pick == 2 ? random.nextInt(0x10000) : '"'));
      }
      texts.add(text.toString());
    }
    return texts;
  }

  @Test
  void oddCharactersReadBackAsWrittenAndTheXmlIsWellFormed(@TempDir Path dir) throws Exception {
    List<String> texts = oddTexts();
    SweepReport report = new SweepReport(Shard.ALL);
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      report.add(new SeedResult(text, i, i % 2 == 0, text, text, text, i));
      report.add(new SeedResult("plain", i, false, "h", text, "replay " + text, i));
    }
    report.write(dir);
    SweepReport back = SweepReport.read(dir);
    assertThat(back.results()).hasSameSizeAs(report.results());
    for (int i = 0; i < back.results().size(); i++) {
      SeedResult written = report.results().get(i);
      SeedResult read = back.results().get(i);
      assertThat(read.identity()).as("result %d (seed 7)", i).isEqualTo(written.identity());
      assertThat(read.failure()).as("result %d (seed 7)", i).isEqualTo(written.failure());
      assertThat(read.replay()).as("result %d (seed 7)", i).isEqualTo(written.replay());
    }
    byte[] xml = Files.readAllBytes(dir.resolve("junit.xml"));
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    String failing = Files.readString(dir.resolve("failing-seeds.json"), StandardCharsets.UTF_8);
    assertThat(SweepJson.parse(failing)).isNotNull();
  }
}
