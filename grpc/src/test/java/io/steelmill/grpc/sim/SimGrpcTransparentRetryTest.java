package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.runtime.NodeId;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile cases of grpc-java's transparent retries and {@code waitForReady} in simulation: calls
 * a server never opened go elsewhere without counting, a refused call goes once more, a waiting
 * call waits (and can be cancelled, and dies with its node), a fail-fast one fails at once while
 * its channel backs off; and a transparent retry never makes a server see a call twice. Each
 * seed runs twice with the same trace, and every call ends within a bound of virtual time.
 */
class SimGrpcTransparentRetryTest {
  private static final Metadata.Key<String> CALL_ID =
      Metadata.Key.of("x-call", Metadata.ASCII_STRING_MARSHALLER);

  private static SimResult twice(long seed, Simulation.Body body) {
    SimResult first = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(first.failure()).as("seed %d: %s", seed, first.report()).isNull();
    SimResult second = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(second.traceSha256()).as("seed %d replayed", seed)
        .isEqualTo(first.traceSha256());
    return first;
  }

  /** Counts, per {@code x-call} header, the calls that reached the server's application. */
  private static final class Seen implements ServerInterceptor {
    final Map<String, Integer> calls = new TreeMap<>();
    final List<String> previousAttempts = new ArrayList<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      calls.merge(String.valueOf(headers.get(CALL_ID)), 1, Integer::sum);
      previousAttempts.add(String.valueOf(headers.get(RetryingCall.PREVIOUS_ATTEMPTS)));
      return next.startCall(call, headers);
    }
  }

  private static GrpcServers.Registration serve(SimGrpcTest.World world, String node, Seen seen)
      throws Exception {
    return as(node, () -> world.servers.register(ServerInterceptors.intercept(
        Echo.service(world::sleep, world.cancelled::add), seen)));
  }

  /** A unary call of {@code method} tagged {@code id}: its answer or its status code. */
  private static String call(SimGrpcTest.World world, Channel channel, String id,
      io.grpc.MethodDescriptor<String, String> method, CallOptions options) throws Exception {
    Metadata tag = new Metadata();
    tag.put(CALL_ID, id);
    Channel tagged = ClientInterceptors.intercept(channel,
        MetadataUtils.newAttachHeadersInterceptor(tag));
    try {
      return as("c", () -> ClientCalls.blockingUnaryCall(tagged, method, options, id));
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  private static CallOptions within(SimGrpcTest.World world, Duration timeout) {
    return CallOptions.DEFAULT.withDeadline(world.channels.deadlineAfter(timeout));
  }

  @Test
  void callsTheServerNeverOpenedAreAnsweredAfterItsRestartWithoutCounting() {
    twice(301, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.network.allLinks().delay(Duration.ofMillis(5), Duration.ofMillis(10));
      Seen seen = new Seen();
      stopAll(world); // World's own registration: s now serves only what follows
      GrpcServers.Registration first = serve(world, "s", seen);
      assertThat(call(world, world.channel, "warm", Echo.SAY, within(world, Duration.ofSeconds(
          1)))).isEqualTo("c: warm");
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = "m" + i;
        world.sim.spawn(NodeId.of("c"), "caller", () -> {
          try {
            outcomes.add(call(world, world.channel, id, Echo.SAY, within(world,
                Duration.ofSeconds(5))));
          } catch (Exception e) {
            outcomes.add("threw " + e);
          }
        });
      }
      first.close(); // before the five arrive: its GOAWAY names none of them
      serve(world, "s", seen); // the node's daemon registers again at once
      world.sleep(2_000);
      assertThat(outcomes).containsExactlyInAnyOrder("c: m0", "c: m1", "c: m2", "c: m3",
          "c: m4");
      assertThat(seen.calls).containsEntry("m0", 1).containsEntry("m4", 1).hasSize(6);
      assertThat(seen.previousAttempts).as("transparent retries are not attempts")
          .containsOnly("null");
    });
  }

  @Test
  void aRefusedCallIsRetriedTransparentlyOnceThenFailsUnavailable() {
    SimResult result = twice(302, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(network -> SimGrpcHub.withTimings(network,
          GrpcConfig.loopback(), Timings.DEFAULT.withMaxCalls(1)));
      world.startWaitingCall(); // takes the connection's one call
      world.sleep(100);
      long before = world.sim.nanoTime();
      assertThat(world.sayFails(Duration.ofSeconds(5))).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(world.sim.nanoTime() - before).isLessThan(Duration.ofSeconds(1).toNanos());
      world.sim.trace("refused call ended");
      assertThat(world.cancelled).containsExactly("Wait started false"); // Say never ran
    });
    List<String> tail = result.traceTail();
    assertThat(tail.stream().filter(line -> line.contains("transparent retry (refused)")))
        .as(String.join("\n", tail)).hasSize(1);
  }

  @Test
  void aWaitForReadyCallToANodeThatNeverStartedEndsAtItsDeadline() {
    twice(303, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      Channel ghost = as("c", () -> world.channels.channel("ghost"));
      for (Duration deadline : List.of(Duration.ofNanos(1), Duration.ofMillis(1),
          Duration.ofSeconds(7))) {
        long before = world.sim.nanoTime();
        assertThat(call(world, ghost, "w", Echo.SAY, within(world, deadline).withWaitForReady()))
            .isEqualTo("DEADLINE_EXCEEDED");
        assertThat(world.sim.nanoTime() - before).isEqualTo(deadline.toNanos());
      }
      long before = world.sim.nanoTime(); // the channel backs off: a fail-fast call fails at once
      assertThat(call(world, ghost, "f", Echo.SAY, within(world, Duration.ofSeconds(7))))
          .isEqualTo("UNAVAILABLE");
      assertThat(world.sim.nanoTime() - before).isLessThanOrEqualTo(
          Duration.ofMillis(2_500).toNanos());
    });
  }

  @Test
  void aFailFastCallFailsAtOnceWhileTheChannelBacksOffAndWorksAfterIt() {
    twice(304, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.network.isolate("s");
      Channel fresh = as("c", () -> world.channels.channel("s"));
      assertThat(call(world, fresh, "1", Echo.SAY, within(world, Duration.ofSeconds(9))))
          .isEqualTo("UNAVAILABLE"); // the connect timeout
      world.network.heal();
      long before = world.sim.nanoTime();
      assertThat(call(world, fresh, "2", Echo.SAY, within(world, Duration.ofSeconds(9))))
          .isEqualTo("UNAVAILABLE");
      assertThat(world.sim.nanoTime()).as("failed without touching the network")
          .isEqualTo(before);
      world.sleep(1_300); // past the reconnect backoff (1 s +- 20%)
      assertThat(call(world, fresh, "3", Echo.SAY, within(world, Duration.ofSeconds(9))))
          .isEqualTo("c: 3");
    });
  }

  @Test
  void aWaitForReadyCallWaitsOutAPartitionAndCanBeCancelledWhileWaiting() {
    twice(305, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.network.isolate("s");
      world.sim.spawn(NodeId.of("tester"), "healer", () -> {
        try {
          world.sim.sleep(Duration.ofMillis(4_500));
        } catch (InterruptedException e) {
          return;
        }
        world.network.heal();
      });
      assertThat(call(world, world.channel, "late", Echo.SAY, within(world,
          Duration.ofSeconds(30)).withWaitForReady())).isEqualTo("c: late");
      assertThat(world.sim.nanoTime()).isGreaterThan(Duration.ofMillis(4_500).toNanos());

      Channel ghost = as("c", () -> world.channels.channel("ghost")); // never answers
      AtomicReference<Status> closed = new AtomicReference<>();
      as("c", () -> {
        ClientCall<String, String> call = ghost.newCall(Echo.SAY,
            CallOptions.DEFAULT.withWaitForReady());
        call.start(new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.set(status);
          }
        }, new Metadata());
        call.sendMessage("never");
        call.halfClose();
        call.request(1);
        world.sleep(3_000);
        assertThat(closed.get()).as("still waiting").isNull();
        call.cancel("the user gave up", null);
        return null;
      });
      world.sleep(1);
      assertThat(closed.get().getCode()).isEqualTo(Status.Code.CANCELLED);
    });
  }

  @Test
  void aWaitingCallDiesWithItsNodeAndTheRunEnds() {
    twice(306, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.network.isolate("s");
      List<String> heard = new ArrayList<>();
      world.sim.spawn(NodeId.of("c"), "waiter", () -> {
        try {
          heard.add(call(world, world.channel, "w", Echo.SAY,
              CallOptions.DEFAULT.withWaitForReady()));
        } catch (Exception e) {
          heard.add("threw " + e);
        }
      });
      world.sleep(5_000);
      world.sim.crash("c");
      world.sleep(60_000); // the node is gone: nothing of its call runs any more
      // the crash interrupts the blocked caller, which grpc's stub answers CANCELLED as it
      // unwinds; the call itself never went anywhere nor came back
      assertThat(heard).isSubsetOf("CANCELLED");
      assertThat(world.hub.transport("c")).isNull();
    });
  }

  /**
   * A server flapping (stops and serves again at seeded moments) under seeded calls, fail-fast
   * and waitForReady: every call ends with a status a user expects, never INTERNAL, and no call
   * reaches the server twice (a transparent retry only resends what the server never opened).
   */
  @Test
  void aFlappingServerNeverSeesACallTwice() {
    for (long seed = 310; seed < 316; seed++) {
      long current = seed;
      twice(seed, () -> {
        SimGrpcTest.World world = new SimGrpcTest.World();
        world.network.allLinks().delay(Duration.ofMillis(1), Duration.ofMillis(15));
        stopAll(world);
        Seen seen = new Seen();
        SplitMix64 random = world.sim.random("flaps");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          String id = "call" + i;
          boolean waitForReady = random.nextInt(2) == 0;
          long at = random.nextLong(3_000);
          world.sim.spawn(NodeId.of("c"), id, () -> {
            try {
              world.sim.sleep(Duration.ofMillis(at));
              CallOptions options = within(world, Duration.ofSeconds(4));
              outcomes.add(call(world, world.channel, id, Echo.SAY,
                  waitForReady ? options.withWaitForReady() : options));
            } catch (Exception e) {
              outcomes.add("threw " + e);
            }
          });
        }
        GrpcServers.Registration serving = serve(world, "s", seen);
        for (int flap = 0; flap < 12; flap++) {
          world.sleep(random.nextLong(400));
          serving.close();
          world.sleep(random.nextLong(100));
          serving = serve(world, "s", seen);
        }
        world.sleep(10_000);
        assertThat(outcomes).as("seed %d", current).hasSize(40).allSatisfy(outcome -> assertThat(
            outcome).matches("c: call\\d+|CANCELLED|UNAVAILABLE|DEADLINE_EXCEEDED"));
        assertThat(seen.calls.values()).as("seed %d: %s", current, seen.calls)
            .containsOnly(1);
        assertThat(outcomes.stream().filter(o -> o.startsWith("c: ")).count())
            .as("seed %d: answered calls were seen", current)
            .isLessThanOrEqualTo(seen.calls.size());
      });
    }
  }

  @Test
  void aServerStoppingMidStreamCancelsTheStreamAndAnotherServiceKeepsServing() {
    twice(307, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      List<String> streamed = new ArrayList<>();
      String end = as("c", () -> {
        try {
          var it = ClientCalls.blockingServerStreamingCall(world.channel, Echo.COUNT,
              within(world, Duration.ofSeconds(30)), "1000");
          while (it.hasNext()) {
            streamed.add(it.next());
            if (streamed.size() == 3) {
              stopAll(world); // the node's daemon stops: its server goes away
            }
          }
          return "OK";
        } catch (StatusRuntimeException e) {
          return e.getStatus().getCode().name();
        }
      });
      assertThat(end).isEqualTo("CANCELLED");
      assertThat(streamed).hasSizeBetween(3, 5);
      assertThat(world.sayFails(Duration.ofSeconds(1))).isEqualTo(Status.Code.UNAVAILABLE);
    });
  }

  /** Closes s's Echo registration (the one World made). */
  private static void stopAll(SimGrpcTest.World world) {
    world.hub.transport("s").withdraw(world.hub.transport("s").service(Echo.SERVICE));
  }

  /**
   * Calls already on a connection when it is cut end by keepalive, waitForReady or not (they
   * were sent, as grpc-java's on a READY transport); a waitForReady call made afterwards waits
   * through failed connects and is answered once the partition heals.
   */
  @Test
  void callsOnACutConnectionEndByKeepaliveAndALaterWaitingCallOutlastsThePartition() {
    twice(308, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.say("warm", Duration.ofSeconds(1));
      world.network.partition(Set.of("c"), Set.of("s"));
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        boolean waitForReady = i % 2 == 0;
        world.sim.spawn(NodeId.of("c"), "caller", () -> {
          try {
            CallOptions options = CallOptions.DEFAULT;
            outcomes.add(call(world, world.channel, "p", Echo.SAY,
                waitForReady ? options.withWaitForReady() : options));
          } catch (Exception e) {
            outcomes.add("threw " + e);
          }
        });
      }
      world.sleep(20_000); // 10 s of silence, 5 s without an answer to the ping
      assertThat(outcomes).hasSize(6).containsOnly("UNAVAILABLE");
      world.sim.spawn(NodeId.of("tester"), "healer", () -> {
        try {
          world.sim.sleep(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          return;
        }
        world.network.heal();
      });
      long before = world.sim.nanoTime();
      assertThat(call(world, world.channel, "after", Echo.SAY, within(world,
          Duration.ofSeconds(60)).withWaitForReady())).isEqualTo("c: after");
      assertThat(world.sim.nanoTime() - before).isGreaterThanOrEqualTo(
          Duration.ofSeconds(10).toNanos());
    });
  }
}
