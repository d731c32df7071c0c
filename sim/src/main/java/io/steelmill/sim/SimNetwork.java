package io.steelmill.sim;

import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Names;
import io.steelmill.platform.Network;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated {@link Network}: one in-memory network for every node of a simulation. Each
 * message is delivered after a seeded delay, unless a fault drops it; faults are set per link or
 * for all links, and partitions cut links in one or both directions.
 */
@Ambient
@Daemon
@io.steelmill.Simulation
public final class SimNetwork implements Network {
  /** The simulation this was last registered with (see {@link Simulation#components()}). */
  private Simulation registeredIn;
  private final Map<Address, SimEndpoint<?>> endpoints = new java.util.LinkedHashMap<>();
  private final NetworkFaults allLinks = new NetworkFaults();
  private final Map<String, NetworkFaults> links = new HashMap<>();
  private final Set<String> cut = new LinkedHashSet<>();
  /** Each node's incarnation as the network sees it: a crash starts a new one. */
  private final Map<String, Integer> incarnations = new HashMap<>();
  /** The links of {@link #links} and {@link #cut}, built once per pair, with their faults. */
  private final LinkKeys linkKeys = new LinkKeys();
  /** Delivery timers that fired, for the next messages (see {@link Delivery}). */
  private Delivery freeDeliveries;
  private SplitMix64 random;
  /** Drop and duplicate decisions: their own stream, one draw each per message (see send). */
  private SplitMix64 fates;
  private long sent;
  private long delivered;
  private long dropped;
  private long lastRequestId;

  public SimNetwork() {
    Simulation.registerIfRunning(this);
  }

  @Override
  public <M> Endpoint<M> bind(String service, Codec<M> codec) {
    Simulation sim = Simulation.current();
    sim.checkAlive();
    if (random == null) {
      random = sim.random("network");
      fates = sim.random("network-fates");
      sim.onCrash(this::crashed);
    }
    registeredIn = registeredIn == sim ? sim : sim.register(this);
    // the names production's TcpNetwork accepts, no others: a name it refuses must fail here too
    Address address = new Address(SimDisk.nodeOf(sim, "bind(" + Names.quoted(service) + ")"),
        Names.checkService(service));
    if (endpoints.containsKey(address)) {
      throw new IllegalStateException(address + " is already bound");
    }
    SimEndpoint<M> endpoint = new SimEndpoint<>(this, address, codec);
    endpoints.put(address, endpoint);
    sim.trace("bind " + address);
    return endpoint;
  }

  /**
   * The nodes with a bound endpoint, in the order they first bound one. A loop, not a stream: a
   * nemesis asks before each fault, a few hundred times a run, too seldom for the JIT to compile
   * a stream pipeline, which then ran in the interpreter (about 1% of a pingpong run).
   */
  public List<String> nodes() {
    Set<String> nodes = new LinkedHashSet<>();
    for (Address address : endpoints.keySet()) {
      nodes.add(address.node());
    }
    return List.copyOf(nodes);
  }

  /** Faults of every link without its own. */
  public NetworkFaults allLinks() {
    return allLinks;
  }

  /** Faults of the link {@code from -> to}, starting from the all-links settings. */
  public NetworkFaults link(String from, String to) {
    linkKeys.changed();
    return links.computeIfAbsent(from + "->" + to, k -> allLinks.copy());
  }

  /**
   * Cuts every link between {@code side} and the other nodes, both ways. The sets may iterate in
   * any order (a {@code Set.of} iterates in an order salted per JVM): they are read sorted.
   */
  public void partition(Set<String> side, Set<String> others) {
    java.util.SortedSet<String> sides = new java.util.TreeSet<>(side);
    java.util.SortedSet<String> rest = new java.util.TreeSet<>(others);
    for (String a : sides) {
      for (String b : rest) {
        cut.add(a + "->" + b);
        cut.add(b + "->" + a);
      }
    }
    linkKeys.changed();
    Simulation.current().trace("fault partition " + sides + " | " + rest);
  }

  /** Cuts messages from {@code from} to {@code to} only. */
  public void cutOneWay(String from, String to) {
    cut.add(from + "->" + to);
    linkKeys.changed();
    Simulation.current().trace("fault cut " + from + "->" + to);
  }

  /** Cuts {@code node} off from every other node with an endpoint, both ways. */
  public void isolate(String node) {
    Set<String> others = new LinkedHashSet<>(nodes());
    others.remove(node);
    partition(Set.of(node), others);
  }

  /** Whether messages from {@code from} to {@code to} pass (no cut; drops aside). */
  public boolean reachable(String from, String to) {
    return !cut.contains(from + "->" + to);
  }

  /** Restores every cut link. */
  public void heal() {
    cut.clear();
    linkKeys.changed();
    Simulation.current().trace("fault heal");
  }

  public long sent() {
    return sent;
  }

  public long delivered() {
    return delivered;
  }

  public long dropped() {
    return dropped;
  }

  // ---- used by SimEndpoint ----------------------------------------------------------------------

