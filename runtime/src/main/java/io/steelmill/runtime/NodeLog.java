package io.steelmill.runtime;

import io.steelmill.platform.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's lifecycle log lines, each with the node (and the daemon, where there is one) in the
 * MDC: started (daemons, startup time) and stopped (duration) at INFO, a stop with errors at WARN,
 * every daemon failure and hang at ERROR. The logger is created on first use: building a graph
 * never logs, and SLF4J's start-up costs milliseconds.
 */
final class NodeLog {
  private NodeLog() {}

  private static final class Holder {
    static final Logger LOGGER = LoggerFactory.getLogger(Node.class);
  }

  static void started(Node node, Clock clock, long begin, List<String> daemons) {
    safely(() -> logStarted(node, clock, begin, daemons));
  }

  static void stopped(Node node, Clock clock, long begin, int failures) {
    safely(() -> logStopped(node, clock, begin, failures));
  }

  static void failed(Node node, String daemon, Phase phase, Throwable error) {
    safely(() -> logFailed(node, daemon, phase, error));
  }

  static void hung(Node node, FactoryException report) {
    safely(() -> logHung(node, report));
  }

  /**
   * Runs a log call, and drops whatever it throws: a logging backend that fails (or a daemon's
   * exception whose {@code toString()} throws while it is printed) must not keep the node from
   * recording the error, stopping its other daemons or ending the phase. The error itself is
   * kept by the node and thrown from {@code start()} or {@code close()} either way. Any {@link
   * Error} too: formatting a stack trace in a JVM short of memory (often why the daemon failed)
   * throws {@code OutOfMemoryError}, and Logback passes an appender's errors on; escaping here,
   * one left a failed {@code run()} unsettled and its node running, or ended a stop phase with
   * the daemons before the failed one unstopped.
   */
  private static void safely(Runnable line) {
    try {
      line.run();
    } catch (RuntimeException | Error e) {
      // the log line is lost; the error it described is not
    }
  }

  /** A termination listener of {@code node} threw {@code error}; the node's end is unchanged. */
  static void listenerFailed(Node node, Throwable error) {
    safely(() -> {
      if (Holder.LOGGER.isWarnEnabled()) {
        Mdc.log(node.name(), null, () -> Holder.LOGGER.warn(
            "{}: a termination listener threw; the other listeners ran", node, error));
      }
    });
  }

  private static void logStarted(Node node, Clock clock, long begin, List<String> daemons) {
    String took = since(clock, begin); // before the first log call, which may set up logging
    if (Holder.LOGGER.isInfoEnabled()) {
      String names = daemons.isEmpty() ? "(none)" : String.join(", ", daemons);
      Mdc.log(node.name(), null, () -> Holder.LOGGER.info(
          "node {} started in {} with {} daemons: {}", node.name(), took, daemons.size(), names));
    }
    if (Holder.LOGGER.isDebugEnabled()) {
      Mdc.log(node.name(), null, () -> Holder.LOGGER.debug(
          "{} started; prepare times: {}", node, node.startupTimes()));
    }
  }

  private static void logStopped(Node node, Clock clock, long begin, int failures) {
    String took = since(clock, begin); // before the first log call, which may set up logging
    if (failures == 0 && Holder.LOGGER.isInfoEnabled()) {
      Mdc.log(node.name(), null,
          () -> Holder.LOGGER.info("node {} stopped in {}", node.name(), took));
    } else if (failures > 0 && Holder.LOGGER.isWarnEnabled()) {
      Mdc.log(node.name(), null, () -> Holder.LOGGER.warn(
          "node {} stopped in {} with {} error(s)", node.name(), took, failures));
    }
  }

  private static void logFailed(Node node, String daemon, Phase phase, Throwable error) {
    if (Holder.LOGGER.isErrorEnabled()) {
      String what = phase == Phase.RUN ? "failed in run(); stopping the cluster" : "failed in {}()";
      Mdc.log(node.name(), daemon,
          () -> Holder.LOGGER.error("{}: {} " + what, node, daemon, phase, error));
    }
  }

  private static void logHung(Node node, FactoryException report) {
    if (Holder.LOGGER.isErrorEnabled()) {
      Mdc.log(node.name(), report.daemon(),
          () -> Holder.LOGGER.error("{}", report.getMessage()));
    }
  }

  private static String since(Clock clock, long begin) {
    return String.format(Locale.ROOT, "%.1f ms", (clock.monotonicNanos() - begin) / 1e6);
  }
}
