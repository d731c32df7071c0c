package io.steelmill.grpc.sim;

import io.grpc.Status;
import io.steelmill.sim.Simulation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated gRPC connection between a client node and a server node, with TCP's guarantees
 * built over the simulated network's datagrams: every op is numbered, acknowledged and resent
 * until acknowledged, and delivered once and in order (so a dropped frame costs a retransmission,
 * a duplicate is discarded, and reordering is undone). A peer that stays silent is declared gone
 * as gRPC's keepalive would (and, before it ever answered, after the connect timeout): every call
 * on the connection then ends {@code UNAVAILABLE}. A restarted server resets a connection it no
 * longer knows.
 */
final class Connection {
  final long id;
  final String clientNode;
  final String peer;
  final boolean client;
  private final NodeTransport transport;
  private final Timings timings;
  private final Simulation sim;
  private final TreeMap<Long, Sent> unacked = new TreeMap<>();
  private final TreeMap<Long, Op> early = new TreeMap<>();
  private final Map<Long, SimClientCall<?, ?>> clientCalls = new LinkedHashMap<>();
  private final Map<Long, SimServerCall<?, ?>> serverCalls = new LinkedHashMap<>();
  /** Server calls told they are not ready, to hear {@code onReady} when frames are acked. */
  private final java.util.Set<SimServerCall<?, ?>> waitingForRoom =
      new java.util.LinkedHashSet<>();

  /** Frames unacknowledged at which a server call is no longer ready (flow control). */
  static final int READY_FRAMES = 64;
  private long nextSeq = 1;
  private long expected = 1;
  private long lastCall;
  private long lastHeard;
  private long pingSeq;
  private boolean established;
  private boolean dead;
  private boolean ticking;
  /** GOAWAY sent (server) or received (client): no new call; closes once idle. */
  private boolean goingAway;
  /** The peer's incarnation when this connection was made: a reset after a crash says so. */
  private final int peerIncarnation;
  /** Server side: the last call it opened (what its GOAWAY names). */
  private long lastOpened;

  /** An op sent and not yet acknowledged. */
  private static final class Sent {
    final Op op;
    long at;

    Sent(Op op, long at) {
      this.op = op;
      this.at = at;
    }
  }

  Connection(NodeTransport transport, long id, String clientNode, String peer, boolean client) {
    this.transport = transport;
    this.timings = transport.timings;
    this.id = id;
    this.clientNode = clientNode;
    this.peer = peer;
    this.client = client;
    this.sim = Simulation.current();
    this.lastHeard = sim.nanoTime();
    this.established = !client;
    this.peerIncarnation = transport.hub.incarnation(peer);
  }

  boolean isDead() {
    return dead;
  }

  NodeTransport transport() {
    return transport;
  }

  long newCall(SimClientCall<?, ?> call) {
    long callId = ++lastCall;
    clientCalls.put(callId, call);
    return callId;
  }

  void ended(long call) {
    clientCalls.remove(call);
    SimServerCall<?, ?> served = serverCalls.remove(call);
    if (served != null) {
      waitingForRoom.remove(served); // a closed call hears no onReady: it must not be kept
    }
    closeIfDone();
  }

  /** After a GOAWAY: once no call is left and all was acknowledged, the connection closes. */
  private void closeIfDone() {
    if (goingAway && !dead && clientCalls.isEmpty() && serverCalls.isEmpty()
        && unacked.isEmpty()) {
      dead = true;
      transport.forget(this);
    }
  }

  // ---- sending --------------------------------------------------------------------------------

  /** Sends {@code op} reliably; false if the connection is dead. */
  boolean send(Op op) {
    if (dead) {
      return false;
    }
    if (unacked.size() >= timings.maxUnacked()) {
      Status overflow = Status.UNAVAILABLE.withDescription(transport.node + " dropped its"
          + " connection to " + peer + ": more than " + timings.maxUnacked() + " frames"
          + " unacknowledged (a stream that does not wait for isReady; grpc-java would buffer"
          + " them without bound). Fix: send while isReady() and resume in onReady()");
      transport.gaveUp(this, overflow, true); // a reset, as TCP's RST on an abort, that says why
      die(overflow);
      return false;
    }
    long seq = nextSeq++;
    unacked.put(seq, new Sent(op, sim.nanoTime()));
    transmit(seq, op);
    tick();
    return true;
  }

