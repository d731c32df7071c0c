package io.steelmill.examples;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

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
   * Whether the console is a terminal: {@link System#console()} is null when it is not, and on
   * JDK 22 and later, where it may be non-null anyway, {@code Console.isTerminal()} says.
   */
  static boolean isTerminal() {
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
}
