package io.steelmill.grpc.sim;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.steelmill.grpc.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A call as grpc-java's retrying stream runs it (every call of a channel with retries enabled,
 * grpc-java's default): the requests are kept until the call commits (the first response headers
 * or message, a status that ends it, or more than {@link #BUFFER_LIMIT_BYTES} sent), and a failed
 * attempt is followed by another by these rules, on the attempt's {@link Progress}:
 *
 * <ul>
 *   <li>transparently (not counted, no backoff, the same {@code grpc-previous-rpc-attempts}): an
 *       attempt that reached no server application, {@code MISCARRIED} (up to {@link
 *       #MAX_LOCAL_RETRIES} times, then {@code INTERNAL}) or {@code REFUSED} (once per call, and
 *       only before any attempt was processed); a {@code waitForReady} attempt that was never
 *       sent waits out the channel's reconnect backoff and goes again;
 *   <li>by the service config's {@link RetryPolicy}, if any, as {@link RetryDecision} decides:
 *       a retryable status or the server's pushback, after a wait in virtual time (backoff with
 *       jitter from the simulation's seed), up to {@code maxAttempts}, unless the channel's
 *       {@link RetryBucket} throttles it.
 * </ul>
 *
 * <p>The listener hears one call; the call's deadline spans every attempt and every wait.
 */
final class RetryingCall<Q, R> extends ClientCall<Q, R> {
  /** The header grpc-java sends on a retry: how many attempts came before. */
  static final Metadata.Key<String> PREVIOUS_ATTEMPTS =
      Metadata.Key.of("grpc-previous-rpc-attempts", Metadata.ASCII_STRING_MARSHALLER);
  /** grpc-java's bound on transparent retries of miscarried attempts. */
  static final int MAX_LOCAL_RETRIES = 1000;
  /** grpc-java's default per-call retry buffer: past it the call commits to its attempt. */
  static final long BUFFER_LIMIT_BYTES = 1 << 20;
  /** How long a call without a deadline waits for an address: past any simulation's end. */
  private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

  private final SimGrpcHub hub;
  private final String caller;
  private final String target;
  private final RetryDecision decision;
  private final Deadline deadline;
  private final boolean waitForReady;
  private final Executor callExecutor;
  private final Supplier<SimClientCall<Q, R>> newAttempt;
  private final List<Q> sent = new ArrayList<>();
  private Listener<R> listener;
  private Metadata headers;
  private Context context;
  private SimClientCall<Q, R> attempt;
  /** The transport whose channel this call keeps out of idle mode, or null. */
  private NodeTransport inUseOn;
  private NodeTimers.Entry backoff;
  private int attempts;
  private int localRetries;
  private int requested;
  private long bufferedBytes;
  private boolean halfClosed;
  private boolean committed;
  private boolean noMoreTransparentRetry;
  private boolean done;

  /** A call from {@code caller} to {@code target}; {@code policy} may be null (none). */
  RetryingCall(SimGrpcHub hub, String caller, String target, RetryPolicy policy,
      CallOptions options, Supplier<SimClientCall<Q, R>> newAttempt) {
    this.hub = hub;
    this.caller = caller;
    this.target = target;
    this.decision = new RetryDecision(policy);
    this.deadline = options.getDeadline();
    this.waitForReady = options.isWaitForReady();
    this.callExecutor = options.getExecutor();
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
    inUseOn = hub.transport(caller);
    if (inUseOn != null) {
      inUseOn.idleChannels().callStarted(target);
    }
    context.addListener(contextEnded, Runnable::run);
    startAttempt(false);
  }

  /** A new attempt, replaying what the caller did so far; a transparent one is not counted. */
  private void startAttempt(boolean transparent) {
    backoff = null;
    if (!transparent) {
      attempts++;
    }
    Metadata attemptHeaders = new Metadata();
    attemptHeaders.merge(headers);
    if (attempts > 1) {
      attemptHeaders.put(PREVIOUS_ATTEMPTS, Integer.toString(attempts - 1));
    }
    SimClientCall<Q, R> current = newAttempt.get();
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
      bufferedBytes += attempt.lastMessageBytes();
      if (!committed && bufferedBytes > BUFFER_LIMIT_BYTES) {
        commit(); // too much to keep for another attempt, as grpc-java's retry buffer
      }
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
      finishFromOutside(Status.CANCELLED.withDescription(message != null ? message
          : "call cancelled").withCause(cause));
      return;
    }
    commit(); // a cancelled call is never retried
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

  /**
   * The call's context ended while the call waits between attempts (for a backoff, a reconnect
   * or an address): it ends now, as grpc-java's; an attempt under way ends by itself.
   */
  private final Context.CancellationListener contextEnded = ended -> {
    if (!done && backoff != null && backoff.cancel()) {
      backoff = null;
      finishFromOutside(Deadlines.ofEndedContext(ended));
    }
  };

  private void finish(Status status, Metadata trailers) {
    end();
    listener.onClose(status, trailers);
  }

  /**
   * Ends the call from outside its attempts' callbacks (a cancel or its context between
   * attempts): the listener hears it on the call's executor, where a blocking stub's thread waits.
   */
  private void finishFromOutside(Status status) {
    end();
    Executor executor = callExecutor != null ? callExecutor : Runnable::run;
    executor.execute(() -> listener.onClose(status, new Metadata()));
  }

  private void end() {
    done = true;
    context.removeListener(contextEnded);
    if (inUseOn != null) {
      inUseOn.idleChannels().callEnded(target);
    }
  }

  /** Starts the next attempt after {@code waitNanos}, or at the deadline if that is sooner. */
  private void next(NodeTransport transport, long waitNanos, long left, boolean transparent,
      String why) {
    long wait = left > 0 ? Math.min(waitNanos, left) : waitNanos;
    hub.trace("grpc " + why + " " + caller + "->" + target + " attempt " + (attempts
        + (transparent ? 0 : 1)) + " in " + wait + " ns");
    backoff = transport.timers().after(wait, () -> context.run(() -> startAttempt(transparent)));
  }

  /**
   * A {@code waitForReady} call to a node with no known address: the next attempt starts when
   * the node first serves, or at the call's deadline (where it ends {@code DEADLINE_EXCEEDED}).
   */
  private void awaitAddress(NodeTransport transport, long left) {
    hub.trace("grpc wait for the address of " + target + " " + caller + "->" + target);
    NodeTimers.Entry wait = transport.timers().after(left > 0 ? left : FOREVER_NANOS,
        () -> context.run(() -> startAttempt(true)));
    backoff = wait;
    hub.whenAddressKnown(target, () -> {
      // a caller that crashed meanwhile is gone with its call
      if (backoff == wait && hub.transport(caller) == transport && wait.cancel()) {
        next(transport, 0, -1, true, "address known");
      }
    });
  }

  /** What follows a failed attempt: another (transparent or by the policy), or the end. */
  private void attemptFailed(SimClientCall<Q, R> failed, Status status, Metadata trailers) {
    NodeTransport transport = hub.transport(caller);
    long left = Deadlines.remainingNanos(context, deadline);
    if (status.isOk() || committed || transport == null || context.isCancelled() || left == 0) {
      finish(status, trailers);
      return;
    }
    Progress progress = failed.progress();
    if (progress == Progress.MISCARRIED) {
      if (++localRetries > MAX_LOCAL_RETRIES) {
        finish(Status.INTERNAL.withDescription("too many transparent retries")
            .withCause(status.asRuntimeException()), trailers);
      } else {
        next(transport, 0, left, true, "transparent retry (miscarried)");
      }
      return;
    }
    if (progress == Progress.REFUSED && !noMoreTransparentRetry) {
      noMoreTransparentRetry = true;
      next(transport, 0, left, true, "transparent retry (refused)");
      return;
    }
    if (progress == Progress.UNRESOLVED && waitForReady) {
      awaitAddress(transport, left);
      return;
    }
    if (progress == Progress.UNSENT && waitForReady) {
      next(transport, transport.reconnects().delayNanos(target), left, true, "wait for ready");
      return;
    }
    noMoreTransparentRetry = true;
    long wait = decision.after(status, trailers, attempts, transport.bucket(target),
        hub.random("grpc retry jitter"));
    if (wait != RetryDecision.NONE) {
      next(transport, wait, left, false, "retry after " + status.getCode());
      return;
    }
    finish(status, trailers);
  }

  /** Hears one attempt; what a superseded attempt says is dropped. */
  private final class AttemptListener extends Listener<R> {
    private final SimClientCall<Q, R> mine;

    AttemptListener(SimClientCall<Q, R> mine) {
      this.mine = mine;
    }

    @Override
    public void onHeaders(Metadata received) {
      if (mine == attempt && !done) {
        commit();
        NodeTransport transport = hub.transport(caller);
        RetryBucket bucket = transport == null ? null : transport.bucket(target);
        if (bucket != null) {
          bucket.succeeded(); // as grpc-java: a call answered with headers refills the throttle
        }
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
      if (mine == attempt && !done) {
        attemptFailed(mine, status, trailers);
      }
    }
  }
}
