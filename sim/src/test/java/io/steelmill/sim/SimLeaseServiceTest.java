package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Fence;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import io.steelmill.platform.StaleTokenException;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import java.util.concurrent.Callable;

/** Simulated leases: one holder, rising tokens, expiry under pauses, partitions and faults. */
class SimLeaseServiceTest {
  private static final Duration TTL = Duration.ofMillis(300);

  private static <T> T as(String node, Callable<T> work) throws Exception {
    String previous = NodeContext.enter(node);
    try {
      return work.call();
    } finally {
      NodeContext.restore(previous);
    }
  }

  private static void run(Simulation.Body body) {
    SimResult result = Simulation.builder().seed(9).build().run(body);
    assertThat(result.failure()).isNull();
  }

  @Test
  void fenceRejectsOlderTokens() throws Exception {
    Fence fence = new Fence();
    assertThat(fence.admit(3)).isTrue();
    assertThat(fence.admit(3)).as("the same holder writes again").isTrue();
    assertThat(fence.admit(2)).isFalse();
    assertThat(fence.highest()).isEqualTo(3);
    fence.check(4);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fence.check(1))
        .isInstanceOf(StaleTokenException.class)
        .hasMessageContaining("stale fencing token 1: the resource has seen token 4");
  }

  @Test
  void oneLeasePolicyForEveryImplementation() {
    assertThat(Lease.conservativeDeadline(java.time.Instant.EPOCH, Duration.ofSeconds(10)))
        .isEqualTo(java.time.Instant.EPOCH.plusSeconds(9));
    assertThat(java.util.Arrays.stream(LeaseState.values()).filter(LeaseState::isFinal))
        .containsExactly(LeaseState.LOST, LeaseState.RELEASED);
  }

  @Test
  void oneHolderAtATimeAndTokensRise() {
    run(() -> {
      SimNetwork network = new SimNetwork();
      SimLeaseService leases = new SimLeaseService(network, new SimClock());
      Lease first = as("a", () -> leases.acquire("r", TTL));
      assertThat(first.isValid()).isTrue();
      Optional<Lease> denied = as("b", () -> leases.tryAcquire("r", TTL, Duration.ofSeconds(1)));
      assertThat(denied).as("renewed by a, so b waits in vain").isEmpty();
      first.close();
      Lease second = as("b", () -> leases.acquire("r", TTL));
      assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
      assertThat(first.state()).isEqualTo(LeaseState.RELEASED);
      second.close();
    });
  }

  @Test
  void aPausedHolderLosesItsLeaseToTheNextOne() {
    run(() -> {
      Simulation sim = Simulation.current();
      SimLeaseService leases = new SimLeaseService(new SimNetwork(), new SimClock());
      Lease paused = as("a", () -> leases.acquire("r", TTL));
      sim.pause("a", Duration.ofSeconds(2));
      Lease next = as("b", () -> leases.acquire("r", TTL));
      assertThat(next.fencingToken()).isGreaterThan(paused.fencingToken());
      sim.sleep(Duration.ofSeconds(3));
      assertThat(paused.state()).as("its renewal after the pause is refused")
          .isEqualTo(LeaseState.LOST);
      assertThat(next.state()).isEqualTo(LeaseState.HELD);
    });
  }

  @Test
  void aCutHolderGoesInDoubtThenLost() {
    run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      SimLeaseService leases = new SimLeaseService(network, new SimClock());
      Lease lease = as("a", () -> leases.acquire("r", TTL));
      network.cutOneWay("a", SimLeaseService.SERVER);
      assertThat(lease.awaitChange(LeaseState.HELD)).isEqualTo(LeaseState.IN_DOUBT);
      assertThat(lease.isValid()).isFalse();
      assertThat(lease.awaitChange(LeaseState.IN_DOUBT)).isEqualTo(LeaseState.LOST);
      assertThat(sim.nanoTime()).isLessThan(Duration.ofSeconds(1).toNanos());
    });
  }

  @Test
  void explicitRenewalMovesTheDeadlineOrReportsTheLoss() {
    run(() -> {
      Simulation sim = Simulation.current();
      SimLeaseService leases = new SimLeaseService(new SimNetwork(), new SimClock());
      Lease lease = as("a", () -> leases.acquire("r", TTL));
      var before = lease.localDeadline();
      sim.sleep(Duration.ofMillis(50));
      assertThat(as("a", lease::renew)).isTrue();
      assertThat(lease.localDeadline()).isAfter(before);
      leases.expire("r");
      assertThat(as("a", lease::renew)).isFalse();
      assertThat(lease.state()).isEqualTo(LeaseState.LOST);
    });
  }

  @Test
  void aForcedExpiryEndsTheLease() {
    run(() -> {
      SimLeaseService leases = new SimLeaseService(new SimNetwork(), new SimClock());
      Lease lease = as("a", () -> leases.acquire("r", TTL));
      assertThat(leases.currentToken("r")).isEqualTo(lease.fencingToken());
      leases.expire("r");
      assertThat(leases.currentToken("r")).isZero();
      assertThat(lease.awaitChange(LeaseState.HELD)).isEqualTo(LeaseState.LOST);
    });
  }

  @Test
  void aSkewedClockShiftsTheLocalDeadline() {
    run(() -> {
      SimClock clock = new SimClock();
      clock.skew("a", Duration.ofSeconds(10));
      SimLeaseService leases = new SimLeaseService(new SimNetwork(), clock);
      Lease lease = as("a", () -> leases.acquire("r", TTL));
      Lease other =
          as("b", () -> leases.tryAcquire("r2", TTL, Duration.ofSeconds(1)).orElseThrow());
      assertThat(Duration.between(other.localDeadline(), lease.localDeadline()))
          .isGreaterThan(Duration.ofSeconds(9));
    });
  }
}
