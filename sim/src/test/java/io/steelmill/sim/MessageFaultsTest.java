package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.runtime.internal.NodeContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Message drops and duplicates in the fault ledger: kept compact while the run goes on, listed
 * with the same ids, nodes and texts as any fault, and left out by a mask with the same trace line.
 */
class MessageFaultsTest {
  private static final Address SERVER = new Address("server", "in");

  /** Runs a client that sends {@code count} messages to the server under {@code faults}. */
  private static SimResult run(FaultLedger.Options options, double drop, double duplicate,
      int count, List<String> received, FaultLedger[] ledger) {
    return Simulation.builder().seed(7).faults(options).trace(Trace.Level.FULL).build().run(() -> {
      Simulation sim = Simulation.current();
      ledger[0] = sim.faults();
      SimNetwork network = new SimNetwork();
      Endpoint<String> server = bind(network, "server", "in");
      Endpoint<String> client = bind(network, "client", "out");
      network.allLinks().drop(drop).duplicate(duplicate);
      for (int i = 0; i < count; i++) {
        client.send(SERVER, "m" + i);
      }
      sim.sleep(Duration.ofSeconds(1));
      while (true) {
        var message = server.receive(Duration.ZERO);
        if (message.isEmpty()) {
          break;
        }
        received.add(message.get().message());
      }
    });
  }

  private static Endpoint<String> bind(SimNetwork network, String node, String service) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind(service, Codec.utf8());
    } finally {
      NodeContext.restore(previous);
    }
  }

  @Test
  void dropsAreListedWithIdNodeTextAndTime() {
    FaultLedger[] ledger = new FaultLedger[1];
    List<String> received = new ArrayList<>();
    SimResult result = run(FaultLedger.Options.DEFAULT, 1.0, 0, 3, received, ledger);
    assertThat(result.failure()).isNull();
    assertThat(received).isEmpty();
    assertThat(ledger[0].faults()).extracting(FaultLedger.Fault::id)
        .containsExactly("d1", "d2", "d3");
    for (FaultLedger.Fault fault : ledger[0].faults()) {
      assertThat(fault.kind()).isEqualTo(FaultLedger.Kind.DROP);
      assertThat(fault.node()).isEqualTo("client");
      assertThat(fault.what()).isEqualTo("drop client/out -> server/in");
      assertThat(fault.applied()).isTrue();
      assertThat(fault.time()).isZero();
    }
    assertThat(ledger[0].appliedIds()).containsExactly("d1", "d2", "d3");
    assertThat(ledger[0].applied()).isEqualTo(3);
  }

  @Test
  void duplicatesAreListedAndDeliveredTwice() {
    FaultLedger[] ledger = new FaultLedger[1];
    List<String> received = new ArrayList<>();
    SimResult result = run(FaultLedger.Options.DEFAULT, 0, 1.0, 2, received, ledger);
    assertThat(result.failure()).isNull();
    assertThat(received).containsExactlyInAnyOrder("m0", "m0", "m1", "m1");
    assertThat(ledger[0].faults()).extracting(FaultLedger.Fault::id, FaultLedger.Fault::what)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", "duplicate client/out -> server/in"),
            org.assertj.core.groups.Tuple.tuple("c2", "duplicate client/out -> server/in"));
  }

  @Test
  void aMaskLeavesDropsOutAndTracesThemByTheirText() {
    FaultLedger[] ledger = new FaultLedger[1];
    List<String> received = new ArrayList<>();
    var options = new FaultLedger.Options(FaultMask.parse("d2"), true, false);
    SimResult result = run(options, 1.0, 0, 3, received, ledger);
    assertThat(result.failure()).isNull();
    assertThat(received).containsExactlyInAnyOrder("m0", "m2");
    assertThat(ledger[0].appliedIds()).containsExactly("d2");
    assertThat(ledger[0].suppressed()).isEqualTo(2);
    assertThat(ledger[0].faults()).extracting(FaultLedger.Fault::applied)
        .containsExactly(false, true, false);
    assertThat(result.fullTrace())
        .contains("t=0 fault suppressed d1 drop client/out -> server/in",
            "t=0 fault suppressed d3 drop client/out -> server/in");
  }
}
