package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steelmill.platform.LeaseRequest;
import io.steelmill.platform.LeaseScope;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Hostile arguments to leases and the nemesis, as a unit mix-up or a generated name gives them:
 * a time to live of zero, of a nanosecond, of ten thousand years (whose nanoseconds overflow), a
 * negative wait, a resource that is empty, blank, a path or holds a control character; fault
 * intervals of zero, a nanosecond, negative or beyond a day. Each is refused where it is given,
 * in one line naming the argument and its range, instead of a lease that is expired when granted,
 * an {@code ArithmeticException} in a renewal, or a nemesis task failing mid-run with "bound
 * must be positive".
 */
class LeaseAndNemesisHostileTest {
  static final List<Duration> BAD_TTLS = List.of(Duration.ZERO, Duration.ofNanos(1),
      Duration.ofNanos(999_999), Duration.ofMillis(-1), Duration.ofSeconds(-5),
      Duration.ofDays(1).plusNanos(1), Duration.ofDays(3_650_000), Duration.ofSeconds(
          Long.MAX_VALUE));

  static final List<String> BAD_RESOURCES = List.of("", " ", "\t", "a b", "a/b", "/", ".", "..",
      "lead\ner", "x\u0000", "\u200bleader", "leader\u00a0", "\ud800", "r".repeat(201));

  static final List<Duration> BAD_WAITS = List.of(Duration.ofNanos(-1), Duration.ofDays(-1),
      Duration.ofDays(366), Duration.ofSeconds(Long.MAX_VALUE));

  private static void assertRefused(String label, Runnable call, String... fragments) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).as(label).isExactlyInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).as(label).doesNotContain("\n").contains(fragments)
        .hasSizeLessThan(300);
  }

  /** Every way to give a lease request: the check, a scope, the simulated service. */
  @Test
  void everyBadLeaseRequestIsRefusedInOneLine() {
    int cases = 0;
    for (Duration ttl : BAD_TTLS) {
      assertRefused("ttl " + ttl, () -> LeaseRequest.check("leader", ttl, Duration.ZERO),
          "ttl must be from 1ms to 1 day");
      assertRefused("scope ttl " + ttl, () -> new LeaseScope(null, "leader", ttl, lease -> null),
          "ttl");
      cases += 2;
    }
    for (String resource : BAD_RESOURCES) {
      assertRefused("resource " + resource,
          () -> LeaseRequest.check(resource, Duration.ofSeconds(1), Duration.ZERO),
          "is not a name");
      assertRefused("scope resource " + resource,
          () -> new LeaseScope(null, resource, Duration.ofSeconds(1), lease -> null),
          "is not a name");
      cases += 2;
    }
    for (Duration wait : BAD_WAITS) {
      assertRefused("wait " + wait,
          () -> LeaseRequest.check("leader", Duration.ofSeconds(1), wait), "maxWait");
      cases++;
    }
    assertRefused("null resource", () -> LeaseRequest.check(null, Duration.ofSeconds(1),
        Duration.ZERO), "null");
    assertRefused("null ttl", () -> LeaseRequest.check("r", null, Duration.ZERO), "ttl");
    assertRefused("null wait", () -> LeaseRequest.check("r", Duration.ofSeconds(1), null),
        "maxWait");
    // the edges are fine
    LeaseRequest.check("r", LeaseRequest.MIN_TTL, Duration.ZERO);
    LeaseRequest.check("r".repeat(200), LeaseRequest.MAX_TTL,
        io.steelmill.platform.LeaseService.FOREVER);
    LeaseRequest.check("kv-primary:0.\u00e9\u6f22", Duration.ofSeconds(2), Duration.ofDays(1));
    assertThat(cases).isGreaterThanOrEqualTo(48);
  }

  /** The simulated service refuses them too, before any request travels. */
  @Test
  void theSimulatedServiceRefusesThemInsideARun() {
    List<String> refused = new ArrayList<>();
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      SimLeaseService leases = new SimLeaseService(new SimNetwork(), new SimClock());
      String previous = NodeContext.enter("a");
      try {
        for (Duration ttl : BAD_TTLS) {
          try {
            leases.tryAcquire("leader", ttl, Duration.ofSeconds(1));
          } catch (IllegalArgumentException e) {
            refused.add(e.getMessage());
          }
        }
        for (String resource : BAD_RESOURCES) {
          try {
            leases.acquire(resource, Duration.ofSeconds(1));
          } catch (IllegalArgumentException e) {
            refused.add(e.getMessage());
          }
        }
        // and a good request still works
        assertThat(leases.acquire("leader", Duration.ofSeconds(1)).fencingToken()).isEqualTo(1);
      } finally {
        NodeContext.restore(previous);
      }
    });
    assertThat(result.failure()).isNull();
    assertThat(refused).hasSize(BAD_TTLS.size() + BAD_RESOURCES.size());
  }

  static final List<Duration> BAD_INTERVALS = List.of(Duration.ZERO, Duration.ofNanos(1),
      Duration.ofNanos(999_999), Duration.ofMillis(-5), Duration.ofDays(2),
      Duration.ofSeconds(Long.MAX_VALUE));

  static final List<Duration> BAD_LENGTHS = List.of(Duration.ZERO, Duration.ofMillis(-1),
      Duration.ofDays(1).plusNanos(1), Duration.ofSeconds(Long.MAX_VALUE));

  @Test
  void everyBadFaultScheduleIsRefusedWhereItIsGiven() {
    Duration fine = Duration.ofSeconds(1);
    List<Consumer<Duration>> intervals = List.of(
        d -> Nemesis.on(null).crashes(d, fine), d -> Nemesis.on(null).partitions(d, fine),
        d -> Nemesis.on(null).pauses(d, fine), d -> Nemesis.on(null).leaseExpiries("leader", d));
    List<Consumer<Duration>> lengths = List.of(
        d -> Nemesis.on(null).crashes(fine, d), d -> Nemesis.on(null).partitions(fine, d),
        d -> Nemesis.on(null).pauses(fine, d), d -> Nemesis.on(null).clockSkew(d));
    int cases = 0;
    for (Consumer<Duration> setter : intervals) {
      for (Duration every : BAD_INTERVALS) {
        assertRefused("every " + every, () -> setter.accept(every), "every must be from 1ms");
        cases++;
      }
      assertRefused("null", () -> setter.accept(null), "null");
    }
    for (Consumer<Duration> setter : lengths) {
      for (Duration length : BAD_LENGTHS) {
        assertRefused("length " + length, () -> setter.accept(length), "at most 1 day");
        cases++;
      }
    }
    for (String resource : BAD_RESOURCES) {
      assertRefused("resource " + resource,
          () -> Nemesis.on(null).leaseExpiries(resource, fine), "is not a name");
      cases++;
    }
    assertThat(cases).isGreaterThanOrEqualTo(50);
  }
}
