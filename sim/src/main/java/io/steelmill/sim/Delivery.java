package io.steelmill.sim;

import io.steelmill.platform.Address;

/**
 * A message on its way: the timer that hands it to its endpoint when its delay is over. The
 * network keeps delivered ones for its next messages (a long run sends millions, and a timer and
 * a closure per message were a good part of what the collector had to clear). Never cancelled,
 * never seen outside the network.
 */
final class Delivery extends Timer {
  private final SimNetwork network;
  Address from;
  Address to;
  /** The message as sent; only a message its codec could not encode is delivered as it is. */
  Object message;
  /** What the sender's codec encoded at send time, or null (see SimEndpoint#accept). */
  byte[] wire;
  long requestId;
  long replyTo;
  /** The destination node's incarnation when the message was sent (see SimNetwork.deliver). */
  int incarnation;
  /** The next free delivery of the network's pool. */
  Delivery nextFree;

  Delivery(SimNetwork network, Timers timers) {
    super(timers, 0, 0, null, null);
    this.network = network;
  }

  boolean belongsTo(Timers timers) {
    return this.timers == timers;
  }

  /**
   * Hands the message to its endpoint, whose codec decodes it here: user code, so it runs as a
   * timer action does (the run's clock and seed, a step the watchdog watches), not as the kernel.
   */
  @Override
  void fire() {
    fired = true;
    RunState run = timers.run;
    run.timerAction = true;
    run.action = ++run.actionsBegun;
    try {
      network.deliver(this);
    } finally {
      run.action = 0;
      run.timerAction = false;
    }
  }
}
