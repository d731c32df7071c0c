package io.steelmill.zookeeper;

import io.steelmill.platform.Clock;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lease held as an ephemeral node; follows the client's connection state and the node. Its
 * validity is measured on the node's {@link Clock}: the local deadline is told by the clock's wall
 * time, and whether it passed by the clock's monotonic time, so a wall clock set back (NTP, an
 * operator) cannot stretch a lease, and a clock the user controls (tests) controls the lease.
 */
final class ZooKeeperLease implements Lease, ConnectionStateListener {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLease.class);
  private final CuratorFramework client;
  private final String resource;
  private final String path;
  private final long token;
  private final Duration validity;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Consumer<LeaseState>> listeners = new CopyOnWriteArrayList<>();
  private LeaseState state = LeaseState.HELD; // guarded by lock
  private Instant localDeadline; // guarded by lock
  private long validUntilNanos; // the same deadline on the clock's monotonic time; guarded by lock

  ZooKeeperLease(CuratorFramework client, String resource, String path, long token, Duration ttl,
      Duration sessionTimeout, Clock clock) throws Exception {
    this.client = client;
    this.resource = resource;
    this.path = path;
    this.token = token;
    this.validity = ttl.compareTo(sessionTimeout) < 0 ? ttl : sessionTimeout;
    this.clock = clock;
    confirmed();
    client.getConnectionStateListenable().addListener(this);
    try {
      watchNode();
    } catch (Exception | Error e) {
      client.getConnectionStateListenable().removeListener(this);
      throw e;
    }
  }

  private void watchNode() throws Exception {
    Watcher watcher = event -> {
      if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
        change(LeaseState.LOST);
      }
    };
    if (client.checkExists().usingWatcher(watcher).forPath(path) == null) {
      change(LeaseState.LOST);
    }
  }

  @Override
  public void stateChanged(CuratorFramework ignored, ConnectionState connection) {
    switch (connection) {
      case SUSPENDED -> change(LeaseState.IN_DOUBT);
      case LOST -> change(LeaseState.LOST);
      case RECONNECTED -> {
        try {
          if (client.checkExists().forPath(path) != null) {
            confirmed();
            change(LeaseState.HELD);
            watchNode();
          } else {
            change(LeaseState.LOST);
          }
        } catch (Exception e) {
          change(LeaseState.IN_DOUBT);
        }
      }
      default -> { }
    }
  }

  /** The session holds the node now: the deadlines start again from the clock's present. */
  private void confirmed() {
    long now = clock.monotonicNanos();
    Instant wall = clock.now();
    lock.lock();
    try {
      localDeadline = Lease.conservativeDeadline(wall, validity);
      validUntilNanos = now + validity.toNanos() - (long) (validity.toNanos() * Lease.DRIFT_MARGIN);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String resource() {
    return resource;
  }

  @Override
  public long fencingToken() {
    return token;
  }

  @Override
  public LeaseState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Instant localDeadline() {
    lock.lock();
    try {
      return localDeadline;
    } finally {
      lock.unlock();
    }
  }

  /** Held and connected: the session keeps the node, so the deadline moves with the connection. */
  @Override
  public boolean isValid() {
    lock.lock();
    try {
      if (state != LeaseState.HELD) {
        return false;
      }
      if (client.getZookeeperClient().isConnected()) {
        confirmed();
      }
      return clock.monotonicNanos() - validUntilNanos < 0;
    } finally {
      lock.unlock();
    }
  }

  /** The session keeps the lease: renewing means confirming the node is still there. */
  @Override
  public boolean renew() {
    if (state().isFinal()) {
      return false;
    }
    try {
      if (client.checkExists().forPath(path) == null) {
        change(LeaseState.LOST);
        return false;
      }
      confirmed();
      change(LeaseState.HELD);
      return true;
    } catch (Exception e) {
      change(LeaseState.IN_DOUBT);
      return false;
    }
  }

  @Override
  public void onChange(Consumer<LeaseState> listener) {
    listeners.add(listener);
  }

  @Override
  public LeaseState awaitChange(LeaseState from) throws InterruptedException {
    lock.lock();
    try {
      while (state == from) {
        changed.await();
      }
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    boolean wasHeld = !state().isFinal();
    change(LeaseState.RELEASED); // first: deleting the node below fires our own watcher
    client.getConnectionStateListenable().removeListener(this);
    if (wasHeld) {
      ZooKeeperLeaseService.forget(client, path); // never waits, even with ZooKeeper away
    }
  }

  private void change(LeaseState next) {
    lock.lock();
    try {
      if (state == next || state.isFinal()) {
        return;
      }
      state = next;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Consumer<LeaseState> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        // a listener's failure is its own: the lease's state, the release of its node (close()
        // tells the listeners first) and the other listeners must not depend on it
        LOG.warn("a listener of {} threw on {}; the others were told: {}", this, next,
            e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "zookeeper lease " + resource + " token " + token + " [" + state() + "]";
  }
}
