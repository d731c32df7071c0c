package io.steelmill.grpc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.grpc.NettyGrpcChannels;
import io.steelmill.grpc.NettyGrpcServers;
import io.steelmill.runtime.NodeId;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The same scenarios over real gRPC (Netty, mutual TLS, loopback, real time) and over the
 * simulated transport (virtual time): what the calls end with and how many calls each server saw
 * must be the same. These are the cases where grpc-java's own rules decide the outcome: a call
 * that never reached a server (transparent retry), {@code waitForReady}, a server going away.
 */
class GrpcParityTest {
  interface Scenario {
    void run(GrpcCluster cluster, List<String> seen) throws Exception;
  }

  /** Over real gRPC: Netty on loopback, with the production channels and servers. */
  static List<String> overNetty(GrpcConfig config, Scenario scenario) throws Exception {
    NettyGrpcServers servers = new NettyGrpcServers(config);
    NettyGrpcChannels channels = new NettyGrpcChannels(config);
    List<String> seen = new ArrayList<>();
    try {
      scenario.run(new GrpcCluster(servers, channels, Thread::sleep,
          (node, body) -> Thread.ofVirtual().name("call from " + node).start(body)), seen);
    } finally {
      channels.stop();
      servers.stop();
    }
    return seen;
  }

  /** What a simulated run saw, and the hash of its trace. */
  record Simulated(List<String> seen, String traceSha256) {}

  /** Over the simulated transport, under {@code seed}. */
  static Simulated simulated(long seed, GrpcConfig config, Scenario scenario) {
    List<String> seen = new ArrayList<>();
    SimResult result = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(() -> {
          Simulation sim = Simulation.current();
          SimGrpcHub hub = new SimGrpcHub(new SimNetwork(), config);
          SimGrpcServers servers = new SimGrpcServers(hub);
          SimGrpcChannels channels = new SimGrpcChannels(hub);
          scenario.run(new GrpcCluster(servers, channels, sim::sleep,
              (node, body) -> sim.spawn(NodeId.of(node), "call", body)), seen);
        });
    assertThat(result.failure()).as("seed %d: %s", seed, result.report()).isNull();
    return new Simulated(seen, result.traceSha256());
  }

  static void assertParity(long seed, Scenario scenario, String... expected)
      throws Exception {
    assertParity(seed, GrpcConfig::loopback, scenario, expected);
  }

  /** Each mode gets its own {@code config}: a production run registers its nodes' addresses. */
  static void assertParity(long seed, Supplier<GrpcConfig> config, Scenario scenario,
      String... expected) throws Exception {
    assertThat(overNetty(config.get(), scenario)).as("over real gRPC").containsExactly(expected);
    Simulated first = simulated(seed, config.get(), scenario);
    assertThat(first.seen()).as("in simulation").containsExactly(expected);
    Simulated again = simulated(seed, config.get(), scenario);
    assertThat(again.traceSha256()).as("seed %d run twice: the same trace", seed)
        .isEqualTo(first.traceSha256());
  }

  /** Say retried on UNAVAILABLE, at most three attempts, after short backoffs. */
  static GrpcConfig retrying() {
    Map<String, Object> policy = Map.of("maxAttempts", 3.0, "initialBackoff", "0.05s",
        "maxBackoff", "0.2s", "backoffMultiplier", 2.0, "retryableStatusCodes",
        List.of("UNAVAILABLE"));
    return GrpcConfig.loopback().withServiceConfig(Map.of("methodConfig", List.of(Map.of(
        "name", List.of(Map.of("service", Echo.SERVICE, "method", "Say")),
        "retryPolicy", policy))));
  }

  private static final Duration LONG = Duration.ofSeconds(20);

  /** Serves "s", has "c" call it once (answered), stops serving and lets 200 ms pass. */
  private static void answeredThenStopped(GrpcCluster cluster, List<String> seen)
      throws Exception {
    cluster.serve("s");
    seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
    cluster.stopServing("s");
    cluster.sleep(Duration.ofMillis(200));
  }

  @Test
  void aStoppedServerFailsAFailFastCallAtOnce() throws Exception {
    assertParity(201, (cluster, seen) -> {
      answeredThenStopped(cluster, seen);
      seen.add(cluster.call("c", "s", Echo.SAY, Duration.ofSeconds(2), false));
      seen.add("server saw " + cluster.seen("s"));
    }, "c: x", "UNAVAILABLE", "server saw 1");
  }

  @Test
  void aWaitForReadyCallToAStoppedServerWaitsForItsDeadline() throws Exception {
    assertParity(202, (cluster, seen) -> {
      answeredThenStopped(cluster, seen);
      seen.add(cluster.call("c", "s", Echo.SAY, Duration.ofMillis(1500), true));
      seen.add("server saw " + cluster.seen("s"));
    }, "c: x", "DEADLINE_EXCEEDED", "server saw 1");
  }

