package io.steelmill.sim.shrink;

import io.steelmill.sim.SimResult;
import io.steelmill.sim.history.CheckResult;
import io.steelmill.sim.history.Verdict;
import java.util.List;

/**
 * What broke in a run, so that a shrinking replay can be told to fail "the same way": the run
 * itself (with its error's class), or the client history (not linearizable), or nothing.
 *
 * <p>A history check that decided nothing (its time limit or memory budget ran out) is a kind of
 * its own, {@linkplain #undecided() undecided}: it says what the machine could afford, not what
 * the seed did, so a replay that ends undecided does not reproduce a violation, and an undecided
 * run is not shrunk at all (a smaller replay would be judged by how fast this machine searches).
 *
 * @param text {@code passed}, {@code run: <error class>} (with {@code at <frame>}, the user's
 *     code that threw, or the simulator's own failure's headline, {@code (Hang)}), {@code
 *     history: not linearizable} or {@code history: undecided}
 */
public record FailureKind(String text) {
  /** The run and its history check (if any) passed. */
  public static final FailureKind PASSED = new FailureKind("passed");
  /** The history check found no linearization. */
  public static final FailureKind NOT_LINEARIZABLE = new FailureKind("history: not linearizable");
  /** The history check ran out of time or memory before deciding. */
  public static final FailureKind UNDECIDED = new FailureKind("history: undecided");

  /**
   * What broke in a run whose result is {@code result} and whose history check is {@code check}
   * (null when nothing was checked): a failed run wins over its history.
   */
  public static FailureKind of(SimResult result, CheckResult check) {
    if (!result.succeeded()) {
      String site = site(result.failure());
      return new FailureKind("run: " + result.failure().getClass().getName()
          + invariant(result.failure()) + (site.isEmpty() ? headline(result.failure()) : site));
    }
    if (check == null || check.verdict() == Verdict.LINEARIZABLE) {
      return PASSED;
    }
    return check.verdict() == Verdict.NOT_LINEARIZABLE ? NOT_LINEARIZABLE : UNDECIDED;
  }

  /**
   * Packages whose frames say nothing about which of the user's checks failed: the JDK, the
   * assertion libraries, Steelmill, and the launchers below a test (their frames are there only
   * when no user frame is).
   */
  private static final List<String> FRAMEWORK = List.of("java.", "javax.", "jdk.", "sun.",
      "com.sun.", "org.assertj.", "org.junit.", "org.opentest4j.", "junit.", "io.steelmill.sim.",
      "io.steelmill.runtime.", "io.steelmill.platform.", "io.steelmill.testing.",
      "org.apache.maven.", "org.gradle.", "worker.org.gradle.", "com.intellij.", "org.eclipse.");

  /**
   * Where the user's code threw the root cause: {@code " at Cls.method(File.java:42)"}, or ""
   * when no frame is the user's (the simulator's own failures, a stack overflow, whose frames
   * depend on the stack's depth). Without it every {@code AssertionError} was the same failure,
   * so a shrink could keep a replay that broke another invariant than the seed did and print its
   * replay command as the seed's.
   */
  private static String site(Throwable failure) {
    Throwable root = failure;
    for (int i = 0; i < 32 && root.getCause() != null && root.getCause() != root; i++) {
      root = root.getCause();
    }
    if (root instanceof VirtualMachineError) {
      return "";
    }
    for (StackTraceElement frame : root.getStackTrace()) {
      String name = frame.getClassName();
      if (FRAMEWORK.stream().noneMatch(name::startsWith)) {
        return " at " + name + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
            + frame.getLineNumber() + ")";
      }
    }
    return "";
  }

  /**
   * {@code " (invariant \"name\")"} for a broken invariant: two invariants checked by one helper
   * throw at the same line, and a shrink kept a replay that broke the other one.
   */
  private static String invariant(Throwable failure) {
    String message = failure.getMessage();
    if (!(failure instanceof io.steelmill.sim.SimulationException) || message == null
        || !message.startsWith("Invariant \"")) {
      return "";
    }
    int end = message.indexOf("\" failed at virtual time ");
    return end < 0 ? "" : " (invariant " + message.substring("Invariant ".length(), end + 1) + ")";
  }

  /**
   * For a failure of the simulator's own, which no frame of the user's places (a hang, a
   * livelock, a lock cycle, the virtual time limit, a wake-up from outside): {@code " (Hang)"},
   * what its message says before the first colon or period, digits as {@code #}. Without it
   * every such failure was one kind, so a shrink of a seed that deadlocked could keep a replay
   * that only ran out of virtual time, and print that replay as the seed's failure shrunk.
   */
  private static String headline(Throwable failure) {
    String message = failure.getMessage();
    if (!(failure instanceof io.steelmill.sim.SimulationException) || message == null
        || !invariant(failure).isEmpty()) {
      return "";
    }
    String text = message.startsWith("Escape: ") ? message.substring(8) : message;
    int end = text.length();
    for (char stop : new char[] {':', '.', '\n'}) {
      int at = text.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String head = text.substring(0, Math.min(end, 120)).replaceAll("[0-9]+", "#").strip();
    return head.isEmpty() ? "" : " (" + (message.startsWith("Escape: ") ? "escape: " : "") + head
        + ")";
  }

  /** Whether the history check decided nothing: such a failure is not shrunk. */
  public boolean undecided() {
    return equals(UNDECIDED);
  }
}
