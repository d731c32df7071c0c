package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulation must read a hostile duration as production does, or a scenario that passes in
 * simulation hangs or throws in production (and the other way round). Production's {@code
 * Thread.sleep(Duration)}, {@code BlockingQueue.poll} and the TCP endpoint do not wait for a
 * negative timeout (a deadline already past: {@code Duration.between(now, deadline)}) and wait
 * for ever for one too long to count in nanoseconds ({@code Duration.ofMillis(Long.MAX_VALUE)},
 * {@code ChronoUnit.FOREVER}). The simulation read a negative one as "no timeout" (the task hung
 * for ever) and threw {@code ArithmeticException: long overflow} for the long ones. Each case runs
 * twice: the same outcome and the same trace hash.
 */
class SimDurationsHostileTest {
  private static final List<Duration> NEGATIVE = List.of(Duration.ofNanos(-1),
      Duration.ofMillis(-5), Duration.ofSeconds(Long.MIN_VALUE));
  private static final List<Duration> UNCOUNTABLE = List.of(Duration.ofMillis(Long.MAX_VALUE),
      Duration.ofSeconds(Long.MAX_VALUE), ChronoUnit.FOREVER.getDuration(),
      Duration.ofNanos(Long.MAX_VALUE));

  /** One scenario: what the main task does with the endpoint of node "a", given a duration. */
  interface Scenario {
    String run(Simulation sim, SimNetwork network, Endpoint<String> a, Duration d)
        throws Exception;
  }

  /** Runs {@code scenario} twice; returns its outcome after checking the two runs agree. */
  private static String outcome(Duration d, Scenario scenario) {
    List<String> outcomes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<String> seen = new ArrayList<>();
      SimResult result = Simulation.builder().seed(7).maxVirtualTime(Duration.ofMinutes(1))
          .build().run(() -> {
            Simulation sim = Simulation.current();
            SimNetwork network = new SimNetwork();
            Endpoint<String> a = bind(network, "a", "svc");
            seen.add(scenario.run(sim, network, a, d) + " at " + sim.nanoTime());
          });
      outcomes.add(result.failure() == null ? String.join(";", seen)
          : "failed: " + result.failure().getMessage().lines().findFirst().orElse(""));
      hashes.add(result.traceSha256());
    }
    assertThat(outcomes.get(1)).as("second run of %s", d).isEqualTo(outcomes.get(0));
    assertThat(hashes.get(1)).as("trace hash of %s", d).isEqualTo(hashes.get(0));
    return outcomes.get(0);
  }

  private static Endpoint<String> bind(SimNetwork network, String node, String service) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind(service, Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }

  /** Node "b" sends "late" to a/svc after 5 ms, and answers every call on b/echo. */
  private static void peer(Simulation sim, SimNetwork network) {
    Endpoint<String> b = bind(network, "b", "echo");
    sim.spawn(NodeId.of("b"), "peer", () -> {
      try {
        sim.sleep(Duration.ofMillis(5));
        b.send(new Address("a", "svc"), "late");
        while (true) {
          Envelope<String> request = b.receive();
          if (request.isRequest()) {
            b.reply(request, "echo " + request.message());
          }
        }
      } catch (InterruptedException | IllegalStateException e) {
        // the run ended
      }
    });
  }

  @Test
  void aNegativeSleepDoesNotWait() {
    for (Duration d : NEGATIVE) {
      assertThat(outcome(d, (sim, network, a, t) -> {
        sim.sleep(t);
        new SimClock().sleep(t);
        return "slept";
      })).as("%s", d).isEqualTo("slept at 0");
    }
  }

  @Test
  void aNegativeReceiveOrCallDoesNotWait() {
    for (Duration d : NEGATIVE) {
      assertThat(outcome(d, (sim, network, a, t) -> {
        peer(sim, network);
        return "receive " + a.receive(t).map(Envelope::message).orElse("nothing")
            + ", call " + a.call(new Address("b", "echo"), "ping", t).orElse("nothing");
      })).as("%s", d).isEqualTo("receive nothing, call nothing at 0");
    }
  }

  @Test
  void anUncountableSleepLastsUntilInterrupted() {
    for (Duration d : UNCOUNTABLE) {
      assertThat(outcome(d, (sim, network, a, t) -> {
        Thread sleeper = Thread.currentThread();
        sim.spawn("waker", () -> {
          try {
            sim.sleep(Duration.ofMillis(3));
            sleeper.interrupt();
          } catch (InterruptedException e) {
            // the run ended
          }
        });
        try {
          sim.sleep(t);
          return "slept";
        } catch (InterruptedException e) {
          return "interrupted";
        }
      })).as("%s", d).isEqualTo("interrupted at 3000000");
    }
  }

  @Test
  void anUncountableReceiveOrCallWaitsForTheMessage() {
    for (Duration d : UNCOUNTABLE) {
      assertThat(outcome(d, (sim, network, a, t) -> {
        peer(sim, network);
        String received = a.receive(t).map(Envelope::message).orElse("nothing");
        return received + ", " + a.call(new Address("b", "echo"), "ping", t).orElse("nothing");
      })).as("%s", d).startsWith("late, echo ping at ");
    }
  }

  @Test
  void anUncountableDeadlineIsNotExpired() {
    for (Duration d : UNCOUNTABLE) {
      assertThat(outcome(d, (sim, network, a, t) -> {
        sim.sleep(Duration.ofMillis(1));
        return "expired " + new SimClock().deadlineIn(t).isExpired();
      })).as("%s", d).isEqualTo("expired false at 1000000");
    }
  }
}
