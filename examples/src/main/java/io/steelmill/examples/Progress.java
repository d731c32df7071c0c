package io.steelmill.examples;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress on stderr: redrawn in place with {@code \r} on a terminal; on anything else (a file, a
 * pipe, a CI log) plain lines, one per tenth of the work, so a redirected log stays readable.
 */
public final class Progress {
  private final PrintStream err;
  private final boolean terminal;
  private final long total;
  private long lastTenth = -1;

  public Progress(PrintStream err, long total) {
    this(err, total, isTerminal());
  }

  Progress(PrintStream err, long total, boolean terminal) {
    this.err = err;
    this.total = total;
    this.terminal = terminal;
  }

  /** Reports that {@code done} of the total are done; {@code line} describes it. */
  public void update(long done, String line) {
    if (terminal) {
      err.print("\r" + line);
      err.flush();
      return;
    }
    long tenth = done * 10 / Math.max(1, total);
    if (tenth != lastTenth || done == total) {
      lastTenth = tenth;
      err.println(line.strip());
    }
  }

  /** Ends the progress (a line break after a redrawn line). */
  public void finish() {
    if (terminal) {
      err.println();
    }
  }

  /**
   * Whether stderr, where progress goes, is a terminal. On Linux, {@code /proc/self/fd/2} says
   * exactly (a terminal is a {@code /dev/pts} or {@code /dev/tty} device; {@code 2> log} or a pipe
   * is not), even when stdin and stdout are a terminal. Elsewhere: {@link System#console()} is
   * null when there is no terminal, and on JDK 22 and later, where it may be non-null anyway,
   * {@code Console.isTerminal()} says (it looks at stdin and stdout only).
   */
  static boolean isTerminal() {
    Path stderr = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(stderr)) {
        return isTerminalDevice(Files.readSymbolicLink(stderr).toString());
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // not Linux-like: ask the console below
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  /** Whether a file descriptor's target (as {@code /proc/self/fd} shows it) is a terminal. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }
}
