package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server pushback and retry throttling in virtual time: a pushback delays the next attempt by
 * exactly its milliseconds (and starts the backoff over), and a seed replays to the same trace.
 */
class SimGrpcPushbackTest {
  /** Say retried on UNAVAILABLE: 5 attempts, backoffs of 0.4 s, 0.8 s, 1.6 s (ceilings). */
  private static GrpcConfig config(Map<String, ?> throttling) {
    Map<String, Object> policy = Map.of("maxAttempts", 5.0, "initialBackoff", "0.4s",
        "maxBackoff", "10s", "backoffMultiplier", 2.0, "retryableStatusCodes",
        List.of("UNAVAILABLE"));
    Map<String, Object> methods = Map.of("name", List.of(Map.of("service", Echo.SERVICE)),
        "retryPolicy", policy);
    return GrpcConfig.loopback().withServiceConfig(throttling == null
        ? Map.of("methodConfig", List.of(methods))
        : Map.of("methodConfig", List.of(methods), "retryThrottling", throttling));
  }

  /** Fails each call with the next pushback of a list (null: none), recording when it came. */
  private static final class Pushing implements ServerInterceptor {
    final List<Long> arrivals = new ArrayList<>();
    private final List<String> pushbacks;
    private final Simulation sim;

    Pushing(Simulation sim, String... pushbacks) {
      this.sim = sim;
      this.pushbacks = new ArrayList<>(java.util.Arrays.asList(pushbacks));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      arrivals.add(sim.nanoTime());
      if (pushbacks.isEmpty()) {
        return next.startCall(call, headers);
      }
      String pushback = pushbacks.remove(0);
      Metadata trailers = new Metadata();
      if (pushback != null) {
        trailers.put(RetryDecision.PUSHBACK, pushback);
      }
      call.close(Status.UNAVAILABLE.withDescription("busy"), trailers);
      return new ServerCall.Listener<>() {};
    }
  }

  private static SimResult run(long seed, Simulation.Body body) {
    SimResult result = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(result.failure()).as("seed %d: %s", seed, result.report()).isNull();
    return result;
  }

  /** Pushbacks of 700 ms and 0 ms, then a backoff that starts over (below 0.4 s), then 1234 ms. */
  private static void pushedBack() throws Exception {
    SimGrpcTest.World world = new SimGrpcTest.World(config(null));
    world.network.allLinks().delay(Duration.ofMillis(1), Duration.ofMillis(1)); // a fixed trip
    Pushing server = new Pushing(world.sim, "700", "0", null, "1234");
    as("t", () -> world.servers.register(ServerInterceptors.intercept(
        Echo.service(world::sleep, world.cancelled::add), server)));
    io.grpc.Channel toT = as("c", () -> world.channels.channel("t"));
    String answer = as("c", () -> ClientCalls.blockingUnaryCall(toT, Echo.SAY,
        CallOptions.DEFAULT.withDeadline(world.channels.deadlineAfter(Duration.ofSeconds(30))),
        "pushed"));
    assertThat(answer).isEqualTo("c: pushed");
    List<Long> at = server.arrivals;
    assertThat(at).hasSize(5);
    // each gap: the pushback (or backoff) plus one round trip (the failure back, the attempt out)
    long roundTrip = at.get(2) - at.get(1);
    assertThat(at.get(1) - at.get(0) - roundTrip).isEqualTo(Duration.ofMillis(700).toNanos());
    assertThat(at.get(3) - at.get(2) - roundTrip).as("the backoff starts over after a pushback")
        .isBetween(0L, Duration.ofMillis(400).toNanos());
    assertThat(at.get(4) - at.get(3) - roundTrip).isEqualTo(Duration.ofMillis(1234).toNanos());
  }

  @Test
  void aPushbackDelaysTheNextAttemptExactlyAndReplays() {
    String first = run(41, SimGrpcPushbackTest::pushedBack).traceSha256();
    assertThat(run(41, SimGrpcPushbackTest::pushedBack).traceSha256()).isEqualTo(first);
  }

  /** A huge pushback waits for no longer than the call's deadline; a bad one stops at once. */
  @Test
  void aHugePushbackEndsAtTheDeadlineAndABadOneStopsTheRetries() {
    run(42, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(config(null));
      Pushing server = new Pushing(world.sim, "2147483647", "-7", "NaN", "5", "5");
      as("t", () -> world.servers.register(ServerInterceptors.intercept(
          Echo.service(world::sleep, world.cancelled::add), server)));
      io.grpc.Channel toT = as("c", () -> world.channels.channel("t"));
      long before = world.sim.nanoTime();
      assertThat(fails(world, "c", toT, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofSeconds(3).toNanos());
      assertThat(fails(world, "c", toT, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(fails(world, "c", toT, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(server.arrivals).hasSize(3);
    });
  }

  /** Throttling per channel: another caller's channel to the same server has its own bucket. */
  @Test
  void eachChannelHasItsOwnBucket() {
    run(43, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(config(
          Map.of("maxTokens", 2.0, "tokenRatio", 0.1)));
      Pushing server = new Pushing(world.sim, null, null, null, null, null, null, null, null);
      as("t", () -> world.servers.register(ServerInterceptors.intercept(
          Echo.service(world::sleep, world.cancelled::add), server)));
      io.grpc.Channel fromC = as("c", () -> world.channels.channel("t"));
      io.grpc.Channel fromD = as("d", () -> world.channels.channel("t"));
      // 2 tokens: the first failure leaves 1, not above the threshold of 1: no retry at all
      assertThat(fails(world, "c", fromC, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(server.arrivals).hasSize(1);
      assertThat(fails(world, "d", fromD, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(server.arrivals).as("d's bucket is its own").hasSize(2);
      assertThat(fails(world, "c", fromC, Duration.ofSeconds(3)))
          .isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(server.arrivals).hasSize(3);
    });
  }

  private static Status.Code fails(SimGrpcTest.World world, String node,
      io.grpc.Channel channel, Duration deadline) throws Exception {
    try {
      as(node, () -> ClientCalls.blockingUnaryCall(channel, Echo.SAY,
          CallOptions.DEFAULT.withDeadline(world.channels.deadlineAfter(deadline)), "x"));
      throw new AssertionError("the call succeeded");
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }
}
