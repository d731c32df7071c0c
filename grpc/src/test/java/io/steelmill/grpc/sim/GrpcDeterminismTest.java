package io.steelmill.grpc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.sim.Simulation;
import io.steelmill.testing.SimulationTest;
import java.time.Duration;

/**
 * The determinism self-check of {@code @SimulationTest} over the gRPC workload (calls, streams,
 * retransmissions, keepalives, reconnect backoff and transparent retries under partitions,
 * pauses, crashes and restarts): its first seed runs twice in this JVM and once more in a fresh
 * JVM, and all three traces must be the same; any real thread, clock or unordered iteration of
 * grpc-java or of the transport that reached the run would tell them apart.
 */
class GrpcDeterminismTest {
  @SimulationTest(seeds = 3, maxVirtualTime = "2m", buggify = false, shrinkBudget = 0)
  void theGrpcWorkloadReplaysItsTrace(Simulation sim) throws Exception {
    long start = sim.nanoTime();
    GrpcWorkload.scenario();
    assertThat(sim.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofSeconds(20).toNanos());
  }
}
