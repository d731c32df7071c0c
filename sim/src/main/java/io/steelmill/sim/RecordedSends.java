package io.steelmill.sim;

import io.steelmill.platform.Address;

/**
 * The send path of a {@link SimNetwork} when the run records a timeline of its messages (for a
 * picture): the same fates, delays and deliveries as the plain path, each message also noted as
 * sent, delivered or lost. Off the hot path: a run records a timeline only when asked.
 */
final class RecordedSends {
  private RecordedSends() {}

  /** {@link SimNetwork#send} on {@code network}, when the run records a timeline. */
  static <M> void send(SimNetwork network, Simulation sim, FaultLedger ledger,
      NetworkFaults faults, boolean isCut, Address from, Address to, M message, byte[] wire,
      long requestId, long replyTo) {
    Timeline timeline = ledger.timeline();
    Timeline.Message recorded = timeline.sent(sim.nanoTime(), from, to, message);
    int copies = network.copies(ledger, faults, isCut, from, to);
    if (copies == 0) {
      Timeline.lost(recorded, isCut ? "cut by a partition"
          : "dropped (" + ledger.lastId(FaultLedger.Kind.DROP) + ")");
      return;
    }
    int incarnation = network.incarnationOf(to.node());
    for (int i = 0; i < copies; i++) {
      long delay = network.delay(faults);
      Timeline.Message copy = i == 0 ? recorded : timeline.sent(sim.nanoTime(), from, to, message);
      byte[] bytes = i == 0 ? wire : SimNetwork.copyOf(wire);
      sim.schedule(delay, () -> {
        if (network.deliver(from, to, incarnation, message, bytes, requestId, replyTo)) {
          Timeline.delivered(copy, sim.nanoTime());
        } else {
          Timeline.lost(copy, "no endpoint at " + to);
        }
      });
    }
  }
}
