package io.steelmill.examples.pingpong;

import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.platform.RandomSource;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.Optional;

/**
 * Thinks for a random time, pings a random peer, and waits for the matching pong with a timeout;
 * a pong that comes too late, or twice, is counted and ignored.
 */
@Daemon
public final class Pinger implements Lifecycle {
  static final Duration TIMEOUT = Duration.ofMillis(20);

  private final Network network;
  private final Clock clock;
  private final RandomSource random;
  private final Peers peers;
  private final Stats stats;
  private Endpoint<String> endpoint;
  private volatile boolean stopping;

  Pinger(Network network, Clock clock, RandomSource random, Peers peers, Stats stats) {
    this.network = network;
    this.clock = clock;
    this.random = random.fork("pinger");
    this.peers = peers;
    this.stats = stats;
  }

  @Override
  public void prepare() {
    endpoint = network.bind("ping", Codec.utf8());
  }

  @Override
  public void run() throws InterruptedException {
    String self = endpoint.address().node();
    try {
      for (long id = 0; !stopping; id++) {
        clock.sleep(Duration.ofNanos(200_000 + random.nextInt(9_800_000)));
        endpoint.send(new Address(peers.other(random, self), "pong"), "ping " + id);
        stats.pingsSent.increment();
        awaitPong(id);
      }
    } catch (IllegalStateException closed) {
      // stop() closed the endpoint: quiesced
    }
  }

  private void awaitPong(long id) throws InterruptedException {
    String expected = "pong " + id;
    var deadline = clock.deadlineIn(TIMEOUT);
    while (true) {
      Optional<Envelope<String>> reply = endpoint.receive(deadline.remaining());
      if (reply.isEmpty()) {
        stats.timeouts.increment();
        return;
      }
      stats.pongsReceived.increment();
      if (reply.get().message().equals(expected)) {
        return;
      }
      stats.late.increment();
    }
  }

  @Override
  public void stop() {
    stopping = true;
    endpoint.close();
  }
}
