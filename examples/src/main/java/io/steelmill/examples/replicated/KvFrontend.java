package io.steelmill.examples.replicated;

import io.steelmill.Daemon;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;

/**
 * Takes clients' {@code put KEY VALUE} and {@code get KEY} and hands them to the primary, if this
 * host is it. Answers {@code ok}, {@code value V}, {@code not-primary} or {@code refused}
 * (certainly not done), {@code unknown} (a write that may or may not have taken effect), or
 * {@code malformed}.
 */
@Daemon
public final class KvFrontend implements Lifecycle {
  static final String SERVICE = "kv";

  private final Network network;
  private final PrimarySlot slot;
  private Endpoint<String> endpoint;

  KvFrontend(Network network, PrimarySlot slot) {
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
        if (!request.isRequest()) {
          continue;
        }
        String[] parts = request.message().split(" ", -1);
        endpoint.reply(request, wellFormed(parts) ? answer(parts) : "malformed");
      }
    } catch (IllegalStateException closed) {
      // stopped
    }
  }

  /** {@code get KEY} or {@code put KEY VALUE}, keys and values single tokens. */
  static boolean wellFormed(String[] request) {
    return request.length == 2 && request[0].equals("get") && Wire.isToken(request[1])
        || request.length == 3 && request[0].equals("put") && Wire.isToken(request[1])
            && Wire.isToken(request[2]);
  }

  private String answer(String[] request) throws InterruptedException {
    PrimaryService primary = slot.current();
    if (primary == null) {
      return "not-primary";
    }
    if (request[0].equals("get")) {
      String value = primary.read(request[1]);
      return value == null ? "unknown" : "value " + value;
    }
    return switch (primary.write(request[1], request[2])) {
      case DONE -> "ok";
      case REFUSED -> "refused";
      case UNKNOWN -> "unknown";
    };
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
