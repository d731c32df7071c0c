package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.Buggify;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;

/**
 * Takes clients' {@code put <key> <value>} and {@code get <key>} and hands them to the leader,
 * if this host has it.
 */
@Daemon
public final class Frontend implements Lifecycle {
  static final String SERVICE = "frontend";

  private final Network network;
  private final LeaderSlot slot;
  private final Clock clock;
  private final Buggify buggify;
  private Endpoint<String> endpoint;

  Frontend(Network network, LeaderSlot slot, Clock clock, Buggify buggify) {
    this.network = network;
    this.slot = slot;
    this.clock = clock;
    this.buggify = buggify;
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
    if (buggify.fires("frontend.slow-dispatch", 0.2)) {
      // a slow hand-off (a GC pause, a busy thread) between finding the leader and asking it:
      // the leader may lose its lease meanwhile, and must then refuse to answer
      clock.sleep(Duration.ofMillis(150));
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
