package io.steelmill.grpc.sim;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.steelmill.sim.Simulation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A client call over the simulated transport: its messages are serialized with the method's
 * marshaller, as on a wire; its deadline is a timer of the simulation; its callbacks run in order
 * on the call's executor (the stub's, for a blocking stub, else simulated tasks of the calling
 * node). Everything it does happens on the simulation's carrier, one task at a time.
 */
final class SimClientCall<Q, R> extends ClientCall<Q, R> {
  private final SimGrpcHub hub;
  private final String caller;
  private final String target;
  private final MethodDescriptor<Q, R> method;
  private final CallOptions options;
  private final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
  private Connection connection;
  private long id;
  private Listener<R> listener;
  private SerialExecutor callbacks;
  private NodeTimers.Entry deadline;
  private Context.CancellationListener contextListener;
  private Context context;
  private int demand;
  private boolean halfClosed;
  private boolean closed;
  /** The listener heard onClose: whatever is still queued is dropped. */
  private boolean listenerClosed;
  private Status pendingClose;
  private Metadata pendingTrailers;
  private Progress progress = Progress.PROCESSED;
  private int lastMessageBytes;

  SimClientCall(SimGrpcHub hub, String caller, String target, MethodDescriptor<Q, R> method,
      CallOptions options) {
    this.hub = hub;
    this.caller = caller;
    this.target = target;
    this.method = method;
    this.options = options;
  }

