package io.steelmill.sim;

/**
 * Starts the SLF4J binding once per JVM, on the thread that starts a simulation, before the
 * carrier runs. The runtime puts each node's name in SLF4J's MDC around its lifecycle code, so
 * without this the first node's start would bind SLF4J to its provider and configure the
 * backend inside the run: on the carrier, as a simulated task (logback, for one, parses its XML,
 * builds its appenders and reads the clock, which is then virtual; an appender that starts a
 * thread would start it from a task). In a fresh JVM that was about 800 classes and a quarter of
 * a second of the carrier's CPU, counted in the run's wall time (BENCHMARKS.md, issue 13 item 6,
 * eighth pass). The schedule and the trace do not change: logging draws on no simulated state.
 */
final class LoggingBackend {
  /** Whether the binding was started: it stays bound for the life of the JVM. */
  private static volatile boolean started;

  private LoggingBackend() {}

  static void start() {
    if (started) {
      return;
    }
    org.slf4j.MDC.getMDCAdapter(); // binds the provider, which configures its backend
    started = true;
  }
}
