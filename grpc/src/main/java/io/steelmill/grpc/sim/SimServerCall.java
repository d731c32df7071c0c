package io.steelmill.grpc.sim;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.steelmill.grpc.GrpcPeer;
import java.io.ByteArrayInputStream;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A server call over the simulated transport: the handler registered for the method runs on
 * simulated tasks of the serving node, in a {@link Context} that carries the caller's node
 * ({@link GrpcPeer#CALLER}) and the call's deadline (a timer of the simulation), and that is
 * cancelled when the client cancels, the deadline passes or the connection dies.
 */
final class SimServerCall<Q, R> extends ServerCall<Q, R> {
  private final Connection connection;
  private final long id;
  private final MethodDescriptor<Q, R> method;
  private final SerialExecutor callbacks;
  private final Context.CancellableContext context;
  private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
  private Listener<Q> listener;
  private int demand;
  private boolean halfClosePending;
  private boolean headersSent;
  private boolean closed;
  private boolean cancelled;

  private SimServerCall(Connection connection, long id, MethodDescriptor<Q, R> method,
      Context.CancellableContext context) {
    this.connection = connection;
    this.id = id;
    this.method = method;
    this.context = context;
    this.callbacks = new SerialExecutor(connection.transport().tasks());
  }

  /** A client opened a call on {@code connection}: start the handler, or refuse the method. */
  static void open(Connection connection, Op op) {
    NodeTransport transport = connection.transport();
    long headerBytes = HeaderLimit.request(op.method(), op.metadata());
    if (HeaderLimit.over(headerBytes)) { // refused by HTTP/2, before any method is looked up
      connection.send(Op.close(op.call(), HeaderLimit.refused("the request's header list",
          headerBytes), new Metadata()));
      return;
    }
    String serviceName = MethodDescriptor.extractFullServiceName(op.method());
    ServerServiceDefinition service = serviceName == null ? null : transport.service(serviceName);
    ServerMethodDefinition<?, ?> definition =
        service == null ? null : service.getMethod(op.method());
    if (definition == null) {
      connection.send(Op.close(op.call(), Status.UNIMPLEMENTED.withDescription(
          "Method not found: " + op.method() + " on " + transport.node), new Metadata()));
      return;
    }
    start(connection, op, definition);
  }

  private static <Q, R> void start(Connection connection, Op op,
      ServerMethodDefinition<Q, R> definition) {
    Context base = Context.ROOT.withValue(GrpcPeer.CALLER, connection.peer);
    Context.CancellableContext context = op.number() >= 0
        ? base.withDeadline(Deadline.after(op.number(), TimeUnit.NANOSECONDS, SimTicker.INSTANCE),
            new SimScheduler(connection.transport().hub, connection.transport().node))
        : base.withCancellation();
    SimServerCall<Q, R> call =
        new SimServerCall<>(connection, op.call(), definition.getMethodDescriptor(), context);
    connection.accepted(op.call(), call);
    context.addListener(ended -> {
      if (!call.closed) {
        Throwable cause = ended.cancellationCause();
        call.cancelled(cause instanceof java.util.concurrent.TimeoutException
            ? Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed")
            : cause == null ? Status.CANCELLED : Status.fromThrowable(cause));
      }
    }, Runnable::run);
    ServerCallHandler<Q, R> handler = definition.getServerCallHandler();
    Metadata headers = op.metadata();
    call.callbacks.execute(() -> call.inContext(() -> {
      call.listener = handler.startCall(call, headers);
      call.listener.onReady();
    }));
  }

  String serviceName() {
    return method.getServiceName();
  }

  /** A client-to-server op of this call. */
  void inbound(Op op) {
    if (closed) {
      return;
    }
    switch (op.kind()) {
      case MESSAGE -> {
        if (op.bytes().length > Timings.MAX_MESSAGE_BYTES) {
          close(Status.RESOURCE_EXHAUSTED.withDescription("gRPC message exceeds maximum size "
              + Timings.MAX_MESSAGE_BYTES + ": " + op.bytes().length), new Metadata());
          return;
        }
        if (inbox.size() >= connection.transport().timings.maxBuffered()) {
          close(Status.RESOURCE_EXHAUSTED.withDescription("more than "
              + connection.transport().timings.maxBuffered() + " requests unread"), new Metadata());
          return;
        }
        inbox.add(op.bytes());
        drain();
      }
      case HALF_CLOSE -> {
        halfClosePending = true;
        drain();
      }
      case CANCEL -> context.cancel(op.status().asException());
      default -> { }
    }
  }

  private void drain() {
    while (demand > 0 && !inbox.isEmpty() && !closed) {
      byte[] bytes = inbox.poll();
      demand--;
      callbacks.execute(() -> inContext(() -> {
        Q request;
        try {
          request = method.parseRequest(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
          // as grpc-java's server: an application error (it was INTERNAL here)
          close(Status.UNKNOWN.withDescription("Application error processing RPC").withCause(e),
              new Metadata());
          return;
        }
        listener.onMessage(request);
      }));
    }
    if (halfClosePending && inbox.isEmpty() && !closed) {
      halfClosePending = false;
      callbacks.execute(() -> inContext(() -> listener.onHalfClose()));
    }
  }

  /** Runs a callback of the handler in the call's context; a throw ends the call UNKNOWN. */
  private void inContext(Runnable callback) {
    if (cancelled && listener != null) {
      return;
    }
    Context previous = context.attach();
    try {
      callback.run();
    } catch (RuntimeException e) {
      if (!closed) { // as gRPC's server: an exception from the handler ends the call UNKNOWN
        close(Status.UNKNOWN.withDescription("the handler threw " + e).withCause(e),
            new Metadata());
      }
    } finally {
      context.detach(previous);
    }
  }

  /** The call ended without the handler closing it: tell the handler once. */
  void cancelled(Status status) {
    if (closed) {
      return;
    }
    closed = true;
    cancelled = true;
    inbox.clear();
    connection.ended(id);
    context.cancel(status.asException());
    callbacks.execute(() -> {
      if (listener != null) {
        Context previous = context.attach();
        try {
          listener.onCancel();
        } finally {
          context.detach(previous);
        }
      }
    });
  }

  /** The service stopped serving: the client hears {@code status}, the handler a cancel. */
  void withdrawn(Status status) {
    if (!closed) {
      connection.send(Op.close(id, status, new Metadata()));
      cancelled(status);
    }
  }

  @Override
  public void request(int count) {
    demand = (int) Math.min(Integer.MAX_VALUE, (long) demand + count);
    drain();
  }

  @Override
  public void sendHeaders(Metadata headers) {
    if (headersSent) {
      throw new IllegalStateException("headers already sent");
    }
    headersSent = true;
    if (!closed) {
      connection.send(Op.headers(id, headers));
    }
  }

  @Override
  public void sendMessage(R message) {
    if (closed) {
      if (cancelled) {
        return; // the client is gone; as gRPC, the handler finds out through isCancelled()
      }
      throw new IllegalStateException("call already closed");
    }
    if (!headersSent) {
      sendHeaders(new Metadata());
    }
    byte[] bytes;
    try {
      bytes = SimClientCall.bytes(method.streamResponse(message));
    } catch (RuntimeException e) {
      // a response that cannot be written resets the stream: the client hears CANCELLED, as
      // over Netty, and the handler's later onCompleted is ignored (the call is gone)
      Status reset = Status.CANCELLED.withDescription("the server could not serialize its"
          + " response: " + e);
      connection.send(Op.close(id, reset, new Metadata()));
      cancelled(reset.withCause(e));
      return;
    }
    connection.send(Op.message(id, bytes));
  }

  @Override
  public void close(Status status, Metadata trailers) {
    if (closed) {
      if (cancelled) {
        return;
      }
      throw new IllegalStateException("call already closed");
    }
    closed = true;
    connection.send(Op.close(id, status, trailers));
    connection.ended(id);
    callbacks.execute(() -> {
      if (listener != null) {
        Context previous = context.attach();
        try {
          listener.onComplete();
        } finally {
          context.detach(previous);
        }
      }
      context.cancel(null);
    });
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * False while the connection has {@link Connection#READY_FRAMES} or more frames unacknowledged,
   * as grpc-java's is while its transport buffers 32 KiB unsent: a handler that streams "while
   * isReady" then yields until {@code onReady}. It was always true, so such a handler streamed in
   * one step of the simulation until the connection died of 10,000 unacknowledged frames, and
   * the client heard "connection reset (it restarted)" where over TCP it read and cancelled.
   */
  @Override
  public boolean isReady() {
    if (closed) {
      return false;
    }
    if (connection.hasRoom()) {
      return true;
    }
    connection.whenRoom(this);
    return false;
  }

  /** The connection has room again: a handler told not ready hears {@code onReady}. */
  void roomAgain() {
    if (!closed && listener != null) {
      callbacks.execute(() -> inContext(() -> {
        if (!closed) {
          listener.onReady();
        }
      }));
    }
  }

  @Override
  public MethodDescriptor<Q, R> getMethodDescriptor() {
    return method;
  }

  @Override
  public Attributes getAttributes() {
    return Attributes.newBuilder()
        .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new NodeAddress(connection.peer, connection.id))
        .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, new NodeAddress(connection.transport().node, 0))
        .build();
  }

  @Override
  public String getAuthority() {
    return connection.transport().node;
  }

  /**
   * A simulated node as a socket address (what {@code TRANSPORT_ATTR_REMOTE_ADDR} shows): the
   * caller's address names its connection too, as a TCP peer's ephemeral port does.
   */
  static final class NodeAddress extends SocketAddress {
    private final String node;
    private final long connection;

    NodeAddress(String node, long connection) {
      this.node = node;
      this.connection = connection;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NodeAddress address && address.node.equals(node)
          && address.connection == connection;
    }

    @Override
    public int hashCode() {
      return node.hashCode() * 31 + Long.hashCode(connection);
    }

    @Override
    public String toString() {
      return connection == 0 ? node : node + "#" + connection;
    }
  }
}
