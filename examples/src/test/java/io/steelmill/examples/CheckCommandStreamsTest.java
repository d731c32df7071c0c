package io.steelmill.examples;

import static io.steelmill.examples.CliHostileTest.assertNoStackTrace;
import static io.steelmill.examples.CliHostileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliHostileTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} prints verdicts on standard output, one line per file, and a mistake in its
 * command line on standard error, as every other command does (README: "one line on stderr and
 * exit code 2"): a script reading verdicts never reads a usage message as one. Every hostile
 * value of every option, the model's included, gives exactly one line, whatever it holds.
 */
class CheckCommandStreamsTest {
  @TempDir Path dir;

  @Test
  void mistakesGoToStandardErrorInOneLineAndVerdictsToStandardOutput() throws Exception {
    Path good = Files.writeString(dir.resolve("good.edn"),
        "{:process 0, :type :invoke, :f :write, :value 1}\n"
            + "{:process 0, :type :ok, :f :write, :value 1}\n");
    List<String[]> mistakes = new ArrayList<>();
    for (String value : List.of("-1", "NaN", "9999999999999999999", "", "a\u0000b", "\n",
        "x\ny", "x".repeat(5000), "\u2028", "-Infinity", "1e3")) {
      mistakes.add(new String[] {"check", "--model", value, good.toString()});
      mistakes.add(new String[] {"check", "--model", "kv", "--timeout", value, good.toString()});
      mistakes.add(new String[] {"check", "--model", "kv", "--explain-timeout", value,
          good.toString()});
    }
    mistakes.add(new String[] {"check", "--timeout", "10s", good.toString()});
    mistakes.add(new String[] {"check", "--model", "kv"});
    for (String[] args : mistakes) {
      Result result = run(args);
      String label = String.join(" ", args).replace("x".repeat(5000), "x*5000") + "\nout: "
          + result.out() + "\nerr: " + result.err();
      assertNoStackTrace(result, label);
      assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
      assertThat(result.out()).as(label).isEmpty();
      assertThat(result.err().lines().toList()).as(label).hasSize(1);
      assertThat(result.err()).as(label).startsWith("check: ");
    }
    Result verdict = run("check", "--model", "register", good.toString());
    assertThat(verdict.code()).as(verdict.err()).isZero();
    assertThat(verdict.out().lines().toList()).hasSize(1).first().asString()
        .endsWith(": linearizable");
    assertThat(verdict.err()).isEmpty();
  }
}
