package io.steelmill.examples.cluster;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Network;
import io.steelmill.platform.RandomSource;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the store: sends each write to the hosts' frontends in turn until the leader
 * acknowledges it, and remembers what was acknowledged.
 */
@Ambient
@Daemon
public final class WriterClient implements Lifecycle {
  private final Network network;
  private final Clock clock;
  private final RandomSource random;
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private Endpoint<String> endpoint;

  WriterClient(Network network, Clock clock, RandomSource random) {
    this.network = network;
    this.clock = clock;
    this.random = random.fork("client");
  }

  @Override
  public void prepare() {
    endpoint = network.bind("client", Codec.utf8());
  }

  /**
   * Writes {@code key=value} through whichever of {@code hosts} leads, retrying for up to {@code
   * patience}; true once acknowledged.
   */
  public boolean write(List<String> hosts, String key, String value, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hosts.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get((start + i) % hosts.size());
        Optional<String> reply =
            endpoint.call(new Address(host, Frontend.SERVICE), "put " + key + " " + value,
                Duration.ofMillis(200));
        if (reply.isPresent() && reply.get().equals("ok")) {
          synchronized (this) {
            acknowledged.put(key, value);
          }
          return true;
        }
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return false;
  }

  /** Every acknowledged write, in order. */
  public synchronized Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  @Override
  public void stop() {
    endpoint.close();
  }
}
