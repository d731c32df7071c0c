package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples' CLI run in this JVM, as a user types it, with what it printed: one helper for the
 * tests of both builds, so that each says only what it checks.
 */
final class CliRun {
  /** What a command did: its exit code, its standard output and its standard error. */
  record Run(int code, String out, String err) {}

  private CliRun() {}

  /** Runs {@code args} through the examples' command line, capturing both streams. */
  static Run run(String... args) {
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    try {
      int code = Cli.commandLine(new Main()).execute(args);
      return new Run(code, bytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
  }

  /** The first group of {@code regex} in {@code text}; fails the test when it does not match. */
  static String group(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    return matcher.group(1);
  }
}
