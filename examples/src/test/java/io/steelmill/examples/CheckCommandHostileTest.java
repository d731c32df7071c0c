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
 * {@code check} on hostile files, many in one command: each gets its one line (its verdict or
 * an error naming the file and the place), the command goes on to the next file, and the exit
 * code is the worst: 1 when one is not linearizable, else 2 when one could not be read.
 */
class CheckCommandHostileTest {
  private static final String OP = "{:process 0 :type :invoke :f :write :value 1}\n"
      + "{:process 0 :type :ok :f :write :value 1}\n";

  @TempDir Path dir;

  private record Run(int code, List<String> lines) {}

  private Run check(List<Path> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = CheckCommand.run("register", "10s", "10s", files,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  private Path file(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  private Path file(String name, String content) throws Exception {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyHostileFileGetsItsOneLineAndTheOthersStillRun() throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(file("bom.edn", "\uFEFF" + OP));
    files.add(file("discards.edn", "#_".repeat(300_000) + "{}"));
    files.add(file("tags.edn", "#t ".repeat(300_000) + "{}"));
    files.add(file("deep.edn", "[".repeat(300_000)));
    byte[] latin1 = (OP + "{:process 1 :type :invoke :f :write :value \"caf\u00e9\"}\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    files.add(file("latin1.edn", latin1));
    files.add(file("line-break.edn", OP + "#\n"));
    files.add(file("trailing-discard.edn", "[" + OP + " #_ {:junk 1}]"));
    files.add(file("nan.edn", "{:process 0 :type :invoke :f :write :value ##NaN}\n"));
    files.add(dir.resolve("missing.edn"));
    files.add(Files.createDirectory(dir.resolve("folder.edn")));
    files.add(file("empty.edn", ""));
    Run run = check(files);
    assertThat(run.lines()).as(String.join("\n", run.lines())).hasSize(files.size());
    for (int i = 0; i < files.size(); i++) {
      assertThat(run.lines().get(i)).startsWith(files.get(i) + ": ");
    }
    assertThat(run.lines().get(0)).endsWith(": linearizable");
    assertThat(run.lines().get(1)).contains("nesting deeper than 200 levels");
    assertThat(run.lines().get(2)).contains("nesting deeper than 200 levels");
    assertThat(run.lines().get(3)).contains("nesting deeper than 200 levels");
    assertThat(run.lines().get(4)).contains("line 3, column ").contains("not UTF-8: byte 0xE9");
    assertThat(run.lines().get(5)).contains("line 3, column 1: ").contains("U+000A");
    assertThat(run.lines().get(6)).endsWith(": linearizable");
    assertThat(run.lines().get(7)).endsWith(": linearizable");
    assertThat(run.lines().get(8)).endsWith(": error: no such file");
    assertThat(run.lines().get(9)).endsWith(": error: is a directory, not a history file");
    assertThat(run.lines().get(10)).endsWith(": linearizable");
    assertThat(run.code()).isEqualTo(2);
  }
}
