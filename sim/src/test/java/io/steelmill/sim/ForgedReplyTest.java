package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A peer answering a call that went to another node. Request ids are guessable (they count up),
 * and the production network drops a reply whose sender is not the callee ("forged senders");
 * the simulated one took it as the callee's answer, so a system tested in simulation trusted a
 * reply its production network would never hand it.
 */
class ForgedReplyTest {
  private static Endpoint<String> bind(SimNetwork network, String node, String service) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind(service, Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }

  @Test
  void onlyTheCalleeAnswersACall() {
    AtomicReference<Optional<String>> answer = new AtomicReference<>();
    SimResult result = Simulation.builder().seed(4).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      Endpoint<String> client = bind(network, "client", "rpc");
      Endpoint<String> server = bind(network, "server", "svc");
      Endpoint<String> forger = bind(network, "forger", "svc");
      sim.spawn(NodeId.of("server"), "slow", () -> {
        try {
          Envelope<String> request = server.receive();
          sim.sleep(Duration.ofSeconds(5)); // answers after the caller gave up
          server.reply(request, "genuine");
        } catch (InterruptedException | IllegalStateException e) {
          // stopped
        }
      });
      sim.spawn(NodeId.of("forger"), "forge", () -> {
        try {
          sim.sleep(Duration.ofMillis(50));
          for (long id = 1; id <= 20; id++) { // guesses the caller's request id
            forger.reply(new Envelope<>(client.address(), "x", id), "forged");
          }
        } catch (InterruptedException | IllegalStateException e) {
          // stopped
        }
      });
      answer.set(client.call(new Address("server", "svc"), "hello", Duration.ofSeconds(1)));
    });
    assertThat(result.failure()).isNull();
    assertThat(answer.get()).isEmpty();
  }

  @Test
  void theCalleesReplyStillArrives() {
    AtomicReference<Optional<String>> answer = new AtomicReference<>();
    SimResult result = Simulation.builder().seed(4).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      Endpoint<String> client = bind(network, "client", "rpc");
      Endpoint<String> server = bind(network, "server", "svc");
      sim.spawn(NodeId.of("server"), "echo", () -> {
        try {
          Envelope<String> request = server.receive();
          server.reply(request, "genuine");
        } catch (InterruptedException | IllegalStateException e) {
          // stopped
        }
      });
      answer.set(client.call(new Address("server", "svc"), "hello", Duration.ofSeconds(1)));
    });
    assertThat(result.failure()).isNull();
    assertThat(answer.get()).contains("genuine");
  }
}
