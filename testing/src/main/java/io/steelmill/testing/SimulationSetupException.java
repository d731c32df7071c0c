package io.steelmill.testing;

/**
 * A simulation test that cannot run as set up: the JDK, a JVM option, or a factory generated
 * for production mode. Its message is one line with the fix; it has no stack trace, because the
 * cause is in the build, not in the code.
 */
public final class SimulationSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SimulationSetupException(String message) {
    super(message, null, false, false);
  }
}
