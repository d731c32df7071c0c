package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Lease;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The leader's write path: checks its lease, prepares the write (which takes a little time: a
 * pause can strike here, as a GC pause can anywhere), then sends it to the storage with its
 * fencing token. Without fencing in the storage, a holder that was paused past its lease's end
 * overwrites its successor's writes.
 */
@Daemon
public final class LeaderService implements Lifecycle {
  static final Duration PREPARE = Duration.ofMillis(1);

  private final Lease lease;
  private final Network network;
  private final Clock clock;
  private final LeaderSlot slot;
  private final StoreSettings settings;
  private final Map<String, String> copy = new HashMap<>();
  private Endpoint<String> endpoint;

  LeaderService(Lease lease, Network network, Clock clock, LeaderSlot slot,
      StoreSettings settings) {
    this.lease = lease;
    this.network = network;
    this.clock = clock;
    this.slot = slot;
    this.settings = settings;
  }

  @Override
  public void prepare() {
    endpoint = network.bind("writer-" + lease.fencingToken(), Codec.utf8());
    slot.set(this);
  }

  /** Writes {@code key=value} to the storage; true once the storage has applied it. */
  boolean write(String key, String value) throws InterruptedException {
    if (!lease.isValid()) {
      return false;
    }
    clock.sleep(PREPARE);
    String put = "put " + token() + " " + key + " " + value;
    if (settings.bug() == StoreSettings.Bug.EARLY_ACK) {
      endpoint.send(new Address(Topology.STORAGE_NODE, Storage.SERVICE), put);
      return true;
    }
    Optional<String> reply =
        endpoint.call(new Address(Topology.STORAGE_NODE, Storage.SERVICE), put,
            Duration.ofMillis(100));
    boolean applied = reply.isPresent() && reply.get().equals("ok");
    if (applied) {
      synchronized (copy) {
        copy.put(key, value);
      }
    }
    return applied;
  }

  /**
   * Reads {@code key} from the storage with this lease's token (the storage refuses a token
   * older than one it has seen, so a deposed leader cannot read); null when it cannot answer.
   */
  String read(String key) throws InterruptedException {
    if (settings.bug() == StoreSettings.Bug.STALE_READ) {
      synchronized (copy) {
        if (copy.containsKey(key)) {
          return copy.get(key);
        }
      }
    }
    if (!lease.isValid()) {
      return null;
    }
    Optional<String> reply =
        endpoint.call(new Address(Topology.STORAGE_NODE, Storage.SERVICE),
            "get " + token() + " " + key, Duration.ofMillis(100));
    if (reply.isEmpty() || !reply.get().startsWith("value ")) {
      return null;
    }
    String value = reply.get().substring("value ".length());
    synchronized (copy) {
      copy.put(key, value);
    }
    return value;
  }

  private long token() {
    return lease.fencingToken();
  }

  @Override
  public void stop() {
    slot.clear(this);
    endpoint.close();
  }
}
