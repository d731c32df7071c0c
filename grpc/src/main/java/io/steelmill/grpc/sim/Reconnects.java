package io.steelmill.grpc.sim;

import io.grpc.Status;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node's channels' connection backoff, per server node, as grpc-java's: after a connect that
 * failed (refused, or no answer within the connect timeout) the channel is in TRANSIENT_FAILURE
 * until a backoff passes (1 s, then x1.6 up to 120 s, each +-20% with jitter from the seed):
 * meanwhile a fail-fast call fails at once with the last connect's status, and a {@code
 * waitForReady} call waits for the next connect. A connection that gets an answer resets it.
 */
final class Reconnects {
  static final long INITIAL_NANOS = Duration.ofSeconds(1).toNanos();
  static final long MAX_NANOS = Duration.ofSeconds(120).toNanos();
  static final double MULTIPLIER = 1.6;
  static final double JITTER = 0.2;

  private final SimGrpcHub hub;
  private final Simulation sim;
  private final String node;
  private final Map<String, State> states = new LinkedHashMap<>();

  /** A server node that could not be reached: when to try again, and why it failed. */
  private static final class State {
    long backoffNanos = INITIAL_NANOS;
    long retryAt;
    Status failure;
  }

  Reconnects(SimGrpcHub hub, Simulation sim, String node) {
    this.hub = hub;
    this.sim = sim;
    this.node = node;
  }

  /** A connection to {@code server} failed before it answered: back off. */
  void failed(String server, Status status) {
    State state = states.computeIfAbsent(server, s -> new State());
    SplitMix64 jitter = hub.random("grpc reconnect jitter");
    double factor = 1 + JITTER * (2 * jitter.nextDouble() - 1);
    long wait = (long) (state.backoffNanos * factor);
    state.retryAt = sim.nanoTime() + wait;
    state.failure = status;
    state.backoffNanos = Math.min(MAX_NANOS, (long) (state.backoffNanos * MULTIPLIER));
    hub.trace("grpc " + node + "->" + server + " transient failure, reconnect in " + wait
        + " ns");
  }

  /** {@code server} answered: the next failure backs off from the start. */
  void connected(String server) {
    states.remove(server);
  }

  /** The status of the last failed connect while its backoff runs, else null. */
  Status failing(String server) {
    State state = states.get(server);
    return state != null && sim.nanoTime() < state.retryAt ? state.failure : null;
  }

  /** Virtual nanoseconds until {@code server} may be dialled again (0: now). */
  long delayNanos(String server) {
    State state = states.get(server);
    return state == null ? 0 : Math.max(0, state.retryAt - sim.nanoTime());
  }
}
