package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Lease;
import io.steelmill.platform.LeaseService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated {@link LeaseService}: a lease server living on the ambient node, keeping each
 * resource's holder and expiry in true virtual time. A holder renews from a task of its own node
 * every third of the lease's duration, so a crashed or paused holder stops renewing and its lease
 * expires on the server; a holder cut off from the ambient node (partition, isolation) cannot
 * renew and goes IN_DOUBT, then LOST at its local deadline. Tokens strictly increase per resource.
 * {@link #expire} forces an expiry.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimLeaseService implements LeaseService {
  /** The simulation this was last registered with (see {@link Simulation#components()}). */
  private Simulation registeredIn;
  /** The node the lease server lives on: partitions that cut a host from it cut its leases. */
  static final String SERVER = "ambient";

  private final SimNetwork network;
  private final SimClock clock;
  private final Map<String, Grant> grants = new TreeMap<>();
  private final Map<String, Long> lastToken = new TreeMap<>();
  private SplitMix64 random;

  /** The server's view of a resource: who holds it, until when (true virtual time). */
  static final class Grant {
    final String node;
    final long token;
    long expiresAt;

    Grant(String node, long token, long expiresAt) {
      this.node = node;
      this.token = token;
      this.expiresAt = expiresAt;
    }
  }

  public SimLeaseService(SimNetwork network, SimClock clock) {
    Simulation.registerIfRunning(this);
    this.network = network;
    this.clock = clock;
  }

  @Override
  public Optional<Lease> tryAcquire(String resource, Duration ttl, Duration maxWait)
      throws InterruptedException {
    io.steelmill.platform.LeaseRequest.check(resource, ttl, maxWait);
    Simulation sim = Simulation.current();
    if (random == null) {
      random = sim.random("leases");
    }
    registeredIn = registeredIn == sim ? sim : sim.register(this);
    String node = sim.node();
    long giveUp = sim.nanoTime() + maxWait.toNanos();
    while (true) {
      sim.sleep(Duration.ofNanos(100_000 + random.nextLong(1_900_000))); // the request's trip
      java.time.Instant requested = clock.now();
      if (reachable(node)) {
        Grant grant = grants.get(resource);
        if (grant == null || grant.expiresAt <= sim.nanoTime()) {
          long token = lastToken.merge(resource, 1L, Long::sum);
          grants.put(resource, new Grant(node, token, sim.nanoTime() + ttl.toNanos()));
          sim.trace("lease " + resource + " granted to " + node + " token " + token);
          SimLease lease = new SimLease(this, resource, token, ttl, requested);
          lease.startRenewing(node);
          return Optional.of(lease);
        }
      }
      if (sim.nanoTime() >= giveUp) {
        return Optional.empty();
      }
      sim.sleep(Duration.ofNanos(Math.max(1, ttl.toNanos() / 4)));
    }
  }

  /** Fault: {@code resource}'s current grant expires now, whatever its holder believes. */
  public void expire(String resource) {
    Simulation sim = Simulation.current();
    Grant grant = grants.get(resource);
    if (grant != null) {
      grant.expiresAt = sim.nanoTime();
      sim.trace("fault lease-expiry " + resource + " token " + grant.token);
    }
  }

  /** The token of {@code resource}'s current, unexpired grant, or 0. */
  public long currentToken(String resource) {
    Grant grant = grants.get(resource);
    return grant == null || grant.expiresAt <= Simulation.current().nanoTime() ? 0 : grant.token;
  }

  // ---- used by SimLease ------------------------------------------------------------------------

  boolean reachable(String node) {
    return network.reachable(node, SERVER) && network.reachable(SERVER, node);
  }

  /** Extends {@code token}'s grant if it is still current; false if it expired or moved on. */
  boolean renew(String resource, long token, Duration ttl) {
    Grant grant = grants.get(resource);
    long now = Simulation.current().nanoTime();
    if (grant == null || grant.token != token || grant.expiresAt <= now) {
      return false;
    }
    grant.expiresAt = now + ttl.toNanos();
    return true;
  }

  void release(String resource, long token) {
    Grant grant = grants.get(resource);
    if (grant != null && grant.token == token) {
      grants.remove(resource);
      Simulation.current().trace("lease " + resource + " released token " + token);
    }
  }

  SimClock clock() {
    return clock;
  }
}
