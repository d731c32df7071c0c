package io.steelmill.grpc.sim;

import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A call under a service config's {@link RetryPolicy}, as grpc-java's retrying stream behaves: the
 * requests are kept until the call commits (the first response headers or message, or a status
 * that ends it), a retryable status before that starts a new attempt after a backoff in virtual
 * time with jitter from the simulation's seed, and the listener hears one call: the committed
 * attempt's answers, or the last attempt's status once {@code maxAttempts} are spent. The call's
 * deadline spans every attempt and its backoffs.
 */
final class RetryingCall<Q, R> extends ClientCall<Q, R> {
  /** The header grpc-java sends on a retry: how many attempts came before. */
  static final Metadata.Key<String> PREVIOUS_ATTEMPTS =
      Metadata.Key.of("grpc-previous-rpc-attempts", Metadata.ASCII_STRING_MARSHALLER);

  private final SimGrpcHub hub;
  private final String caller;
  private final RetryPolicy policy;
  private final Deadline deadline;
  private final Supplier<ClientCall<Q, R>> newAttempt;
  private final List<Q> sent = new ArrayList<>();
  private Listener<R> listener;
  private Metadata headers;
  private Context context;
  private ClientCall<Q, R> attempt;
  private NodeTimers.Entry backoff;
  private int attempts;
  private int requested;
  private boolean halfClosed;
  private boolean committed;
  private boolean done;

  RetryingCall(SimGrpcHub hub, String caller, RetryPolicy policy, Deadline deadline,
      Supplier<ClientCall<Q, R>> newAttempt) {
    this.hub = hub;
    this.caller = caller;
    this.policy = policy;
    this.deadline = deadline;
    this.newAttempt = newAttempt;
  }

  @Override
  public void start(Listener<R> responseListener, Metadata startHeaders) {
    if (listener != null) {
      throw new IllegalStateException("call already started");
    }
    listener = responseListener;
    headers = startHeaders;
    context = Context.current();
    startAttempt();
  }

  /** A new attempt, replaying what the caller did so far. */
  private void startAttempt() {
    backoff = null;
    attempts++;
    Metadata attemptHeaders = new Metadata();
    attemptHeaders.merge(headers);
    if (attempts > 1) {
      attemptHeaders.put(PREVIOUS_ATTEMPTS, Integer.toString(attempts - 1));
    }
    ClientCall<Q, R> current = newAttempt.get();
    attempt = current;
    current.start(new AttemptListener(current), attemptHeaders);
    if (requested > 0) {
      current.request(requested);
    }
    for (Q message : sent) {
      current.sendMessage(message);
    }
    if (halfClosed) {
      current.halfClose();
    }
  }

  @Override
  public void request(int count) {
    requested = (int) Math.min(Integer.MAX_VALUE, (long) requested + count);
    if (backoff == null && attempt != null) {
      attempt.request(count);
    }
  }

  @Override
  public void sendMessage(Q message) {
    if (!committed) {
      sent.add(message);
    }
    if (backoff == null && attempt != null) {
      attempt.sendMessage(message);
    }
  }

  @Override
  public void halfClose() {
    halfClosed = true;
    if (backoff == null && attempt != null) {
      attempt.halfClose();
    }
  }

  @Override
  public void cancel(String message, Throwable cause) {
    if (done || listener == null) {
      return;
    }
    if (backoff != null) { // between attempts: nothing is on the wire
      backoff.cancel();
      backoff = null;
      Status status = Status.CANCELLED.withDescription(message != null ? message
          : "call cancelled").withCause(cause);
      finish(status, new Metadata());
      return;
    }
    attempt.cancel(message, cause);
  }

  @Override
  public boolean isReady() {
    return !done && backoff == null && attempt != null && attempt.isReady();
  }

  private void commit() {
    committed = true;
    sent.clear();
  }

  private void finish(Status status, Metadata trailers) {
    done = true;
    listener.onClose(status, trailers);
  }

  /** Virtual nanoseconds left before the call's deadline (or its context's); -1 for none. */
  private long remainingNanos() {
    Context previous = context.attach();
    try {
      return Deadlines.remainingNanos(deadline, SimTicker.INSTANCE);
    } finally {
      context.detach(previous);
    }
  }

  /** Whether a failed attempt's {@code status} starts another attempt. */
  private boolean retries(Status status, long left) {
    return !committed && !done && attempts < policy.maxAttempts()
        && policy.retryableStatusCodes().contains(status.getCode())
        && !context.isCancelled() && left != 0;
  }

  /** Hears one attempt; what a superseded attempt says is dropped. */
  private final class AttemptListener extends Listener<R> {
    private final ClientCall<Q, R> mine;

    AttemptListener(ClientCall<Q, R> mine) {
      this.mine = mine;
    }

    @Override
    public void onHeaders(Metadata received) {
      if (mine == attempt && !done) {
        commit();
        listener.onHeaders(received);
      }
    }

    @Override
    public void onMessage(R message) {
      if (mine == attempt && !done) {
        commit();
        listener.onMessage(message);
      }
    }

    @Override
    public void onReady() {
      if (mine == attempt && !done) {
        listener.onReady();
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (mine != attempt || done) {
        return;
      }
      NodeTransport transport = hub.transport(caller);
      long left = remainingNanos();
      if (!retries(status, left) || transport == null) {
        finish(status, trailers);
        return;
      }
      double jitter = hub.retryJitter().nextDouble();
      long wait = (long) (jitter * policy.backoffCeilingNanos(attempts));
      if (left > 0) {
        wait = Math.min(wait, left); // then the next attempt ends DEADLINE_EXCEEDED at once
      }
      hub.trace("grpc retry " + caller + " attempt " + (attempts + 1) + " after "
          + status.getCode() + " in " + wait + " ns");
      backoff = transport.timers().after(wait, () -> context.run(RetryingCall.this::startAttempt));
    }
  }
}
