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

  static final String HINT = "steelmill: simulations run about 25% faster with the JVM options "
      + FLAGS + " (JDK 25; see \"Simulation speed\" in Steelmill's README)";

  private static final String FLAG = "DoJVMTIVirtualThreadTransitions";
  private static final AtomicBoolean CHECKED = new AtomicBoolean();

  private JvmtiTransitions() {}

  /**
   * Prints {@link #HINT} on {@code err} once per JVM, the first time it is called, if the
   * bookkeeping is on and no debugger is attached (a debugger needs it to follow virtual
   * threads).
   */
  static void hintOnce(PrintStream err) {
    if (CHECKED.compareAndSet(false, true) && Boolean.TRUE.equals(enabled()) && !debugged()) {
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
