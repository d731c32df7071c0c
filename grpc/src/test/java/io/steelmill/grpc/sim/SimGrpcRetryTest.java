package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.RetryPolicy;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * grpc-java's {@code retryPolicy} from a service config, in simulation: retryable failures start
 * new attempts after a backoff in virtual time with jitter from the seed, the server sees how many
 * came before, retries stop at {@code maxAttempts} with the last status, and a seed replays to the
 * same trace.
 */
class SimGrpcRetryTest {
  /** Connect within 1 s; Say retried on UNAVAILABLE up to {@code attempts} times. */
  private static GrpcConfig config(int attempts) {
    Map<String, Object> policy = Map.of("maxAttempts", (double) attempts, "initialBackoff", "0.1s",
        "maxBackoff", "1s", "backoffMultiplier", 2.0, "retryableStatusCodes",
        List.of("UNAVAILABLE"));
    Map<String, Object> methodConfig = Map.of("name", List.of(Map.of("service", Echo.SERVICE,
        "method", "Say")), "retryPolicy", policy);
    return GrpcConfig.loopback()
        .withTimings(new GrpcConfig.GrpcTimings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(5)))
        .withServiceConfig(Map.of("methodConfig", List.of(methodConfig)));
  }

  /** Records the {@code grpc-previous-rpc-attempts} header of each call the server gets. */
  private static final class Attempts implements ServerInterceptor {
    final List<String> previous = new ArrayList<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      previous.add(String.valueOf(headers.get(RetryingCall.PREVIOUS_ATTEMPTS)));
      return next.startCall(call, headers);
    }
  }

  private static SimResult run(long seed, Simulation.Body body) {
    SimResult result = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(result.failure()).as("seed %d: %s", seed, result.report()).isNull();
    return result;
  }

  /** Fails the first {@code failures} calls UNAVAILABLE, as an overloaded server would. */
  static final class Flaky implements ServerInterceptor {
    private int failures;

    Flaky(int failures) {
      this.failures = failures;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      if (failures-- > 0) {
        call.close(Status.UNAVAILABLE.withDescription("busy"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
  }

  /**
   * The server fails attempts 1 and 2 UNAVAILABLE; attempt 3, after backoffs below 0.1 s and
   * 0.2 s of virtual time, is answered, and the server saw how many came before each.
   */
  private static void failsTwiceThenSucceeds() throws Exception {
    SimGrpcTest.World world = new SimGrpcTest.World(config(4));
    Attempts attempts = new Attempts();
    as("t", () -> world.servers.register(ServerInterceptors.intercept(
        Echo.service(world::sleep, world.cancelled::add), new Flaky(2), attempts)));
    io.grpc.Channel toT = as("c", () -> world.channels.channel("t"));
    long before = world.sim.nanoTime();
    String answer = as("c", () -> ClientCalls.blockingUnaryCall(toT, Echo.SAY,
        CallOptions.DEFAULT.withDeadline(world.channels.deadlineAfter(Duration.ofSeconds(10))),
        "third time"));
    assertThat(answer).isEqualTo("c: third time");
    assertThat(attempts.previous).containsExactly("null", "1", "2");
    assertThat(world.sim.nanoTime() - before).isLessThan(Duration.ofMillis(300 + 100).toNanos());
  }

  @Test
  void aCallFailingUnavailableTwiceSucceedsOnAttemptThreeAndReplays() {
    String first = run(31, SimGrpcRetryTest::failsTwiceThenSucceeds).traceSha256();
    assertThat(run(31, SimGrpcRetryTest::failsTwiceThenSucceeds).traceSha256()).isEqualTo(first);
    assertThat(run(32, SimGrpcRetryTest::failsTwiceThenSucceeds).traceSha256())
        .as("another seed, other jitter").isNotEqualTo(first);
  }

  /**
   * A node that never answers: attempt 1 gives up at the connect timeout (1 to 1.2 s), and the
   * channel is then in TRANSIENT_FAILURE for its reconnect backoff (0.8 to 1.2 s), so attempts 2
   * and 3, after backoffs below 0.1 s and 0.2 s, fail at once, as grpc-java's do.
   */
  @Test
  void retriesStopAtMaxAttemptsWithTheLastStatus() {
    run(33, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(config(3));
      world.network.isolate("s");
      long before = world.sim.nanoTime();
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> as("c", () -> ClientCalls.blockingUnaryCall(world.channel, Echo.SAY,
              CallOptions.DEFAULT, "never")));
      long waited = world.sim.nanoTime() - before;
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("cannot connect to s");
      assertThat(waited).isBetween(Duration.ofSeconds(1).toNanos(),
          Duration.ofMillis(1200 + 300).toNanos());
    });
  }

  @Test
  void aStatusOutsideTheRetryableCodesIsNotRetried() {
    run(34, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(config(5));
      world.network.partition(java.util.Set.of("c"), java.util.Set.of("s"));
      long before = world.sim.nanoTime();
      assertThat(world.sayFails(Duration.ofMillis(300))).isEqualTo(
          Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofMillis(300).toNanos());
    });
  }

  @Test
  void aMalformedRetryPolicyIsRefusedNamingTheField() {
    List<Map.Entry<String, Object>> mistakes = List.of(Map.entry("maxAttempts", 1.0),
        Map.entry("initialBackoff", "100ms"), Map.entry("retryableStatusCodes",
            List.of("NOT_A_CODE")), Map.entry("backoffMultiplier", 0.0));
    for (Map.Entry<String, Object> bad : mistakes) {
      Map<String, Object> policy = new java.util.HashMap<>(Map.of("maxAttempts", 3.0,
          "initialBackoff", "0.1s", "maxBackoff", "1s", "backoffMultiplier", 2.0,
          "retryableStatusCodes", List.of("UNAVAILABLE")));
      policy.put(bad.getKey(), bad.getValue());
      Map<String, Object> config = Map.of("methodConfig", List.of(Map.of("name",
          List.of(Map.of("service", Echo.SERVICE)), "retryPolicy", policy)));
      assertThatThrownBy(() -> RetryPolicy.of(config, Echo.SAY))
          .as("bad %s", bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.getKey());
    }
  }
}
