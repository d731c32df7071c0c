package io.steelmill.sim;

/**
 * A run broke the simulation's contract or its invariants: a hang, a real timed wait, a wake-up
 * from outside, an invariant, the virtual time limit. The message says what, where and how to fix
 * it; {@link SimResult#report()} adds the seed, the time and the trace tail.
 */
public final class SimulationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SimulationException(String message) {
    super(message);
  }

  public SimulationException(String message, Throwable cause) {
    super(message, cause);
  }
}