  private void transmit(long seq, Op op) {
    transport.send(peer, new Frame(id, clientNode, client && !established, false, seq,
        expected - 1, op));
  }

  /** Whether fewer than {@link #READY_FRAMES} frames wait for their acknowledgement. */
  boolean hasRoom() {
    return unacked.size() < READY_FRAMES;
  }

  /** How many server calls wait for room, for tests. */
  int waitingForRoom() {
    return waitingForRoom.size();
  }

  /** {@code call} was told it is not ready: tell it when there is room again. */
  void whenRoom(SimServerCall<?, ?> call) {
    waitingForRoom.add(call);
  }

  // ---- receiving ------------------------------------------------------------------------------

  void receive(Frame frame) {
    if (dead) {
      return;
    }
    if (frame.reset()) {
      die(Status.UNAVAILABLE.withDescription("connection reset by " + peer + resetReason(frame)));
      return;
    }
    lastHeard = sim.nanoTime();
    if (!established) {
      established = true;
      transport.reconnects().connected(peer);
    }
    unacked.headMap(frame.ack(), true).clear();
    if (!waitingForRoom.isEmpty() && hasRoom()) {
      List<SimServerCall<?, ?>> ready = new ArrayList<>(waitingForRoom);
      waitingForRoom.clear();
      ready.forEach(SimServerCall::roomAgain);
    }
    if (frame.seq() == 0) {
      return;
    }
    if (frame.seq() >= expected && early.size() < timings.maxBuffered()) {
      early.putIfAbsent(frame.seq(), frame.op());
    }
    Op next;
    while (!dead && (next = early.remove(expected)) != null) {
      expected++;
      deliver(next);
    }
    transport.send(peer, Frame.ack(id, clientNode, expected - 1));
    closeIfDone();
    tick();
  }

  /**
   * Why the peer reset the connection: what it said, when it dropped the connection itself;
   * otherwise it did not know the connection: it serves nothing, it restarted, or it had given
   * the connection up (keepalive) while this end still held it.
   */
  private String resetReason(Frame frame) {
    if (frame.op() != null && frame.op().status() != null) {
      return ": " + frame.op().status().getDescription();
    }
    if (!established) {
      return " (it serves nothing)";
    }
    return transport.hub.incarnation(peer) != peerIncarnation ? " (it restarted)"
        : " (it had given the connection up)";
  }

  private void deliver(Op op) {
    if (op.kind() == Op.Kind.PING) {
      return; // the acknowledgement answers it
    }
    if (client) {
      if (op.kind() == Op.Kind.GOAWAY) {
        goAwayReceived(op.number());
        return;
      }
      SimClientCall<?, ?> call = clientCalls.get(op.call());
      if (call != null) {
        call.inbound(op);
      }
    } else if (op.kind() == Op.Kind.OPEN) {
      if (goingAway) {
        return; // after its GOAWAY a server opens nothing: the client retries it elsewhere
      }
      lastOpened = op.call();
      if (serverCalls.size() >= timings.maxCalls()) {
        send(Op.refuse(op.call(), Status.UNAVAILABLE.withDescription(transport.node
            + " refused the call: " + timings.maxCalls() + " calls under way on the"
            + " connection")));
        return;
      }
      SimServerCall.open(this, op);
    } else {
      SimServerCall<?, ?> call = serverCalls.get(op.call());
      if (call != null) {
        call.inbound(op);
      }
    }
  }

  void accepted(long call, SimServerCall<?, ?> serverCall) {
    serverCalls.put(call, serverCall);
  }

  /** Client-to-server op on the server side: whether {@code call} is in flight. */
  boolean hasServerCall(long call) {
    return serverCalls.containsKey(call);
  }

  // ---- going away ---------------------------------------------------------------------------

  /**
   * Server side, its node stops serving: GOAWAY names the last call it opened, every call under
   * way ends {@code CANCELLED} (as a Netty server shut down resets its streams), and the
   * connection closes once the client acknowledged it all.
   */
  void goAway() {
    if (dead || goingAway) {
      return;
    }
    goingAway = true;
    send(Op.goAway(lastOpened));
    for (SimServerCall<?, ?> call : new ArrayList<>(serverCalls.values())) {
      call.withdrawn(Status.CANCELLED.withDescription(transport.node + " stopped serving"));
    }
    closeIfDone();
  }

