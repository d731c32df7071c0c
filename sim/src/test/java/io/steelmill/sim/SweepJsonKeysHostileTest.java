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
 * Sweep reports whose text is hostile in a way the parser took without complaint: a key given
 * twice: the last won, and a failing seed listed under the first vanished from the merge.
 */
class SweepJsonKeysHostileTest {
  private static String entry(long seed, boolean passed) {
    return "{\"suite\": \"s\", \"seed\": " + seed + ", \"passed\": " + passed
        + ", \"traceSha256\": \"h\", \"failure\": " + (passed ? "null" : "\"boom\"")
        + ", \"replay\": " + (passed ? "null" : "\"replay it\"") + ", \"wallMillis\": 3}";
  }

  private static String report(String body) {
    return "{\"format\": \"steelmill-sweep/1\", \"shards\": [\"0/1\"], " + body + "}";
  }

  @Test
  void aKeyGivenTwiceIsRefusedNamingItNotLastOneWins(@TempDir Path dir) throws Exception {
    List<String> twice = List.of(
        report("\"results\": [" + entry(1, false) + "], \"results\": []"),
        report("\"results\": [" + entry(1, true) + "], \"results\": [" + entry(2, true) + "]"),
        report("\"results\": [" + entry(1, false).replace("\"passed\": false",
            "\"passed\": false, \"passed\": true") + "]"),
        report("\"results\": [" + entry(1, false).replace("\"seed\": 1", "\"seed\": 1, \"seed\": 2")
            + "]"),
        report("\"shards\": [\"0/2\"], \"results\": [" + entry(1, true) + "]"),
        report("\"sweep\": \"a\", \"sweep\": \"b\", \"results\": []"),
        report("\"results\": [], \"r\\u0065sults\": [" + entry(1, false) + "]"));
    for (String text : twice) {
      Path file = dir.resolve("results.json");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Throwable thrown = catchThrowable(() -> SweepMerge.merge(List.of(dir), false));
      assertThat(thrown).as(text).isExactlyInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(text).contains(file.toString(), "given twice")
          .doesNotContain("\n");
    }
    Files.writeString(dir.resolve("results.json"),
        report("\"results\": [" + entry(1, false) + "]"), StandardCharsets.UTF_8);
    assertThat(SweepMerge.merge(List.of(dir), false).failing()).hasSize(1); // one key each: fine
  }
}
