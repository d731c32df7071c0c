package io.steelmill.examples.check;

import io.steelmill.platform.Durations;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.EdnException;
import io.steelmill.sim.history.History;
import io.steelmill.sim.history.HistoryFormat;
import io.steelmill.sim.history.LinearizabilityChecker;
import io.steelmill.sim.history.Model;
import io.steelmill.sim.history.Models;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check --model register|cas-register|kv [--timeout D] FILE...}: one verdict line per
 * Jepsen EDN history file. Exits 0 when every file is linearizable, 1 when one is not, else 2
 * when one is unknown within the time limit or cannot be read (a one-line reason, no stack).
 * Verdicts, and a file's error, go to standard output, one line per file; a mistake in the
 * command line goes to standard error, as every command's does, so a script that reads the
 * verdicts never takes a usage message for one.
 */
@Command(name = "check", description = "Check Jepsen EDN histories for linearizability.")
public final class CheckCommand implements Callable<Integer> {
  @Option(names = "--model", description = "register, cas-register or kv.")
  String model;

  @Option(names = "--timeout", description = "Time limit per file (default 60s).")
  String timeout = "60s";

  @Option(names = "--explain-timeout",
      description = "Wall-clock cap on shrinking a violation to its smallest part (default 60s);"
          + " shrinking is bounded by search steps first, so its result does not depend on the"
          + " machine unless this cap is reached.")
  String explainTimeout = "60s";

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "EDN history files.")
  List<Path> files = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter err = spec.commandLine().getErr();
    return run(model, timeout, explainTimeout, files, System.out, line -> {
      err.println(line);
      err.flush();
    });
  }

  /** Checks {@code files}; returns the exit code. Mistakes are printed to {@code out} too. */
  public static int run(String modelName, String timeoutText, String explainText, List<Path> files,
      PrintStream out) {
    return run(modelName, timeoutText, explainText, files, out, out::println);
  }

  /** Checks {@code files}, verdicts to {@code out}, command-line mistakes to {@code mistakes}. */
  static int run(String modelName, String timeoutText, String explainText, List<Path> files,
      PrintStream out, java.util.function.Consumer<String> mistakes) {
    Model model = modelName == null ? null : Models.named(modelName);
    if (model == null) {
      mistakes.accept("check: " + (modelName == null ? "--model is required" : "unknown model \""
          + shown(modelName) + "\"") + "; use --model " + String.join(", ", Models.NAMES));
      return 2;
    }
    Duration timeout;
    Duration explain;
    try {
      timeout = positive("--timeout", timeoutText);
      explain = positive("--explain-timeout", explainText);
    } catch (IllegalArgumentException e) {
      mistakes.accept("check: " + e.getMessage());
      return 2;
    }
    if (files.isEmpty()) {
      mistakes.accept("check: no history file given; usage: check --model NAME [--timeout D] FILE...");
      return 2;
    }
    LinearizabilityChecker checker = new LinearizabilityChecker(model, timeout, explain);
    int code = 0;
    for (Path file : files) {
      code = worst(code, checkOne(checker, file, out));
    }
    return code;
  }

  /**
   * A file's name as its verdict line shows it: a name holding a line break (any byte but '/'
   * and NUL is allowed) split its line in two, so a script reading one line per file misread
   * every later verdict. Such characters are shown escaped (a line break as backslash-n, U+2028 as its
   * code); so is any text that may hold the name (an I/O error's message).
   */
  static String shown(Path file) {
    return shown(file.toString());
  }

  static String shown(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int checkOne(LinearizabilityChecker checker, Path file, PrintStream out) {
    try {
      return readAndCheck(checker, file, shown(file), out);
    } catch (OutOfMemoryError e) {
      // what the file and its search held is garbage now: the next file still gets its turn
      out.println(shown(file) + ": error: out of memory reading or checking it; run with more heap"
          + " (java -Xmx...) or split the history");
      return 2;
    }
  }

  private static int readAndCheck(LinearizabilityChecker checker, Path file, String name,
      PrintStream out) {
    History history;
    try {
      if (Files.isDirectory(file)) {
        out.println(name + ": error: is a directory, not a history file");
        return 2;
      }
      history = HistoryFormat.read(file);
    } catch (NoSuchFileException e) {
      out.println(name + ": error: no such file");
      return 2;
    } catch (IOException e) {
      out.println(name + ": error: cannot read: " + shown(e.getMessage()));
      return 2;
    } catch (EdnException e) {
      out.println(name + ": error: " + e.getMessage());
      return 2;
    }
    CheckResult result;
    try {
      result = checker.check(history);
    } catch (IllegalArgumentException e) {
      out.println(name + ": error: " + e.getMessage());
      return 2;
    }
    out.println(name + ": " + result.describe());
    return switch (result.verdict()) {
      case LINEARIZABLE -> 0;
      case NOT_LINEARIZABLE -> 1;
      case UNKNOWN -> 2;
    };
  }

  /** A file that is not linearizable decides the exit code; otherwise unknown or error does. */
  private static int worst(int a, int b) {
    return a == 1 || b == 1 ? 1 : Math.max(a, b);
  }

  private static Duration positive(String option, String text) {
    try {
      return Durations.parsePositive(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + shown(e.getMessage()));
    }
  }

}