  @Test
  void aWaitForReadyCallIsAnsweredWhenTheServerServesAgain() throws Exception {
    assertParity(203, (cluster, seen) -> {
      answeredThenStopped(cluster, seen);
      GrpcCluster.Pending pending = cluster.callLater("c", "s", Echo.SAY, LONG, true);
      cluster.sleep(Duration.ofMillis(300));
      seen.add("server saw " + cluster.seen("s"));
      cluster.serve("s");
      cluster.awaitUntil(() -> pending.outcome != null, LONG.plusSeconds(5));
      seen.add(pending.outcome);
      seen.add("server saw " + cluster.seen("s"));
    }, "c: x", "server saw 1", "c: x", "server saw 2");
  }

  @Test
  void aCallUnderWayWhenTheServerStopsEnds() throws Exception {
    assertParity(204, (cluster, seen) -> {
      cluster.serve("s");
      GrpcCluster.Pending pending = cluster.callLater("c", "s", Echo.WAIT, LONG, false);
      cluster.awaitUntil(() -> cluster.seen("s") == 1, LONG);
      cluster.stopServing("s");
      cluster.awaitUntil(() -> pending.outcome != null, LONG.plusSeconds(5));
      seen.add(pending.outcome);
      seen.add("server saw " + cluster.seen("s"));
    }, "CANCELLED", "server saw 1");
  }

  @Test
  void aServerThatRestartedBetweenTwoCallsAnswersTheSecond() throws Exception {
    assertParity(205, (cluster, seen) -> {
      cluster.serve("s");
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      cluster.stopServing("s");
      cluster.serve("s");
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("server saw " + cluster.seen("s"));
    }, "c: x", "c: x", "server saw 2");
  }

  @Test
  void aRetryPolicyRetriesAServersUnavailableAndTheServerSeesEachAttempt() throws Exception {
    assertParity(206, GrpcParityTest::retrying, (cluster, seen) -> {
      cluster.serveFailingFirst("s", 2);
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("server saw " + cluster.seen("s") + " " + cluster.previousAttempts);
    }, "c: x", "server saw 3 [null, 1, 2]");
  }

  @Test
  void aRetryPolicyGivesUpOnAStoppedServerWithUnavailable() throws Exception {
    assertParity(207, GrpcParityTest::retrying, (cluster, seen) -> {
      answeredThenStopped(cluster, seen);
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("server saw " + cluster.seen("s"));
    }, "c: x", "UNAVAILABLE", "server saw 1");
  }

  @Test
  void aWaitForReadyCallTheServerOpenedIsNotRetriedWhenItStops() throws Exception {
    assertParity(208, GrpcParityTest::retrying, (cluster, seen) -> {
      cluster.serve("s");
      GrpcCluster.Pending pending = cluster.callLater("c", "s", Echo.WAIT, LONG, true);
      cluster.awaitUntil(() -> cluster.seen("s") == 1, LONG);
      cluster.stopServing("s");
      cluster.serve("s");
      cluster.awaitUntil(() -> pending.outcome != null, LONG.plusSeconds(5));
      seen.add(pending.outcome);
      seen.add("server saw " + cluster.seen("s"));
    }, "CANCELLED", "server saw 1");
  }

  // ---- a node with no known address (never served, not in GrpcConfig) -------------------------

  @Test
  void aFailFastCallToANodeWithNoAddressFailsUnavailableAtOnce() throws Exception {
    assertParity(209, (cluster, seen) -> {
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("server saw " + cluster.seen("s"));
    }, "UNAVAILABLE", "server saw 0");
  }

  @Test
  void aWaitForReadyCallToANodeWithNoAddressEndsAtItsDeadline() throws Exception {
    assertParity(210, (cluster, seen) -> {
      seen.add(cluster.call("c", "s", Echo.SAY, Duration.ofMillis(1500), true));
      cluster.serve("s");
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("server saw " + cluster.seen("s"));
    }, "DEADLINE_EXCEEDED", "c: x", "server saw 1");
  }

  @Test
  void aWaitForReadyCallGoesOnWhenTheNodeFirstServes() throws Exception {
    assertParity(211, (cluster, seen) -> {
      GrpcCluster.Pending waiting = cluster.callLater("c", "s", Echo.SAY, LONG, true);
      GrpcCluster.Pending failing = cluster.callLater("c", "s", Echo.SAY, LONG, false);
      cluster.awaitUntil(() -> failing.outcome != null, LONG);
      seen.add("fail-fast: " + failing.outcome);
      cluster.sleep(Duration.ofMillis(300));
      seen.add("waiting: " + waiting.outcome);
      cluster.serve("s");
      cluster.awaitUntil(() -> waiting.outcome != null, LONG);
      seen.add("waiting: " + waiting.outcome);
      seen.add("server saw " + cluster.seen("s"));
    }, "fail-fast: UNAVAILABLE", "waiting: null", "waiting: c: x", "server saw 1");
  }

  @Test
  void aRetryPolicyRetriesACallToANodeWithNoAddressAndGivesUp() throws Exception {
    assertParity(212, GrpcParityTest::retrying, (cluster, seen) -> {
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add(cluster.call("c", "s", Echo.SAY, Duration.ofMillis(1500), true));
      seen.add("server saw " + cluster.seen("s"));
    }, "UNAVAILABLE", "DEADLINE_EXCEEDED", "server saw 0");
  }
}
