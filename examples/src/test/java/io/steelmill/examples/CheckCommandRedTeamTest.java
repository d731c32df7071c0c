package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.check.CheckCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team of 2026-11-30 (night) against {@code check}: one verdict line per file whatever
 * the file is called, and the numbers Jepsen's checkers call equal.
 */
class CheckCommandRedTeamTest {
  @TempDir Path dir;

  private static final String ZEROS = "{:process 0 :type :invoke :f :write :value -0.0}\n"
      + "{:process 0 :type :ok :f :write :value -0.0}\n"
      + "{:process 1 :type :invoke :f :read :value nil}\n"
      + "{:process 1 :type :ok :f :read :value 0.0}\n";

  /**
   * A file name may hold a line break or U+2028 (Linux allows any byte but '/' and NUL): it split
   * the file's verdict line, so the lines no longer matched the files. Now such characters are
   * shown escaped, in verdicts and errors alike.
   */
  @Test
  void oneLinePerFileWhateverItsName() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(Files.writeString(dir.resolve("two\nlines.edn"), ZEROS));
    files.add(Files.writeString(dir.resolve("sep\u2028arator\r.edn"), "{"));
    files.add(dir.resolve("missing\n.edn"));
    files.add(Files.writeString(dir.resolve("plain.edn"), ZEROS));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = CheckCommand.run("register", "10s", "10s", files,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).as(String.join("\n", lines)).hasSize(files.size());
    assertThat(lines.get(0)).endsWith("two\\nlines.edn: linearizable");
    assertThat(lines.get(1)).contains("sep\\u2028arator\\r.edn: error: line 1, column");
    assertThat(lines.get(2)).endsWith("missing\\n.edn: error: no such file");
    assertThat(lines.get(3)).endsWith("plain.edn: linearizable");
    assertThat(code).isEqualTo(2);
  }
}
