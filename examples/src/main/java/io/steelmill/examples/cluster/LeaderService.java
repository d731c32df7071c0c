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
  private Endpoint<String> endpoint;

  LeaderService(Lease lease, Network network, Clock clock, LeaderSlot slot) {
    this.lease = lease;
    this.network = network;
    this.clock = clock;
    this.slot = slot;
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
    Optional<String> reply =
        endpoint.call(
            new Address(Topology.STORAGE_NODE, Storage.SERVICE),
            "put " + lease.fencingToken() + " " + key + " " + value,
            Duration.ofMillis(100));
    return reply.isPresent() && reply.get().equals("ok");
  }

  @Override
  public void stop() {
    slot.clear(this);
    endpoint.close();
  }
}
