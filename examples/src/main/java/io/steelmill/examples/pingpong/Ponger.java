package io.steelmill.examples.pingpong;

import io.steelmill.Daemon;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;

/** Answers every {@code ping <id>} with {@code pong <id>}. */
@Daemon
public final class Ponger implements Lifecycle {
  private final Network network;
  private final Stats stats;
  private Endpoint<String> endpoint;

  Ponger(Network network, Stats stats) {
    this.network = network;
    this.stats = stats;
  }

  @Override
  public void prepare() {
    endpoint = network.bind("pong", Codec.utf8());
  }

  @Override
  public void run() throws InterruptedException {
    try {
      while (true) {
        Envelope<String> ping = endpoint.receive();
        stats.pingsReceived.increment();
        endpoint.send(ping.from(), "pong" + ping.message().substring("ping".length()));
      }
    } catch (IllegalStateException closed) {
      // stop() closed the endpoint: quiesced
    }
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
