package io.steelmill.zookeeper;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseService;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

/**
 * Leases from ZooKeeper. To acquire a resource, a holder creates an ephemeral sequential node
 * under {@code /steelmill/leases/<resource>} (a persistent parent) and holds the lease when its
 * node is the lowest; otherwise it watches the node just below its own. The fencing token is the
 * node's sequence number plus one: ZooKeeper assigns them in strictly increasing order.
 *
 * <p>Connection suspension makes every held lease IN_DOUBT; a reconnection within the session
 * makes it HELD again if its node still exists, and LOST otherwise; a lost session makes it LOST.
 */
@Ambient
@Daemon
@Production
public final class ZooKeeperLeaseService implements LeaseService, Lifecycle {
  static final String ROOT = "/steelmill/leases";

  /** How often a waiting request looks whether its service stopped. */
  private static final long WAKE_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** No session has this id: a node that vanished right after its creation. */
  private static final long NO_SESSION = 0;

  private final ZooKeeperConfig config;
  private final Clock clock;
  private volatile CuratorFramework client;
  private volatile boolean stopped;

  /**
   * A service for the ensemble {@code config} names. {@code clock} (the node's) tells whether a
   * held lease is still valid ({@link Lease#isValid}, {@link Lease#localDeadline}); waits for
   * ZooKeeper run on real time, as ZooKeeper's own timeouts do.
   */
  public ZooKeeperLeaseService(ZooKeeperConfig config, Clock clock) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /**
   * Connects to the ensemble, waiting at most the connect timeout. A {@code prepare()} that does
   * not connect (interrupted by its node's grace period, timed out, failed, or stopped meanwhile)
   * closes the client it started: left running, its threads would retry the ensemble for the
   * life of the process.
   */
  @Override
  public void prepare() throws InterruptedException {
    CuratorFramework curator =
        CuratorFrameworkFactory.builder()
            .connectString(config.connectString())
            .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
            .connectionTimeoutMs((int) config.connectTimeout().toMillis())
            .retryPolicy(new BoundedRetry())
            .build();
    boolean kept = false;
    try {
      curator.start();
      if (!curator.blockUntilConnected(
          (int) config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("no ZooKeeper at " + config.connectString() + " within "
            + config.connectTimeout() + ". Fix: start the ensemble, or correct the connect"
            + " string.");
      }
      client = curator; // a stop() from now on closes it; one before is seen below
      kept = !stopped;
      requireClient();
    } finally {
      if (!kept) {
        curator.close();
      }
    }
  }

  @Override
  public void stop() {
    stopped = true;
    CuratorFramework curator = client;
    if (curator != null) {
      curator.close();
    }
  }

  /**
   * Queues for {@code resource} and waits for its turn, at most {@code maxWait}, whatever the
   * connection does meanwhile: while ZooKeeper is unreachable the request waits for it (a
   * request whose connection drops in the middle of a call may run past {@code maxWait} by up to
   * the connect timeout), and a session that expired under the wait queues again. A request that
   * ends without the lease (its wait over, an interrupt, an error) takes its place out of the
   * queue, in the background if ZooKeeper is away, so it never blocks the holders after it.
   */
  @Override
  public Optional<Lease> tryAcquire(String resource, Duration ttl, Duration maxWait)
      throws InterruptedException {
    io.steelmill.platform.LeaseRequest.check(resource, ttl, maxWait);
    CuratorFramework curator = requireClient();
    String parent = ROOT + "/" + resource;
    long giveUp = System.nanoTime() + maxWait.toNanos();
    String path = null;
    long owner = NO_SESSION;
    Lease lease = null;
    try (AutoCloseable bound = BoundedRetry.until(giveUp)) {
      while (connected(curator, giveUp)) {
        try {
          if (path == null) {
            path = curator.create().creatingParentsIfNeeded().withProtection()
                .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(parent + "/lease-");
            Stat made = curator.checkExists().forPath(path);
            owner = made == null ? NO_SESSION : made.getEphemeralOwner();
          }
          Boolean first = awaitTurn(curator, parent, path, owner, giveUp);
          if (first == null) {
            forget(curator, path); // its session expired: the node is gone or soon will be
            path = null;
          } else if (first) {
            lease = new ZooKeeperLease(curator, resource, path, sequence(path) + 1, ttl,
                config.sessionTimeout(), clock);
            return Optional.of(lease);
          } else {
            return Optional.empty();
          }
        } catch (KeeperException.ConnectionLossException
            | KeeperException.SessionExpiredException e) {
          // wait for the connection again, while the wait lasts
        }
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      throw e;
    } catch (KeeperException e) {
      throw new IllegalStateException("ZooKeeper at " + config.connectString() + " refused a"
          + " lease operation on " + resource + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("lease operation on " + resource + " at ZooKeeper "
          + config.connectString() + " failed: " + e, e);
    } finally {
      if (lease == null && path != null) {
        forget(curator, path);
      }
    }
  }

  /**
   * Waits until {@code path} is the lowest node of {@code parent} (true), the wait is over
   * (false) or {@code path} is of no use (null): gone, or made by a session that has since
   * expired. Curator replaces an expired session as soon as its timeout passes while
   * disconnected, but the server deletes the old session's nodes only when it expires it
   * itself: a node that is first in line then would give a lease that is lost moments later.
   */
  private Boolean awaitTurn(CuratorFramework curator, String parent, String path, long owner,
      long giveUp) throws Exception {
    String mine = path.substring(parent.length() + 1);
    while (session(curator) == owner) {
      List<String> children = curator.getChildren().forPath(parent);
      children.sort((a, b) -> Long.compare(sequence(a), sequence(b)));
      int index = children.indexOf(mine);
      if (index <= 0) {
        return index == 0 && session(curator) == owner ? Boolean.TRUE : null;
      }
      CountDownLatch gone = new CountDownLatch(1);
      String below = parent + "/" + children.get(index - 1);
      if (curator.checkExists().usingWatcher((Watcher) e -> gone.countDown())
          .forPath(below) == null) {
        continue;
      }
      while (!gone.await(Math.min(giveUp - System.nanoTime(), WAKE_NANOS), TimeUnit.NANOSECONDS)) {
        requireClient();
        if (System.nanoTime() - giveUp >= 0) {
          return Boolean.FALSE;
        }
        if (session(curator) != owner) {
          return null;
        }
      }
    }
    return null;
  }

  /** The client's session now. */
  private static long session(CuratorFramework curator) throws Exception {
    return curator.getZookeeperClient().getZooKeeper().getSessionId();
  }

  /**
   * Waits, until {@code giveUp}, for a connection to ZooKeeper; says whether there is one. Calls
   * made without one would each wait the whole connect timeout, whatever the request's wait.
   */
  private boolean connected(CuratorFramework curator, long giveUp) throws InterruptedException {
    while (!curator.getZookeeperClient().isConnected()) {
      requireClient();
      long left = giveUp - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      curator.blockUntilConnected(
          (int) Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 1_000), TimeUnit.MILLISECONDS);
    }
    return true;
  }

  /** Takes a request's node out of the queue without waiting: Curator retries on reconnection. */
  static void forget(CuratorFramework curator, String path) {
    try {
      curator.delete().guaranteed().inBackground().forPath(path);
    } catch (Exception e) {
      // the session's end removes the node anyway
    }
  }

  private CuratorFramework requireClient() {
    CuratorFramework curator = client;
    if (stopped) {
      throw new IllegalStateException("ZooKeeperLeaseService for " + config.connectString()
          + " is stopped (its node stopped). Fix: request leases only while that node runs");
    }
    if (curator == null) {
      throw new IllegalStateException("ZooKeeperLeaseService is not prepared: start its node first");
    }
    return curator;
  }

  /** The sequence number ZooKeeper appended to a lease node's name. */
  static long sequence(String node) {
    return Long.parseLong(node.substring(node.length() - 10));
  }
}
