package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.runtime.NodeId;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls to a node with no address yet (it never served): a {@code waitForReady} call waits for
 * it however long, and ends when its context does, at the exact virtual instant; a seed replays.
 */
class SimGrpcAddressTest {
  private static final class Outcome {
    String text;
    long at;
  }

  private static SimResult run(long seed, Simulation.Body body) {
    SimResult result = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofHours(2))
        .build().run(body);
    assertThat(result.failure()).as("seed %d: %s", seed, result.report()).isNull();
    return result;
  }

  /** Starts a waitForReady call from c to s in {@code context}; the outcome fills in later. */
  private static Outcome callLater(Simulation sim, Channel channel, Context context) {
    Outcome outcome = new Outcome();
    sim.spawn(NodeId.of("c"), "caller", () -> context.run(() -> {
      try {
        outcome.text = ClientCalls.blockingUnaryCall(channel, Echo.SAY,
            CallOptions.DEFAULT.withWaitForReady(), "late");
      } catch (StatusRuntimeException e) {
        outcome.text = e.getStatus().getCode().name();
      }
      outcome.at = sim.nanoTime();
    }));
    return outcome;
  }

  private static void scenario() throws Exception {
    Simulation sim = Simulation.current();
    SimGrpcHub hub = new SimGrpcHub(new SimNetwork(), GrpcConfig.loopback());
    SimGrpcChannels channels = new SimGrpcChannels(hub);
    SimGrpcServers servers = new SimGrpcServers(hub);
    Channel toS = as("c", () -> channels.channel("s"));
    long start = sim.nanoTime();
    Context.CancellableContext cancelled = Context.ROOT.withCancellation();
    Context.CancellableContext timed = Context.ROOT.withDeadlineAfter(700, TimeUnit.MILLISECONDS,
        channels.scheduler());
    Outcome patient = callLater(sim, toS, Context.ROOT);
    Outcome cancelledOne = callLater(sim, toS, cancelled);
    Outcome timedOne = callLater(sim, toS, timed);
    sim.sleep(Duration.ofMillis(500));
    cancelled.cancel(null);
    sim.sleep(Duration.ofHours(1));
    assertThat(cancelledOne.text).isEqualTo("CANCELLED");
    assertThat(cancelledOne.at - start).isEqualTo(Duration.ofMillis(500).toNanos());
    assertThat(timedOne.text).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(timedOne.at - start).isEqualTo(Duration.ofMillis(700).toNanos());
    assertThat(patient.text).as("still waiting after an hour").isNull();
    as("s", () -> servers.register(Echo.service(ms -> { }, what -> { })));
    for (int i = 0; i < 100 && patient.text == null; i++) {
      sim.sleep(Duration.ofMillis(100));
    }
    assertThat(patient.text).isEqualTo("c: late");
  }

  @Test
  void aWaitForReadyCallWaitsForTheAddressUntilItsContextEndsAndReplays() {
    String first = run(51, SimGrpcAddressTest::scenario).traceSha256();
    assertThat(run(51, SimGrpcAddressTest::scenario).traceSha256()).isEqualTo(first);
  }
}
