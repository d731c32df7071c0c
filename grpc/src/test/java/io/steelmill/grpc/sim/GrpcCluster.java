package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.grpc.GrpcServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cluster of nodes serving {@link Echo}, over either transport: the same scenario runs against
 * real gRPC (Netty on loopback, real time) and the simulated transport (virtual time), and each
 * reports what a user sees (status codes, answers) and how many calls each server saw, so the
 * two can be compared. Scenarios only wait with {@link #sleep} and bounded calls.
 */
final class GrpcCluster {
  /** How a mode sleeps: on real or virtual time. */
  interface Sleeper {
    void sleep(Duration duration) throws Exception;
  }

  private final GrpcServers servers;
  private final GrpcChannels channels;
  private final Sleeper sleeper;
  private final java.util.function.BiConsumer<String, Runnable> starter;
  private final Map<String, GrpcServers.Registration> served = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final Map<String, Queue<Failure>> failing = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> connections = new ConcurrentHashMap<>();
  /** The {@code grpc-previous-rpc-attempts} header of each call that reached a server. */
  final java.util.List<String> previousAttempts =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * A cluster over {@code servers} and {@code channels} of one mode, whose scenario sleeps with
   * {@code sleeper} and runs a node's concurrent code with {@code starter}.
   */
  GrpcCluster(GrpcServers servers, GrpcChannels channels, Sleeper sleeper,
      java.util.function.BiConsumer<String, Runnable> starter) {
    this.servers = servers;
    this.channels = channels;
    this.sleeper = sleeper;
    this.starter = starter;
  }

  GrpcServers servers() {
    return servers;
  }

  GrpcChannels channels() {
    return channels;
  }

  /** Sleeps on the mode's clock (real or virtual). */
  void sleep(Duration duration) throws Exception {
    sleeper.sleep(duration);
  }

  /** Starts {@code body} as code of {@code node}, concurrently with the scenario. */
  void start(String node, Runnable body) {
    starter.accept(node, body);
  }

  /** Waits (on the mode's clock, at most {@code bound}) until {@code done} holds. */
  void awaitUntil(java.util.function.BooleanSupplier done, Duration bound) throws Exception {
    Duration step = Duration.ofMillis(10);
    for (Duration waited = Duration.ZERO; !done.getAsBoolean(); waited = waited.plus(step)) {
      if (waited.compareTo(bound) > 0) {
        throw new AssertionError("not done within " + bound);
      }
      sleep(step);
    }
  }

  /** {@code node} serves Echo (again), counting the calls that reach it. */
  void serve(String node) throws Exception {
    serveFailingFirst(node, 0);
  }

  /** As {@link #serve}, but the first {@code failures} calls end UNAVAILABLE ("busy"). */
  void serveFailingFirst(String node, int failures) throws Exception {
    failNext(node, failures, Status.Code.UNAVAILABLE);
    AtomicInteger count = seen.computeIfAbsent(node, n -> new AtomicInteger());
    Queue<Failure> toFail = failures(node);
    ServerInterceptor counter = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call,
          Metadata headers, ServerCallHandler<Q, R> next) {
        count.incrementAndGet();
        connections.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(
            String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
        previousAttempts.add(String.valueOf(headers.get(RetryingCall.PREVIOUS_ATTEMPTS)));
        Failure failure = toFail.poll();
        if (failure != null) {
          Metadata trailers = new Metadata();
          for (String value : failure.pushback()) {
            trailers.put(RetryDecision.PUSHBACK, value);
          }
          call.close(Status.fromCode(failure.code()).withDescription("busy"), trailers);
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
    served.put(node, as(node, () -> servers().register(ServerInterceptors.intercept(
        Echo.service(this::sleepQuietly, what -> { }), counter))));
  }

  /**
   * The next {@code count} calls reaching {@code node} end with {@code code} (trailers-only, as
   * an overloaded server answers), each with these {@code grpc-retry-pushback-ms} values.
   */
  void failNext(String node, int count, Status.Code code, String... pushback) {
    for (int i = 0; i < count; i++) {
      failures(node).add(new Failure(code, List.of(pushback)));
    }
  }

  /** Forgets the failures {@code node} has still to give: it answers every call. */
  void answerAll(String node) {
    failures(node).clear();
  }

  private Queue<Failure> failures(String node) {
    return failing.computeIfAbsent(node, n -> new ConcurrentLinkedQueue<>());
  }

  /** How a call ends on a failing server. */
  private record Failure(Status.Code code, List<String> pushback) {}

  /** {@code node} stops serving (its daemon stopped): its server goes away. */
  void stopServing(String node) {
    served.remove(node).close();
  }

  /** Over how many connections (callers' addresses) calls reached {@code node} so far. */
  int connections(String node) {
    java.util.Set<String> seenFrom = connections.get(node);
    return seenFrom == null ? 0 : seenFrom.size();
  }

  /** How many calls reached {@code node}'s service so far. */
  int seen(String node) {
    AtomicInteger count = seen.get(node);
    return count == null ? 0 : count.get();
  }

  /** A unary call of {@code method} from {@code from} to {@code to}: its answer or status. */
  String call(String from, String to, io.grpc.MethodDescriptor<String, String> method,
      Duration deadline, boolean waitForReady) throws Exception {
    return as(from, () -> {
      Channel channel = channels().channel(to);
      CallOptions options = CallOptions.DEFAULT.withDeadline(channels().deadlineAfter(deadline));
      if (waitForReady) {
        options = options.withWaitForReady();
      }
      try {
        return ClientCalls.blockingUnaryCall(channel, method, options, "x");
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode().name();
      }
    });
  }

  /** Starts a call as {@link #call} does; the returned holder gets its outcome. */
  Pending callLater(String from, String to, io.grpc.MethodDescriptor<String, String> method,
      Duration deadline, boolean waitForReady) {
    Pending pending = new Pending();
    start(from, () -> {
      try {
        pending.outcome = call(from, to, method, deadline, waitForReady);
      } catch (Exception e) {
        pending.outcome = "threw " + e;
      }
    });
    return pending;
  }

  /** The outcome of a call started with {@link #callLater}. */
  static final class Pending {
    volatile String outcome;
  }

  private void sleepQuietly(long millis) {
    try {
      sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
