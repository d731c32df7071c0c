package io.steelmill.zookeeper;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.Production;
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
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

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

  private final ZooKeeperConfig config;
  private volatile CuratorFramework client;

  public ZooKeeperLeaseService(ZooKeeperConfig config) {
    this.config = config;
  }

  @Override
  public void prepare() throws InterruptedException {
    CuratorFramework curator =
        CuratorFrameworkFactory.builder()
            .connectString(config.connectString())
            .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
            .connectionTimeoutMs((int) config.connectTimeout().toMillis())
            .retryPolicy(new ExponentialBackoffRetry(100, 10))
            .build();
    curator.start();
    if (!curator.blockUntilConnected((int) config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      curator.close();
      throw new IllegalStateException("no ZooKeeper at " + config.connectString() + " within "
          + config.connectTimeout() + ". Fix: start the ensemble, or correct the connect string.");
    }
    client = curator;
  }

  @Override
  public void stop() {
    CuratorFramework curator = client;
    if (curator != null) {
      curator.close();
    }
  }

  @Override
  public Optional<Lease> tryAcquire(String resource, Duration ttl, Duration maxWait)
      throws InterruptedException {
    io.steelmill.platform.LeaseRequest.check(resource, ttl, maxWait);
    CuratorFramework curator = requireClient();
    String parent = ROOT + "/" + resource;
    long giveUp = System.nanoTime() + maxWait.toNanos();
    try {
      String path =
          curator.create().creatingParentsIfNeeded().withProtection()
              .withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(parent + "/lease-");
      String mine = path.substring(parent.length() + 1);
      while (true) {
        List<String> children = curator.getChildren().forPath(parent);
        children.sort((a, b) -> Long.compare(sequence(a), sequence(b)));
        int index = children.indexOf(mine);
        if (index < 0) {
          throw new IllegalStateException("lease node " + path + " vanished while waiting");
        }
        if (index == 0) {
          return Optional.of(new ZooKeeperLease(curator, resource, path, sequence(mine) + 1, ttl,
              config.sessionTimeout()));
        }
        CountDownLatch gone = new CountDownLatch(1);
        String below = parent + "/" + children.get(index - 1);
        if (curator.checkExists().usingWatcher((org.apache.zookeeper.Watcher) e -> gone.countDown())
            .forPath(below) == null) {
          continue;
        }
        long left = giveUp - System.nanoTime();
        if (left <= 0 || !gone.await(left, TimeUnit.NANOSECONDS)) {
          if (System.nanoTime() >= giveUp) {
            curator.delete().guaranteed().forPath(path);
            return Optional.empty();
          }
        }
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (KeeperException e) {
      throw new IllegalStateException("ZooKeeper refused a lease operation on " + resource, e);
    } catch (Exception e) {
      throw new IllegalStateException("lease operation on " + resource + " failed", e);
    }
  }

  private CuratorFramework requireClient() {
    CuratorFramework curator = client;
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
