package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.nop.NOPServiceProvider;

/**
 * SLF4J is bound to its provider before a run, on the thread that starts it, not by the first
 * simulated code that logs: checked in a fresh JVM, where nothing bound it before.
 */
class LoggingBackendTest {
  /** Where the provider was initialized, as {@code virtual|platform <thread name>}. */
  private static volatile String initializedOn = "never";

  /** A provider that discards, as the tests' own, and records the thread that bound it. */
  public static final class Recording extends NOPServiceProvider {
    @Override
    public void initialize() {
      Thread thread = Thread.currentThread();
      initializedOn = (thread.isVirtual() ? "virtual " : "platform ") + thread.getName();
      super.initialize();
    }
  }

  /** The fresh JVM's program: a run whose only task logs a line, then where SLF4J was bound. */
  public static void main(String[] args) {
    SimResult result = Simulation.builder().seed(7).build()
        .run(() -> LoggerFactory.getLogger(LoggingBackendTest.class).info("a simulated line"));
    System.out.println("failure: " + result.failure());
    System.out.println("bound on: " + initializedOn);
  }

  @Test
  void theProviderIsBoundBeforeTheRunOnTheCallingThread() throws Exception {
    String output = FreshJvm.runWith(
        List.of("-Dslf4j.provider=" + Recording.class.getName(),
            "-D" + JvmtiTransitions.QUIET + "=false"),
        LoggingBackendTest.class);
    assertThat(output.lines()).as(output).containsSubsequence(
        "failure: null", "bound on: platform main");
  }
}
