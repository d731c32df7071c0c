package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;

/** Takes clients' {@code put <key> <value>} and hands them to the leader, if this host has it. */
@Daemon
public final class Frontend implements Lifecycle {
  static final String SERVICE = "frontend";

  private final Network network;
  private final LeaderSlot slot;
  private Endpoint<String> endpoint;

  Frontend(Network network, LeaderSlot slot) {
    this.network = network;
    this.slot = slot;
  }

  @Override
  public void prepare() {
    endpoint = network.bind(SERVICE, Codec.utf8());
  }

  @Override
  public void run() throws InterruptedException {
    try {
      while (true) {
        Envelope<String> request = endpoint.receive();
        String[] put = request.message().split(" ", 3);
        if (put.length < 3 || !put[0].equals("put") || !request.isRequest()) {
          if (request.isRequest()) {
            endpoint.reply(request, "malformed"); // a peer's bug must not stop this host
          }
          continue;
        }
        LeaderService leader = slot.current();
        String answer =
            leader == null ? "not-leader" : leader.write(put[1], put[2]) ? "ok" : "failed";
        endpoint.reply(request, answer);
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
