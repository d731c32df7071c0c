package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each incarnation of a node is its own network peer: what was in flight to the crashed one is
 * dropped, even when the node restarted and bound the same address before it arrived. Issue 14,
 * item 6.
 */
class IncarnationTest {

  private static Endpoint<String> bind(SimNetwork network, String node) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind("svc", Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }

  @Test
  void messagesInFlightToACrashedNodeNeverReachItsNextIncarnation() {
    List<String> received = new ArrayList<>();
    SimResult result = Simulation.builder().seed(1).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      network.allLinks().delay(Duration.ofMillis(10), Duration.ofMillis(10));
      Endpoint<String> a = bind(network, "a");
      bind(network, "b");
      a.send(new Address("b", "svc"), "to the first b");
      sim.sleep(Duration.ofMillis(1));
      sim.crash("b");
      Endpoint<String> reborn = bind(network, "b"); // within the delay
      a.send(new Address("b", "svc"), "to the second b");
      for (int i = 0; i < 2; i++) {
        reborn.receive(Duration.ofMillis(50)).map(Envelope::message).ifPresent(received::add);
      }
      assertThat(network.dropped()).isEqualTo(1);
    });
    assertThat(result.failure()).isNull();
    assertThat(received).containsExactly("to the second b");
  }

  @Test
  void aLateReplyToTheOldIncarnationDoesNotAnswerTheNewOnesCall() {
    List<Optional<String>> answers = new ArrayList<>();
    SimResult result = Simulation.builder().seed(2).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      Endpoint<String> server = bind(network, "server");
      sim.spawn(NodeId.of("server"), "slow", () -> {
        try {
          while (true) {
            Envelope<String> request = server.receive();
            sim.sleep(Duration.ofMillis(request.message().equals("first") ? 20 : 200));
            server.reply(request, "answer to " + request.message());
          }
        } catch (InterruptedException | IllegalStateException e) {
          // the run ends
        }
      });
      sim.spawn(NodeId.of("client"), "caller", () -> {
        try {
          Endpoint<String> client = bind(network, "client");
          answers.add(client.call(new Address("server", "svc"), "first", Duration.ofSeconds(1)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      sim.sleep(Duration.ofMillis(5));
      sim.crash("client");
      Thread second = sim.spawn(NodeId.of("client"), "again", () -> {
        try {
          Endpoint<String> client = bind(network, "client");
          // request id 1 again, like the crashed incarnation's: the old reply must not match it
          answers.add(client.call(new Address("server", "svc"), "second", Duration.ofMillis(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      second.join();
    });
    assertThat(result.failure()).isNull();
    assertThat(answers).containsExactly(Optional.empty());
  }

  @Test
  void aNodeThatRestartsBeforeAMessageIsSentGetsIt() {
    SimResult result = Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      Endpoint<String> a = bind(network, "a");
      bind(network, "b");
      sim.crash("b");
      Endpoint<String> reborn = bind(network, "b");
      a.send(new Address("b", "svc"), "hello");
      assertThat(reborn.receive(Duration.ofSeconds(1)).map(Envelope::message)).contains("hello");
    });
    assertThat(result.failure()).isNull();
  }
}
