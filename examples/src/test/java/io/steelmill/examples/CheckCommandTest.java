package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code check}: verdict lines, exit codes, and one-line errors for bad input. */
class CheckCommandTest {
  private static final String GOOD = """
      {:process 0, :type :invoke, :f :write, :value 1}
      {:process 1, :type :invoke, :f :read, :value nil}
      {:process 1, :type :ok, :f :read, :value 1}
      {:process 0, :type :ok, :f :write, :value 1}
      """;
  private static final String BAD = """
      {:process 0, :type :invoke, :f :write, :value 1}
      {:process 0, :type :ok, :f :write, :value 1}
      {:process 1, :type :invoke, :f :read, :value nil}
      {:process 1, :type :ok, :f :read, :value 2}
      """;

  @TempDir Path dir;

  private record Run(int code, List<String> lines) {}

  private Run run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code;
    System.setOut(capture);
    try {
      CommandLine line = new CommandLine(new Main());
      line.setErr(new java.io.PrintWriter(capture, true));
      code = line.execute(args);
    } finally {
      System.setOut(previous);
    }
    return new Run(code, bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void oneVerdictLinePerFileAndTheWorstExitCode() throws Exception {
    Path good = file("good.edn", GOOD);
    Run ok = run("check", "--model", "register", good.toString());
    assertThat(ok.code()).isZero();
    assertThat(ok.lines()).containsExactly(good + ": linearizable");

    Path bad = file("bad.edn", BAD);
    Run mixed = run("check", "--model", "cas-register", good.toString(), bad.toString());
    assertThat(mixed.code()).isEqualTo(1);
    assertThat(mixed.lines().get(0)).isEqualTo(good + ": linearizable");
    assertThat(mixed.lines().get(1)).isEqualTo(bad + ": not linearizable");
    // nobody wrote 2: the read alone is the smallest part (the write of 1 may not have happened)
    assertThat(mixed.lines()).contains("  1 operation that cannot be linearized, whatever the"
            + " others did:")
        .anyMatch(l -> l.contains("cannot place: process 1: read -> 2"))
        .anyMatch(l -> l.contains("model states tried for it: nil"));
  }

  @Test
  void aSearchOutOfTimeIsUnknownAndExitsTwo() throws Exception {
    StringBuilder hard = new StringBuilder();
    for (int p = 0; p < 40; p++) {
      hard.append("{:process ").append(p).append(", :type :invoke, :f :write, :value ")
          .append(p).append("}\n");
    }
    for (int p = 0; p < 40; p++) {
      hard.append("{:process ").append(p).append(", :type :ok, :f :write, :value ").append(p)
          .append("}\n");
    }
    hard.append("{:process 99, :type :invoke, :f :read}\n{:process 99, :type :ok, :f :read,"
        + " :value 1000}\n");
    Path file = file("hard.edn", hard.toString());
    Run run = run("check", "--model", "register", "--timeout", "200ms", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).startsWith(file + ": unknown");
  }

  @Test
  void keyValueHistories() throws Exception {
    Path kv = file("kv.edn", """
        {:process 0, :type :invoke, :f :append, :key "a", :value "x"}
        {:process 0, :type :ok, :f :append, :key "a", :value "x"}
        {:process 1, :type :invoke, :f :get, :key "a", :value nil}
        {:process 1, :type :ok, :f :get, :key "a", :value "y"}
        """);
    Run run = run("check", "--model", "kv", kv.toString());
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.lines()).anyMatch(l -> l.contains("on key \"a\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{:process 0, :type :invoke, :f :write, :value 1   | the map opened at line 1, column 1 has",
      "{:process 0, :type :ok, :f :read, :value 1}       | line 1, column 1: process 0 completes",
      "[1 2]                                             | line 1, column 1: expected an operation",
      "{:process 0, :type :invoke, :f :cas, :value 1}    | event 1 (process 0, :cas): the register",
      "{:process 0, :type :launch, :f :read}             | :type must be one of",
      "\"just a string\"                                 | expected an operation map",
  })
  void malformedFilesGiveOneLineAndExitTwo(String content, String problem) throws Exception {
    Path file = file("broken.edn", content.strip() + "\n");
    Run run = run("check", "--model", "register", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).startsWith(file + ": error: ").contains(problem);
  }

  @Test
  void missingFilesAndDirectoriesAreErrorsButTheOthersAreStillChecked() throws Exception {
    Path good = file("good.edn", GOOD);
    Path missing = dir.resolve("nope.edn");
    Run run = run("check", "--model", "register", missing.toString(), dir.toString(),
        good.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.lines()).containsExactly(missing + ": error: no such file",
        dir + ": error: is a directory, not a history file", good + ": linearizable");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--model,queue                  | unknown model \"queue\"; use --model register, cas-regi",
      "--timeout,10s                  | --model is required",
      "--model,kv,--timeout,soon      | --timeout: not a duration: \"soon\"",
      "--model,kv,--timeout,0s        | --timeout: must be positive, not \"0s\"",
      "--model,kv,--timeout,PTx       | --timeout: not a duration",
      "--model,kv,--explain-timeout,-1s | --explain-timeout: must be positive",
  })
  void badOptionsGiveOneLineAndExitTwo(String args, String message) throws Exception {
    Path good = file("good.edn", GOOD);
    String[] options = args.strip().split(",");
    String[] all = new String[options.length + 2];
    all[0] = "check";
    System.arraycopy(options, 0, all, 1, options.length);
    all[all.length - 1] = good.toString();
    Run run = run(all);
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).startsWith("check: " + message);
  }

  @Test
  void noFileIsAnError() {
    Run run = run("check", "--model", "kv");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).contains("no history file given");
  }

  @Test
  void anEmptyHistoryIsLinearizable() throws Exception {
    Path empty = file("empty.edn", "; nothing happened\n");
    assertThat(run("check", "--model", "kv", empty.toString()).code()).isZero();
  }
}
