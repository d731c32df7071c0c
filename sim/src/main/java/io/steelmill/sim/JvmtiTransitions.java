package io.steelmill.sim;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether HotSpot does its JVMTI bookkeeping on every virtual-thread mount and unmount, and the
 * one-line hint when it does. Any JVMTI agent, the simulation agent included, turns that
 * bookkeeping on for the whole JVM; a simulation switches tasks about 1.5 times per message, so
 * it costs about a fifth of a simulation's time. The simulation agent needs none of it (it only
 * rewrites classes), and JDK 19 and later can leave it out with {@link #FLAGS}; what that costs
 * a debugger or profiler is in the README ("Simulation speed").
 */
final class JvmtiTransitions {
  /** The JVM options that turn the bookkeeping off (HotSpot, JDK 19 and later). */
  static final String FLAGS =
      "-XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions";

  /** {@code -Dsteelmill.simFlagsHint=false} keeps the hint quiet (a build that chose). */
  static final String QUIET = "steelmill.simFlagsHint";

  static final String HINT = "steelmill: simulations run about 25% faster with the JVM options "
      + FLAGS + ", but then name no owner of a contended monitor in their reports (JDK 25; see"
      + " \"Simulation speed\" in Steelmill's README; -D" + QUIET + "=false silences this)";

  private static final String FLAG = "DoJVMTIVirtualThreadTransitions";
  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  /**
   * Whether the JVM's thread snapshot of a virtual thread is safe to take. With an agent loaded
   * and the bookkeeping off, JDK 25.0.3's {@code jdk.internal.vm.ThreadSnapshot} of a virtual
   * thread blocked entering a monitor never returns (its handshake waits for a switch the JVM no
   * longer tracks), so the kernel then names no monitor owners ({@link HeldMonitors}, {@link
   * LockCycles}) rather than hang.
   */
  static final boolean SNAPSHOTS_SAFE = !Boolean.FALSE.equals(enabled());

  private JvmtiTransitions() {}

  /**
   * Prints {@link #HINT} on {@code err} once per JVM, the first time it is called, if the
   * bookkeeping is on and no debugger is attached (a debugger needs it to follow virtual
   * threads).
   */
  static void hintOnce(PrintStream err) {
    if (CHECKED.compareAndSet(false, true) && !"false".equals(System.getProperty(QUIET))
        && Boolean.TRUE.equals(enabled()) && !debugged()) {
      err.println(HINT);
    }
  }

  private static boolean debugged() {
    try {
      return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(
          option -> option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp"));
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Whether the bookkeeping is on: the flag's value when the JVM shows it, true when it hides it
   * (an experimental flag is visible only after {@code -XX:+UnlockExperimentalVMOptions}, and
   * is on by default), null when this is not a HotSpot JVM that knows the flag.
   */
  static Boolean enabled() {
    HotSpotDiagnosticMXBean hotSpot;
    try {
      hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    } catch (RuntimeException | LinkageError e) {
      return null; // no jdk.management module (a trimmed runtime) or not HotSpot
    }
    if (hotSpot == null) {
      return null;
    }
    try {
      return Boolean.valueOf(hotSpot.getVMOption(FLAG).getValue());
    } catch (IllegalArgumentException hidden) {
      return unlocked(hotSpot) ? null : Boolean.TRUE; // unlocked and absent: a JDK without it
    }
  }

  private static boolean unlocked(HotSpotDiagnosticMXBean hotSpot) {
    try {
      return Boolean.parseBoolean(hotSpot.getVMOption("UnlockExperimentalVMOptions").getValue());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