  /**
   * Client side: the server goes away. Its calls after {@code lastOpened} never reached its
   * application: they end {@link Progress#MISCARRIED} (their channel retries them on a new
   * connection); the others end as the server closes them; new calls dial anew.
   */
  private void goAwayReceived(long lastOpened) {
    goingAway = true;
    transport.undial(this);
    for (Map.Entry<Long, SimClientCall<?, ?>> entry : new ArrayList<>(clientCalls.entrySet())) {
      if (entry.getKey() > lastOpened) {
        clientCalls.remove(entry.getKey());
        entry.getValue().closeLocally(Status.UNAVAILABLE.withDescription(peer + " went away"
            + " (GOAWAY) before the call reached it"), null, Progress.MISCARRIED);
      }
    }
    closeIfDone();
  }

  // ---- timers ---------------------------------------------------------------------------------

  /** Arms the connection's one timer if something needs watching and it is not armed. */
  private void tick() {
    if (ticking || dead) {
      return;
    }
    ticking = true;
    transport.timers().after(timings.retransmitNanos(), () -> {
      ticking = false;
      if (!dead) {
        onTick();
      }
    });
  }

  private void onTick() {
    long now = sim.nanoTime();
    boolean busy = !clientCalls.isEmpty() || !serverCalls.isEmpty();
    long silence = now - lastHeard;
    long limit = established ? timings.keepAliveNanos() + timings.keepAliveTimeoutNanos()
        : timings.connectNanos();
    if ((busy || !unacked.isEmpty()) && silence > limit) {
      Status lost = Status.UNAVAILABLE.withDescription(established
          ? "connection to " + peer + " lost: keepalive timed out after "
              + (silence / 1_000_000) + " ms of silence"
          : "cannot connect to " + peer + ": no answer within "
              + (timings.connectNanos() / 1_000_000) + " ms");
      if (established) {
        transport.gaveUp(this, lost, false); // a timeout sends nothing, as TCP's
      }
      die(lost);
      return;
    }
    for (Map.Entry<Long, Sent> entry : unacked.entrySet()) {
      if (now - entry.getValue().at >= timings.retransmitNanos()) {
        entry.getValue().at = now;
        transmit(entry.getKey(), entry.getValue().op);
      }
    }
    if (client && busy && silence >= timings.keepAliveNanos() && !unacked.containsKey(pingSeq)) {
      pingSeq = nextSeq;
      send(Op.ping());
    }
    if (busy || !unacked.isEmpty()) {
      tick();
    }
  }

  // ---- the end --------------------------------------------------------------------------------

  /** Ends the connection and every call on it with {@code status}. */
  void die(Status status) {
    if (dead) {
      return;
    }
    dead = true;
    transport.forget(this);
    List<SimClientCall<?, ?>> calls = new ArrayList<>(clientCalls.values());
    List<SimServerCall<?, ?>> served = new ArrayList<>(serverCalls.values());
    clientCalls.clear();
    serverCalls.clear();
    waitingForRoom.clear();
    // a client connection the server never answered carried nothing to it: its calls are unsent
    boolean unsent = client && !established;
    if (unsent) {
      transport.reconnects().failed(peer, status);
    }
    for (SimClientCall<?, ?> call : calls) {
      call.closeLocally(status, null, unsent ? Progress.UNSENT : Progress.PROCESSED);
    }
    for (SimServerCall<?, ?> call : served) {
      call.cancelled(status);
    }
  }

  /** The own node crashed: everything is gone, nothing is said or called back. */
  void vanish() {
    dead = true;
    clientCalls.clear();
    serverCalls.clear();
    waitingForRoom.clear();
  }

  void cancelServerCalls(String service) {
    for (Iterator<SimServerCall<?, ?>> it = serverCalls.values().iterator(); it.hasNext(); ) {
      SimServerCall<?, ?> call = it.next();
      if (call.serviceName().equals(service)) {
        it.remove();
        waitingForRoom.remove(call);
        call.withdrawn(Status.UNAVAILABLE.withDescription(service + " stopped serving on "
            + transport.node));
      }
    }
  }
}
