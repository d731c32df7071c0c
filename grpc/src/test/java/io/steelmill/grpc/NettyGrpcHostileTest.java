package io.steelmill.grpc;

import static io.steelmill.grpc.NettyGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile calls over real gRPC (Netty, mutual TLS, loopback): calls with no deadline to a server
 * that never answers, a handler that ignores its cancellation and interrupts, messages past the
 * size limit in both directions, a flood of calls. Bounds are generous timeouts on whether a call
 * ends at all, never timings.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NettyGrpcHostileTest {
  private static final long HUNG_SECONDS = 30;
  private final GrpcConfig config = GrpcConfig.loopback();
  private final NettyGrpcServers servers = new NettyGrpcServers(config);
  private final NettyGrpcChannels channels = new NettyGrpcChannels(config);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);

  static final MethodDescriptor<String, String> STUCK = method("Stuck");
  static final MethodDescriptor<String, String> BIG = method("Big");

  private static MethodDescriptor<String, String> method(String name) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Hostile", name))
        .setRequestMarshaller(Echo.UTF8).setResponseMarshaller(Echo.UTF8).build();
  }

  /** Stuck never answers and ignores interrupts until the test ends; Big answers n bytes. */
  private ServerServiceDefinition hostile() {
    return ServerServiceDefinition.builder("test.Hostile")
        .addMethod(STUCK, ServerCalls.asyncUnaryCall((request, out) -> {
          entered.countDown();
          while (release.getCount() > 0) {
            try {
              release.await();
            } catch (InterruptedException ignored) {
              // hostile: keeps waiting
            }
          }
        }))
        .addMethod(BIG, ServerCalls.asyncUnaryCall((request, out) -> {
          out.onNext("x".repeat(Integer.parseInt(request)));
          out.onCompleted();
        }))
        .build();
  }

  @AfterEach
  void stop() {
    release.countDown();
    channels.stop();
    servers.stop();
  }

  private CompletableFuture<Throwable> callInBackground(Channel channel, CallOptions options) {
    return CompletableFuture.supplyAsync(() -> catchThrowable(
        () -> ClientCalls.blockingUnaryCall(channel, STUCK, options, "x")), ON_THEIR_OWN);
  }

  /** A thread per task: the common pool has one worker on two cores, which a stuck call takes. */
  private static final java.util.concurrent.Executor ON_THEIR_OWN =
      task -> Thread.ofVirtual().start(task);

  private static Status.Code code(Throwable thrown) {
    assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    return ((StatusRuntimeException) thrown).getStatus().getCode();
  }

  @Test
  void aCallWithNoDeadlineToAStuckServerEndsWhenTheServerStops() throws Exception {
    GrpcServers.Registration registration = as("s", () -> servers.register(hostile()));
    Channel channel = as("c", () -> channels.channel("s"));
    CompletableFuture<Throwable> call = callInBackground(channel, CallOptions.DEFAULT);
    assertThat(entered.await(HUNG_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(registration::close, ON_THEIR_OWN);
    closing.get(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(code(call.get(HUNG_SECONDS, TimeUnit.SECONDS)))
        .isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
  }

  @Test
  void aCallWithNoDeadlineToAStuckServerEndsWhenTheCallersChannelsStop() throws Exception {
    as("s", () -> servers.register(hostile()));
    Channel channel = as("c", () -> channels.channel("s"));
    CompletableFuture<Throwable> call = callInBackground(channel, CallOptions.DEFAULT);
    assertThat(entered.await(HUNG_SECONDS, TimeUnit.SECONDS)).isTrue();
    channels.stop();
    assertThat(code(call.get(HUNG_SECONDS, TimeUnit.SECONDS))).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(code(catchThrowable(() -> ClientCalls.blockingUnaryCall(channel, STUCK,
        CallOptions.DEFAULT, "again")))).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aStuckHandlerDoesNotHoldUpAnotherNodesServerStarting() throws Exception {
    GrpcServers.Registration registration = as("s", () -> servers.register(hostile()));
    Channel channel = as("c", () -> channels.channel("s"));
    callInBackground(channel, CallOptions.DEFAULT);
    assertThat(entered.await(HUNG_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(registration::close, ON_THEIR_OWN);
    CompletableFuture<GrpcServers.Registration> other = CompletableFuture.supplyAsync(() -> {
      try {
        return as("t", () -> servers.register(Echo.service(ms -> { }, s -> { })));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, ON_THEIR_OWN);
    other.get(HUNG_SECONDS, TimeUnit.SECONDS);
    closing.get(HUNG_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void messagesPastTheSizeLimitAreResourceExhaustedBothWays() throws Exception {
    as("s", () -> servers.register(hostile()));
    Channel channel = as("c", () -> channels.channel("s"));
    CallOptions within = CallOptions.DEFAULT.withDeadlineAfter(HUNG_SECONDS, TimeUnit.SECONDS);
    assertThat(ClientCalls.blockingUnaryCall(channel, BIG, within, "1000")).hasSize(1000);
    int tooBig = 4 * 1024 * 1024 + 1;
    assertThat(code(catchThrowable(() -> ClientCalls.blockingUnaryCall(channel, BIG, within,
        Integer.toString(tooBig))))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(code(catchThrowable(() -> ClientCalls.blockingUnaryCall(channel, BIG, within,
        "1".repeat(tooBig))))).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(ClientCalls.blockingUnaryCall(channel, BIG, within, "10"))
        .as("the channel still serves").hasSize(10);
  }

  @Test
  void channelNamesThatAreNoNodeNamesAreRefusedInOneLine() throws Exception {
    for (String name : List.of("bob\n", "a/b", "..", "x\u0000", " ", "\u202Ebob", "b".repeat(300))) {
      Throwable thrown = catchThrowable(() -> as("c", () -> channels.channel(name)));
      assertThat(thrown).as(name).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(name).doesNotContain("\n");
    }
  }

  @Test
  void deadlinesTooLongToCountAreFarAwayAndANullOneIsRefused() {
    assertThat(channels.deadlineAfter(Duration.ofSeconds(Long.MAX_VALUE)).isExpired()).isFalse();
    assertThat(channels.deadlineAfter(Duration.ofDays(3_650_000)).isExpired()).isFalse();
    assertThat(channels.deadlineAfter(Duration.ofSeconds(Long.MIN_VALUE)).isExpired()).isTrue();
    assertThat(channels.deadlineAfter(Duration.ofMillis(-1)).isExpired()).isTrue();
    Throwable thrown = catchThrowable(() -> channels.deadlineAfter(null));
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n");
  }

  @Test
  void timingsAndNodeTablesThatAreNoneAreRefusedInOneLine() {
    Duration s = Duration.ofSeconds(10);
    List<Runnable> bad = List.of(
        () -> new GrpcConfig.GrpcTimings(s, null, s),
        () -> new GrpcConfig.GrpcTimings(null, s, s),
        () -> new GrpcConfig.GrpcTimings(s, s, null),
        () -> new GrpcConfig.GrpcTimings(Duration.ofSeconds(Long.MAX_VALUE), s, s),
        () -> new GrpcConfig.GrpcTimings(s, Duration.ofSeconds(Long.MAX_VALUE), s),
        () -> new GrpcConfig.GrpcTimings(s, s, Duration.ofDays(3_650_000)),
        () -> new GrpcConfig.GrpcTimings(Duration.ofNanos(-1), s, s),
        () -> GrpcConfig.of(java.net.InetAddress.getLoopbackAddress(),
            java.util.Collections.singletonMap("bob", null), ClusterCertificates.generate()),
        () -> GrpcConfig.of(java.net.InetAddress.getLoopbackAddress(),
            java.util.Map.of("a/b", new java.net.InetSocketAddress(7070)),
            ClusterCertificates.generate()),
        () -> GrpcConfig.of(java.net.InetAddress.getLoopbackAddress(),
            java.util.Map.of("bob\n", new java.net.InetSocketAddress(7070)),
            ClusterCertificates.generate()));
    for (Runnable config : bad) {
      Throwable thrown = catchThrowable(config::run);
      assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).doesNotContain("\n");
    }
  }
}
