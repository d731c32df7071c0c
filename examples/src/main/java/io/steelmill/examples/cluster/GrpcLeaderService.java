package io.steelmill.examples.cluster;

import io.grpc.StatusRuntimeException;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.proto.StorageGet;
import io.steelmill.examples.cluster.proto.StorageGrpc;
import io.steelmill.examples.cluster.proto.StoragePut;
import io.steelmill.examples.cluster.proto.StorageReply;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Lease;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The leader's write path over gRPC: checks its lease, prepares the write (a pause can strike
 * here), then calls the storage's {@code Put} with its fencing token, within a deadline. The
 * planted bugs of {@link StoreSettings.Bug} behave as in {@link LeaderService}.
 */
@Daemon
public final class GrpcLeaderService implements Lifecycle {
  static final Duration STORAGE_DEADLINE = Duration.ofMillis(100);

  private final Lease lease;
  private final GrpcChannels channels;
  private final Clock clock;
  private final GrpcLeaderSlot slot;
  private final StoreSettings settings;
  private final Map<String, String> copy = new HashMap<>();
  private StorageGrpc.StorageBlockingStub storage;

  GrpcLeaderService(Lease lease, GrpcChannels channels, Clock clock, GrpcLeaderSlot slot,
      StoreSettings settings) {
    this.lease = lease;
    this.channels = channels;
    this.clock = clock;
    this.slot = slot;
    this.settings = settings;
  }

  @Override
  public void prepare() {
    storage = StorageGrpc.newBlockingStub(channels.channel(Topology.STORAGE_NODE));
    slot.set(this);
  }

  private StorageGrpc.StorageBlockingStub withinDeadline() {
    return storage.withDeadline(channels.deadlineAfter(STORAGE_DEADLINE));
  }

  /** Writes {@code key=value} to the storage; true once the storage has applied it. */
  boolean write(String key, String value) throws InterruptedException {
    if (!lease.isValid()) {
      return false;
    }
    clock.sleep(LeaderService.PREPARE);
    StoragePut put = StoragePut.newBuilder().setToken(lease.fencingToken()).setKey(key)
        .setValue(value).build();
    if (settings.bug() == StoreSettings.Bug.EARLY_ACK) {
      StorageGrpc.newFutureStub(storage.getChannel()).withDeadline(
          channels.deadlineAfter(STORAGE_DEADLINE)).put(put); // acknowledged before it lands
      return true;
    }
    boolean applied;
    try {
      applied = withinDeadline().put(put).getApplied();
    } catch (StatusRuntimeException unreachable) {
      return false; // DEADLINE_EXCEEDED or UNAVAILABLE: it may have been applied or not
    }
    if (applied) {
      synchronized (copy) {
        copy.put(key, value);
      }
    }
    return applied;
  }

  /** Reads {@code key} from the storage with this lease's token; null when it cannot answer. */
  String read(String key) {
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
    StorageReply reply;
    try {
      reply = withinDeadline().get(StorageGet.newBuilder().setToken(lease.fencingToken())
          .setKey(key).build());
    } catch (StatusRuntimeException unreachable) {
      return null;
    }
    if (!reply.getApplied()) {
      return null;
    }
    synchronized (copy) {
      copy.put(key, reply.getValue());
    }
    return reply.getValue();
  }

  @Override
  public void stop() {
    slot.clear(this);
  }
}
