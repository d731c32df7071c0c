package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.GrpcParityTest.assertParity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Idle mode over real gRPC (Netty, mutual TLS, loopback) and in simulation: a channel with no
 * call under way for its idle timeout drops its connection, and the next call connects anew (the
 * server sees it come from another address); a call under way keeps the channel connected.
 */
class GrpcIdleParityTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  private static GrpcConfig idleAfter(Duration timeout) {
    return GrpcConfig.loopback().withIdleTimeout(timeout);
  }

  @Test
  void anIdleChannelDropsItsConnectionAndTheNextCallConnectsAnew() throws Exception {
    assertParity(401, () -> idleAfter(Duration.ofSeconds(2)), (cluster, seen) -> {
      cluster.serve("s");
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("connections " + cluster.connections("s"));
      cluster.sleep(Duration.ofSeconds(6)); // three idle timeouts
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("connections " + cluster.connections("s"));
    }, "c: x", "c: x", "connections 1", "c: x", "connections 2");
  }

  @Test
  void aCallUnderWayKeepsTheChannelConnected() throws Exception {
    assertParity(402, () -> idleAfter(Duration.ofSeconds(1)), (cluster, seen) -> {
      cluster.serve("s");
      GrpcCluster.Pending waiting =
          cluster.callLater("c", "s", Echo.WAIT, Duration.ofSeconds(5), false);
      cluster.awaitUntil(() -> cluster.seen("s") == 1, LONG);
      cluster.sleep(Duration.ofSeconds(3)); // three idle timeouts, with the call under way
      seen.add(cluster.call("c", "s", Echo.SAY, LONG, false));
      seen.add("connections " + cluster.connections("s"));
      cluster.awaitUntil(() -> waiting.outcome != null, LONG);
      seen.add(waiting.outcome);
    }, "c: x", "connections 1", "DEADLINE_EXCEEDED");
  }

  @Test
  void anIdleTimeoutBelowGrpcsFloorIsRefusedAndThirtyDaysMeansNever() {
    for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-5),
        Duration.ofMillis(999)}) {
      assertThatThrownBy(() -> GrpcConfig.loopback().withIdleTimeout(bad)).as("%s", bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
    assertThat(GrpcConfig.loopback().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(idleAfter(Duration.ofSeconds(1)).idleTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(idleAfter(Duration.ofDays(30)).idleTimeout()).isNull();
  }
}
