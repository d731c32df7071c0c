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
import io.steelmill.sim.history.History;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the store: sends each write (and read) to the hosts' frontends in turn until the
 * leader answers, remembers what was acknowledged, and records every attempt in a Jepsen-style
 * {@link History} for the linearizability checker.
 */
@Ambient
@Daemon
public final class WriterClient implements Lifecycle {
  private final Network network;
  private final Clock clock;
  private final RandomSource random;
  private final Map<String, String> acknowledged = new LinkedHashMap<>();
  private final History history;
  private long process;
  private Endpoint<String> endpoint;

  WriterClient(Network network, Clock clock, RandomSource random) {
    this.network = network;
    this.clock = clock;
    this.random = random.fork("client");
    this.history = new History(clock::monotonicNanos);
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
        history.invoke(process, key, "put", value);
        Optional<String> reply =
            endpoint.call(new Address(host, Frontend.SERVICE), "put " + key + " " + value,
                Duration.ofMillis(200));
        if (reply.isPresent() && reply.get().equals("ok")) {
          history.ok(process, value);
          synchronized (this) {
            acknowledged.put(key, value);
          }
          return true;
        }
        completeUnanswered(reply, value);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return false;
  }

  /**
   * Reads {@code key} through whichever of {@code hosts} leads, retrying for up to {@code
   * patience}; the value ("" when never written), or null when no leader answered.
   */
  public String read(List<String> hosts, String key, Duration patience)
      throws InterruptedException {
    var deadline = clock.deadlineIn(patience);
    int start = random.nextInt(hosts.size());
    while (!deadline.isExpired()) {
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get((start + i) % hosts.size());
        history.invoke(process, key, "get", null);
        Optional<String> reply = endpoint.call(new Address(host, Frontend.SERVICE), "get " + key,
            Duration.ofMillis(200));
        if (reply.isPresent() && reply.get().startsWith("value ")) {
          String value = reply.get().substring("value ".length());
          history.ok(process, value);
          return value;
        }
        completeUnanswered(reply, null);
      }
      clock.sleep(Duration.ofMillis(20));
    }
    return null;
  }

  /**
   * Records an attempt without a success: "not-leader" certainly did nothing ({@code :fail});
   * anything else (no reply, "failed") may have taken effect ({@code :info}), and then, as in
   * Jepsen, the client continues as a new process.
   */
  private void completeUnanswered(Optional<String> reply, Object value) {
    if (reply.isPresent() && reply.get().equals("not-leader")) {
      history.fail(process, value);
    } else {
      history.info(process, value);
      process++;
    }
  }

  /** What this client invoked and saw: the history the linearizability checker reads. */
  public History history() {
    return history;
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
