package io.steelmill.sim;

import io.steelmill.platform.LeaseRequest;
import io.steelmill.runtime.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults on a schedule drawn from the seed: crashes and restarts, partitions, pauses, clock skew.
 * Each kind is enabled with its mean interval; the nemesis runs as its own task until {@link
 * #stop()}, and every fault it applies lands in the trace and in {@link #applied()}.
 *
 * <pre>{@code
 * Nemesis nemesis = Nemesis.on(cluster)
 *     .crashes(Duration.ofSeconds(10), Duration.ofSeconds(2))
 *     .partitions(Duration.ofSeconds(5), Duration.ofSeconds(1))
 *     .pauses(Duration.ofSeconds(7), Duration.ofMillis(500))
 *     .clockSkew(Duration.ofMillis(200))
 *     .leaseExpiries("leader", Duration.ofSeconds(5))
 *     .start();
 * }</pre>
 *
 * <p>It finds the network, the clock and the lease service in the simulation's {@link
 * FaultRegistry}; {@link #network}, {@link #clock} and {@link #leaseExpiries(SimLeaseService,
 * String, Duration)} pick one when a run built several.
 */
public final class Nemesis {
  /** The node the nemesis's own tasks work for: not a host, so no fault ever hits it. */
  public static final NodeId NEMESIS = NodeId.of("nemesis");

  // package-private: what the faults act on and how long they last, read by NemesisFaults
  final SimCluster<?, ?> cluster;
  final List<String> applied = new ArrayList<>();
  SimNetwork network;
  SimClock clock;
  private Duration crashEvery;
  Duration downtime;
  private Duration partitionEvery;
  Duration partitionLength;
  private Duration pauseEvery;
  Duration maxPause;
  private Duration skewEvery;
  Duration maxSkew;
  private Duration expiryEvery;
  SimLeaseService leases;
  String leaseResource;
  private volatile boolean stopped;
  private Thread task;
  SplitMix64 random;

  private Nemesis(SimCluster<?, ?> cluster) {
    this.cluster = cluster;
  }

  /**
   * A nemesis for the hosts of {@code cluster}, none of which may be named {@code nemesis}: the
   * nemesis's own tasks work for that node, so crashing or pausing such a host would end or stop
   * the nemesis itself.
   */
  public static Nemesis on(SimCluster<?, ?> cluster) {
    if (cluster != null && cluster.names().contains(NEMESIS.name())) {
      throw new IllegalArgumentException("a host is named \"" + NEMESIS.name() + "\", the node"
          + " the nemesis's own tasks work for: crashing or pausing that host would crash or"
          + " pause the nemesis. Fix: give the host another name.");
    }
    return new Nemesis(cluster);
  }

  /** The network partitions act on. */
  public Nemesis network(SimNetwork network) {
    this.network = network;
    return this;
  }

  /** The clock skews act on. */
  public Nemesis clock(SimClock clock) {
    this.clock = clock;
    return this;
  }

  /** A host crashes on average every {@code every}, and restarts after about {@code downtime}. */
  public Nemesis crashes(Duration every, Duration downtime) {
    this.crashEvery = every("crashes", every);
    this.downtime = length("crashes", "downtime", downtime);
    return this;
  }

  /** A random split on average every {@code every}, healed after about {@code length}. */
  public Nemesis partitions(Duration every, Duration length) {
    this.partitionEvery = every("partitions", every);
    this.partitionLength = length("partitions", "length", length);
    return this;
  }

  /** A host stops the world on average every {@code every}, for up to {@code max}. */
  public Nemesis pauses(Duration every, Duration max) {
    this.pauseEvery = every("pauses", every);
    this.maxPause = length("pauses", "max", max);
    return this;
  }

  /** A host's wall clock jumps to up to {@code max} off true time, every few seconds. */
  public Nemesis clockSkew(Duration max) {
    this.maxSkew = length("clockSkew", "max", max);
    this.skewEvery = Duration.ofSeconds(5);
    return this;
  }