  @Override
  public void start(Listener<R> responseListener, Metadata headers) {
    if (listener != null) {
      throw new IllegalStateException("call already started");
    }
    listener = responseListener;
    NodeTransport transport = hub.transport(caller);
    Executor executor = options.getExecutor();
    callbacks = new SerialExecutor(executor != null ? executor
        : transport != null ? transport.tasks() : Runnable::run);
    if (transport == null || transport.isDown()) {
      closeLocally(Status.UNAVAILABLE.withDescription("node " + caller
          + " has no gRPC transport (it crashed; its restarted daemons make a new channel)"),
          null);
      return;
    }
    long timeout = Deadlines.remainingNanos(options.getDeadline());
    if (timeout == 0) {
      closeLocally(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded before the call"
          + " started"), null);
      return;
    }
    if (!hub.addressKnown(target)) { // as a channel whose name resolver failed
      closeLocally(Status.UNAVAILABLE.withDescription("node " + target + " has no gRPC address:"
          + " it never served in this simulation and GrpcConfig does not list it"), null,
          Progress.UNRESOLVED);
      return;
    }
    connection = transport.connectionTo(target);
    if (connection == null) { // TRANSIENT_FAILURE: the channel backs off after a failed connect
      closeLocally(transport.reconnects().failing(target), null, Progress.UNSENT);
      return;
    }
    id = connection.newCall(this);
    if (timeout > 0) {
      deadline = transport.timers().after(timeout, () -> expire(timeout));
    }
    context = Context.current();
    contextListener = cancelled -> {
      if (!closed) {
        cancelWith(Deadlines.ofEndedContext(cancelled));
      }
    };
    context.addListener(contextListener, Runnable::run);
    connection.send(Op.open(id, method.getFullMethodName(), headers, timeout));
    callbacks.execute(() -> {
      if (!listenerClosed) {
        listener.onReady();
      }
    });
  }

  private void expire(long timeout) {
    if (!closed) {
      cancelWith(Status.DEADLINE_EXCEEDED.withDescription("deadline exceeded after "
          + (timeout / 1_000_000) + " ms (virtual) calling " + method.getFullMethodName() + " on "
          + target));
    }
  }

  private void cancelWith(Status status) {
    if (connection != null) {
      connection.send(Op.cancel(id, status));
    }
    closeLocally(status, null);
  }

  @Override
  public void request(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("request(" + count + ")");
    }
    demand = (int) Math.min(Integer.MAX_VALUE, (long) demand + count);
    drain();
  }

  @Override
  public void cancel(String message, Throwable cause) {
    if (closed || listener == null) {
      return;
    }
    Status status = Status.CANCELLED;
    status = message != null ? status.withDescription(message) : status.withDescription(
        "call cancelled");
    cancelWith(cause != null ? status.withCause(cause) : status);
  }

  @Override
  public void halfClose() {
    if (listener == null || halfClosed) {
      throw new IllegalStateException(listener == null ? "call not started"
          : "call already half-closed");
    }
    halfClosed = true;
    if (!closed) {
      connection.send(Op.halfClose(id));
    }
  }

  @Override
  public void sendMessage(Q message) {
    if (listener == null || halfClosed) {
      throw new IllegalStateException(listener == null ? "call not started"
          : "call already half-closed");
    }
    if (closed) {
      lastMessageBytes = 0;
      return; // as gRPC: messages after the end are dropped
    }
    byte[] bytes;
    try {
      bytes = bytes(method.streamRequest(message));
    } catch (RuntimeException e) {
      // as grpc-java's ClientCallImpl: the call ends, the caller's thread goes on (it threw out
      // of sendMessage and failed the whole simulation)
      lastMessageBytes = 0;
      cancelWith(Status.CANCELLED.withDescription("Failed to stream message").withCause(e));
      return;
    }
    lastMessageBytes = bytes.length;
    connection.send(Op.message(id, bytes));
  }

  /** The size of the message {@link #sendMessage} last put on the wire (0: none). */
  int lastMessageBytes() {
    return lastMessageBytes;
  }

  /** How far the call got, once it closed: whether its channel may retry it transparently. */
  Progress progress() {
    return progress;
  }

  @Override
  public boolean isReady() {
    return !closed && listener != null;
  }

  // ---- from the connection --------------------------------------------------------------------

  void inbound(Op op) {
    if (closed) {
      return;
    }
    switch (op.kind()) {
      case HEADERS -> {
        long bytes = HeaderLimit.RESPONSE_FIELDS + HeaderLimit.size(op.metadata());
        if (HeaderLimit.over(bytes)) {
          cancelWith(HeaderLimit.refused("the response's header list", bytes));
          return;
        }
        callbacks.execute(() -> listener.onHeaders(op.metadata()));
      }
      case MESSAGE -> {
        int max = options.getMaxInboundMessageSize() != null
            ? options.getMaxInboundMessageSize() : Timings.MAX_MESSAGE_BYTES;
        if (op.bytes().length > max) {
          cancelWith(Status.RESOURCE_EXHAUSTED.withDescription("gRPC message exceeds maximum size "
              + max + ": " + op.bytes().length));
          return;
        }
        inbox.add(op.bytes());
        drain();
      }
      case REFUSE -> closeLocally(op.status(), null, Progress.REFUSED);
      case CLOSE -> {
        long bytes = HeaderLimit.trailers(op.status(), op.metadata());
        if (HeaderLimit.over(bytes)) {
          closeLocally(HeaderLimit.refused("the trailers' header list", bytes), null);
          return;
        }
        if (op.status().isOk() && !inbox.isEmpty()) {
          pendingClose = op.status(); // deliver what came first
          pendingTrailers = op.metadata();
        } else {
          closeLocally(op.status(), op.metadata());
        }
      }
      default -> { } // nothing else is sent to a client
    }
  }

  private void drain() {
    while (demand > 0 && !inbox.isEmpty() && !closed) {
      byte[] bytes = inbox.poll();
      demand--;
      callbacks.execute(() -> {
        if (listenerClosed) {
          return;
        }
        R response;
        try {
          response = method.parseResponse(new ByteArrayInputStream(bytes));
        } catch (RuntimeException e) {
          // as grpc-java's ClientCallImpl (it was INTERNAL here)
          cancelWith(Status.CANCELLED.withDescription("Failed to read message.").withCause(e));
          return;
        }
        listener.onMessage(response);
      });
    }
    if (pendingClose != null && inbox.isEmpty()) {
      closeLocally(pendingClose, pendingTrailers);
    }
  }

  /** Ends the call here, whatever the server does; the listener hears it once. */
  void closeLocally(Status status, Metadata trailers) {
    closeLocally(status, trailers, Progress.PROCESSED);
  }

  /** As {@link #closeLocally(Status, Metadata)}, saying how far the call got. */
  void closeLocally(Status status, Metadata trailers, Progress howFar) {
    if (closed) {
      return;
    }
    closed = true;
    progress = howFar;
    inbox.clear();
    if (deadline != null) {
      deadline.cancel();
    }
    if (contextListener != null) {
      context.removeListener(contextListener);
    }
    if (connection != null) {
      connection.ended(id);
    }
    Simulation sim = Simulation.current();
    sim.trace("grpc " + caller + "->" + target + " " + method.getFullMethodName() + " "
        + status.getCode());
    Metadata end = trailers != null ? trailers : new Metadata();
    callbacks.execute(() -> {
      listenerClosed = true;
      listener.onClose(status, end);
    });
  }

  static byte[] bytes(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize a message: " + e.getMessage(), e);
    }
  }
}
