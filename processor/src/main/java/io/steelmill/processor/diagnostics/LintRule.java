package io.steelmill.processor.diagnostics;

/**
 * The catalog of the determinism lint: each rule's stable tag ({@code
 * [Steelmill/Determinism<Name>]}), what it found, and the injected alternative. Every rule needs a
 * test in {@code DeterminismLintTest} that puts its warning on the right line.
 */
public enum LintRule {
  WallClock(
      "%s reads the real clock, so two runs of one seed differ.",
      "inject io.steelmill.platform.Clock and call now() or monotonicNanos()."),
  Sleep(
      "%s waits in real time, which does not pass in a simulation.",
      "inject io.steelmill.platform.Clock and call sleep(duration)."),
  Thread(
      "%s starts a real thread, outside the simulation's scheduler.",
      "inject io.steelmill.platform.Daemons and use start(), threadFactory() or executor()."),
  Random(
      "%s is random in a way no seed controls.",
      "inject io.steelmill.platform.RandomSource (fork it per purpose)."),
  Async(
      "%s runs on the common pool's real threads.",
      "pass an executor from io.steelmill.platform.Daemons (executor(name)) to *Async calls and"
          + " timeouts, and use sequential streams."),
  UnorderedIteration(
      "%s iterates a collection whose order changes from one JVM start to the next.",
      "iterate a List, a LinkedHashSet/LinkedHashMap, a TreeMap or an EnumMap/EnumSet instead."),
  Identity(
      "%s returns a value the JVM assigns (an identity hash code or a thread id), which no seed"
          + " controls.",
      "name and order things by what the daemon knows (a key, a counter of its own)."),
  Environment(
      "%s reads the machine (time zone, locale, processors, memory, environment), which differs"
          + " between machines and runs.",
      "pass the value in: a @Provides method or @Factory(injected = ...) makes it part of the"
          + " node's setup, which a simulation fixes."),
  Monitor(
      "%s blocks a thread on a Java monitor, which the simulation can neither see nor time.",
      "wait with a java.util.concurrent lock, condition or queue, or Simulation.await in a"
          + " primitive of your own."),
  MutableStatic(
      "%s is a mutable static field: it is shared by every simulated node and leaks between seeds.",
      "keep the state in the daemon instance; the factory makes one per node."),
  DirectIo(
      "%s does real network or file I/O, which blocks the simulation and escapes its faults.",
      "inject io.steelmill.platform.Network or io.steelmill.platform.Disk."),
  /**
   * A call whose target the lint cannot name: what a reflective or method-handle call runs is
   * decided by values at run time, so a sound lint flags the call itself rather than promise
   * that it reads no clock, randomness or thread.
   */
  Reflection(
      "%s runs code the lint cannot see (its target is chosen at run time), so nothing checks"
          + " that it reads no real clock, randomness, thread or I/O.",
      "call the method directly, where the lint can check it (a lambda or an interface of your"
          + " own instead of a Method or MethodHandle)."),
  /** Not a finding: the lint could not run at all under this compiler. */
  Unavailable(
      "%s offers no javac Trees API (com.sun.source), so the determinism lint did not run.",
      "compile with javac, the default of Maven and Gradle.");

  private final String template;
  private final String fix;

  LintRule(String template, String fix) {
    this.template = template;
    this.fix = fix;
  }

  public String tag() {
    return "[Steelmill/Determinism" + name() + "]";
  }

  /** The full message for {@code subject}, with its {@code Fix:} line. */
  public String message(String subject) {
    String text = tag() + " " + String.format(template, subject) + "\nFix: " + fix;
    return this == Unavailable
        ? text
        : text + " Silence with @SuppressWarnings(\"steelmill:determinism\") where it is intended.";
  }
}