  /**
   * Forces {@code resource}'s lease, granted by the simulation's lease service, to expire on
   * average every {@code every}.
   */
  public Nemesis leaseExpiries(String resource, Duration every) {
    return leaseExpiries(null, resource, every);
  }

  /** Forces {@code resource}'s lease to expire on average every {@code every}. */
  public Nemesis leaseExpiries(SimLeaseService leases, String resource, Duration every) {
    LeaseRequest.check(resource, LeaseRequest.MIN_TTL, Duration.ZERO);
    this.expiryEvery = every("leaseExpiries", every);
    this.leases = leases;
    this.leaseResource = resource;
    return this;
  }

  /**
   * Starts the schedule as task {@code nemesis/faults}; call inside the simulation. What the
   * enabled faults act on and was not handed in (the network, the clock, the lease service) is
   * the one the simulation built ({@link Simulation#components()}).
   */
  public Nemesis start() {
    Simulation sim = Simulation.current();
    FaultRegistry built = sim.components();
    if (partitionEvery != null && network == null) {
      network = built.only(SimNetwork.class);
    }
    if (skewEvery != null && clock == null) {
      clock = built.only(SimClock.class);
    }
    if (expiryEvery != null && leases == null) {
      leases = built.only(SimLeaseService.class);
    }
    random = sim.random("nemesis");
    task = sim.spawn(NEMESIS, "faults", this::loop);
    return this;
  }

  /** Stops scheduling faults and heals the network; running downtimes still end in restarts. */
  public void stop() throws InterruptedException {
    stopped = true;
    if (task != null) {
      task.interrupt();
      task.join();
    }
    if (network != null) {
      network.heal();
    }
  }

  /**
   * The shortest mean interval between faults of one kind: faults every few nanoseconds leave
   * no time for anything else, so virtual time crawls and the run seems to hang.
   */
  static final Duration MIN_EVERY = Duration.ofMillis(1);

  /** The longest interval or length: past a day is a unit mistake (and overflows nanoseconds). */
  static final Duration MAX_SPAN = Duration.ofDays(1);

  private static Duration every(String fault, Duration every) {
    if (every == null || every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("Nemesis." + fault + ": every must be from 1ms to 1 day,"
          + " not " + every);
    }
    return every;
  }

  private static Duration length(String fault, String name, Duration length) {
    if (length == null || length.isNegative() || length.isZero()
        || length.compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("Nemesis." + fault + ": " + name + " must be more than 0"
          + " and at most 1 day, not " + length);
    }
    return length;
  }

  /** The faults applied so far, in order, as the trace describes them. */
  public List<String> applied() {
    return List.copyOf(applied);
  }

  private void loop() {
    Simulation sim = Simulation.current();
    List<Runnable> kinds = new ArrayList<>();
    List<Duration> every = new ArrayList<>();
    NemesisFaults faults = new NemesisFaults(this);
    add(kinds, every, crashEvery, faults::crash);
    add(kinds, every, partitionEvery, faults::partition);
    add(kinds, every, pauseEvery, faults::pause);
    add(kinds, every, skewEvery, faults::skew);
    add(kinds, every, expiryEvery, faults::expireLease);
    if (kinds.isEmpty()) {
      return;
    }
    try {
      while (!stopped) {
        int kind = random.nextInt(kinds.size());
        long mean = every.get(kind).toNanos() / kinds.size();
        sim.sleep(Duration.ofNanos(1 + random.nextLong(2 * Math.max(1, mean))));
        if (!stopped) {
          kinds.get(kind).run();
        }
      }
    } catch (InterruptedException e) {
      // stopped
    }
  }

  private static void add(
      List<Runnable> kinds, List<Duration> every, Duration interval, Runnable fault) {
    if (interval != null) {
      kinds.add(fault);
      every.add(interval);
    }
  }

}
