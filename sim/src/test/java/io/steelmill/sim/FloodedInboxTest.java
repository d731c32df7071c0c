package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A peer flooding a node that does not keep up. The simulated mailbox had no bound: every
 * message sent was kept until read, so a sender in a loop filled the JVM's heap (every run of a
 * sweep with it), where production's bounded inbox ({@code TcpLimits}: 10,000 messages, 16 MiB)
 * sheds the flood. The mailbox now keeps what production's default inbox keeps and drops the
 * rest, deterministically (the same seed drops the same messages).
 */
class FloodedInboxTest {
  private static Endpoint<String> bind(SimNetwork network, String node, String service) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind(service, Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }

  /** Sends {@code count} messages of {@code size} characters, then reads what arrived. */
  private static SimResult flood(int count, int size, AtomicLong received, AtomicLong dropped) {
    return Simulation.builder().seed(3).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      Endpoint<String> sink = bind(network, "sink", "in");
      Endpoint<String> source = bind(network, "source", "out");
      String payload = "x".repeat(size);
      sim.spawn(NodeId.of("source"), "flood", () -> {
        for (int i = 0; i < count; i++) {
          source.send(new Address("sink", "in"), payload);
        }
      });
      sim.sleep(Duration.ofSeconds(1)); // the sink reads nothing meanwhile
      long got = 0;
      while (sink.receive(Duration.ofMillis(1)).isPresent()) {
        got++;
      }
      received.set(got);
      dropped.set(network.dropped());
    });
  }

  @Test
  void aFloodKeepsWhatProductionsInboxKeeps() {
    AtomicLong received = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    SimResult result = flood(25_000, 8, received, dropped);
    assertThat(result.failure()).isNull();
    assertThat(received.get()).isEqualTo(10_000);
    assertThat(dropped.get()).isEqualTo(15_000);
    SimResult again = flood(25_000, 8, received, dropped);
    assertThat(again.traceSha256()).isEqualTo(result.traceSha256());
  }

  @Test
  void bigMessagesAreBoundByBytes() {
    AtomicLong received = new AtomicLong();
    AtomicLong dropped = new AtomicLong();
    SimResult result = flood(40, 1 << 20, received, dropped); // 40 MiB sent
    assertThat(result.failure()).isNull();
    assertThat(received.get()).isEqualTo(16); // 16 MiB fit
    assertThat(dropped.get()).isEqualTo(24);
  }
}