  /**
   * Sends a message: hashes it into the trace, decides its fate, and arms a delivery per copy.
   * Kept under the JIT's size limit for inlining a hot method (HotSpot's {@code FreqInlineSize},
   * 325 bytes of bytecode): the rare paths (a FULL trace line, a fault table lookup, a recorded
   * timeline) are methods of their own.
   */
  <M> void send(Address from, Address to, M message, byte[] wire, long requestId, long replyTo,
      long digest) {
    Simulation sim = sim();
    RunState run = sim.state;
    sent++;
    Trace trace = run.trace;
    trace.data(run.now, trace.keepsEveryLine() ? sendLine(from, to) : "", digest);
    LinkKeys.Link link = links.isEmpty() && cut.isEmpty() ? null : linkOf(from, to);
    NetworkFaults faults = link == null ? allLinks : link.faults;
    boolean isCut = link != null && link.cut;
    FaultLedger ledger = sim.faults();
    if (ledger.timeline() != null) {
      RecordedSends.send(
          this, sim, ledger, faults, isCut, from, to, message, wire, requestId, replyTo);
      return;
    }
    int copies = copies(ledger, faults, isCut, from, to);
    if (copies == 0) {
      return;
    }
    int incarnation = incarnationOf(to.node());
    for (int i = 0; i < copies; i++) {
      Delivery delivery = freeDelivery(run.timers);
      delivery.from = from;
      delivery.to = to;
      delivery.message = message;
      delivery.wire = i == 0 ? wire : copyOf(wire);
      delivery.requestId = requestId;
      delivery.replyTo = replyTo;
      delivery.incarnation = incarnation;
      run.timers.arm(delivery, run.now, delay(faults));
    }
  }

  /** A duplicate's own bytes, as a second frame on a real network has. */
  static byte[] copyOf(byte[] wire) {
    return wire == null ? null : wire.clone();
  }

  private static String sendLine(Address from, Address to) {
    return "send " + from + "->" + to;
  }

  /** The link {@code from -> to} with its current faults (while any fault table is not empty). */
  private LinkKeys.Link linkOf(Address from, Address to) {
    LinkKeys.Link link = linkKeys.of(from.node(), to.node());
    if (!linkKeys.isCurrent(link)) {
      linkKeys.remember(link, links.getOrDefault(link.key, allLinks), cut.contains(link.key));
    }
    return link;
  }

  /**
   * How many copies of a message go out: 0 when a cut or a drop loses it, 2 when it is
   * duplicated. Both fates are drawn for every message, cut or not, and a drop decided for a cut
   * message still takes its ordinal: a replay that leaves out a partition or a drop then sees the
   * same later decisions, under the same fault ids.
   */
  int copies(
      FaultLedger ledger, NetworkFaults faults, boolean isCut, Address from, Address to) {
    boolean lose = fates.chance(faults.drop);
    boolean twice = fates.chance(faults.duplicate);
    if (lose && isCut) {
      ledger.skip(FaultLedger.Kind.DROP);
    }
    if (isCut || lose && ledger.admitMessage(FaultLedger.Kind.DROP, from, to)) {
      dropped++;
      return 0;
    }
    return twice && ledger.admitMessage(FaultLedger.Kind.DUPLICATE, from, to) ? 2 : 1;
  }

  /** A seeded delay within the link's range. */
  long delay(NetworkFaults faults) {
    long span = faults.maxDelayNanos - faults.minDelayNanos;
    return faults.minDelayNanos + (span <= 0 ? 0 : random.nextLong(span + 1));
  }

  /** A delivery timer from the pool, or a new one; the pool is the running simulation's. */
  private Delivery freeDelivery(Timers timers) {
    Delivery delivery = freeDeliveries;
    if (delivery == null || !delivery.belongsTo(timers)) {
      return new Delivery(this, timers);
    }
    freeDeliveries = delivery.nextFree;
    delivery.nextFree = null;
    return delivery;
  }

  /** Called by a {@link Delivery} timer: delivers, then keeps the timer for another message. */
  void deliver(Delivery delivery) {
    Object message = delivery.message;
    byte[] wire = delivery.wire;
    delivery.message = null;
    delivery.wire = null;
    deliver(delivery.from, delivery.to, delivery.incarnation, message, wire, delivery.requestId,
        delivery.replyTo);
    delivery.from = null;
    delivery.to = null;
    delivery.nextFree = freeDeliveries;
    freeDeliveries = delivery;
  }

  /**
   * Delivers a message to the incarnation of its destination that was current when it was sent:
   * one that crashed meanwhile never gets it, even when its node restarted and bound the same
   * address again (a reply to the old incarnation's call must not answer the new one's).
   */
  boolean deliver(Address from, Address to, int incarnation, Object message, byte[] wire,
      long requestId, long replyTo) {
    SimEndpoint<?> endpoint = endpoints.get(to);
    if (endpoint == null || incarnationOf(to.node()) != incarnation
        || !endpoint.accept(from, message, wire, requestId, replyTo)) {
      dropped++;
      return false;
    }
    delivered++;
    return true;
  }

  /** The incarnation of {@code node} as the network sees it: 0 until it first crashes. */
  int incarnationOf(String node) {
    return incarnations.isEmpty() ? 0 : incarnations.getOrDefault(node, 0);
  }

  /**
   * A request id no other call on this network had: a reply to a crashed incarnation's call then
   * never answers a call of the node's next incarnation, which binds the same address.
   */
  long nextRequestId() {
    return ++lastRequestId;
  }

  /** The running simulation: the one this network is registered with, looked up cheaply. */
  Simulation sim() {
    return Simulation.current(registeredIn);
  }

  /** Fails the run from a delivery, on the carrier (where {@link #sim()} refuses to look). */
  void failRun(SimulationException error) {
    registeredIn.state.fail(error);
  }

  void unbind(Address address) {
    endpoints.remove(address);
  }

  /**
   * A crashed node's endpoints vanish; messages to it, also those in flight, are dropped, and
   * stay dropped when a new incarnation of the node binds the same address before they arrive.
   */
  private void crashed(String node) {
    incarnations.merge(node, 1, Integer::sum);
    for (SimEndpoint<?> endpoint : List.copyOf(endpoints.values())) {
      if (endpoint.address().node().equals(node)) {
        endpoint.close();
      }
    }
  }
}
