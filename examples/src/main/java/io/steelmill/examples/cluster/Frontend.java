package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;

/**
 * Takes clients' {@code put <key> <value>} and {@code get <key>} and hands them to the leader,
 * if this host has it.
 */
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
        String[] parts = request.message().split(" ", 3);
        if (!request.isRequest() || !wellFormed(parts)) {
          if (request.isRequest()) {
            endpoint.reply(request, "malformed"); // a peer's bug must not stop this host
          }
          continue;
        }
        endpoint.reply(request, answer(parts));
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
  }

  /** {@code get KEY} or {@code put KEY VALUE}. */
  private static boolean wellFormed(String[] request) {
    return request.length == 2 && request[0].equals("get")
        || request.length == 3 && request[0].equals("put");
  }

  private String answer(String[] request) throws InterruptedException {
    LeaderService leader = slot.current();
    if (leader == null) {
      return "not-leader";
    }
    if (request[0].equals("get")) {
      String value = leader.read(request[1]);
      return value == null ? "failed" : "value " + value;
    }
    return leader.write(request[1], request[2]) ? "ok" : "failed";
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
