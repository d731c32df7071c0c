package io.steelmill.examples.cluster;

import io.steelmill.Daemon;
import io.steelmill.examples.cluster.StoreTransport.Answer;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Lease;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The leader's write path: checks its lease, prepares the write (which takes a little time: a
 * pause can strike here, as a GC pause can anywhere), then sends it to the storage with its
 * fencing token, over whichever {@link StoreTransport} its host binds. Without fencing in the
 * storage, a holder that was paused past its lease's end overwrites its successor's writes.
 */
@Daemon
public final class LeaderService implements Lifecycle {
  static final Duration PREPARE = Duration.ofMillis(1);

  /** How long the leader waits for the storage's answer. */
  static final Duration STORAGE_TIMEOUT = Duration.ofMillis(100);

  private final Lease lease;
  private final StoreTransport transport;
  private final Clock clock;
  private final LeaderSlot slot;
  private final StoreSettings settings;
  private final Map<String, String> copy = new HashMap<>();
  private StoreTransport.StorageCalls storage;

  LeaderService(Lease lease, StoreTransport transport, Clock clock, LeaderSlot slot,
      StoreSettings settings) {
    this.lease = lease;
    this.transport = transport;
    this.clock = clock;
    this.slot = slot;
    this.settings = settings;
  }

  @Override
  public void prepare() {
    storage = transport.storageCalls(lease.fencingToken());
    slot.set(this);
  }

  /** Writes {@code key=value} to the storage; true once the storage has applied it. */
  boolean write(String key, String value) throws InterruptedException {
    if (!lease.isValid()) {
      return false;
    }
    clock.sleep(PREPARE);
    if (settings.bug() == StoreSettings.Bug.EARLY_ACK) {
      storage.putUnanswered(key, value, STORAGE_TIMEOUT); // acknowledged before it lands
      return true;
    }
    Answer answer = storage.put(key, value, STORAGE_TIMEOUT);
    boolean applied = answer != null && answer.ok();
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
    Answer answer = storage.get(key, STORAGE_TIMEOUT);
    if (answer == null || !answer.ok()) {
      return null;
    }
    synchronized (copy) {
      copy.put(key, answer.value());
    }
    return answer.value();
  }

  @Override
  public void stop() {
    slot.clear(this);
    storage.close();
  }
}
