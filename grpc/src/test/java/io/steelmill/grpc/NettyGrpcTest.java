package io.steelmill.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.steelmill.runtime.internal.NodeContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real gRPC over loopback TCP with mutual TLS: what the production build binds. */
class NettyGrpcTest {
  private final GrpcConfig config = GrpcConfig.loopback();
  private final NettyGrpcServers servers = new NettyGrpcServers(config);
  private final NettyGrpcChannels channels = new NettyGrpcChannels(config);
  private final List<String> cancelled = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    channels.stop();
    servers.stop();
  }

  static <T> T as(String node, Callable<T> body) throws Exception {
    String previous = NodeContext.enter(node);
    try {
      return body.call();
    } finally {
      NodeContext.restore(previous);
    }
  }

  private GrpcServers.Registration serve(String node) throws Exception {
    return as(node, () -> servers.register(Echo.service(ms -> {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, cancelled::add)));
  }

  private static CallOptions within(Duration timeout) {
    return CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void unaryStreamingCallsOverMutualTlsNameTheCaller() throws Exception {
    serve("s");
    Channel channel = as("c", () -> channels.channel("s"));
    assertThat(ClientCalls.blockingUnaryCall(channel, Echo.SAY, within(Duration.ofSeconds(10)),
        "hi")).isEqualTo("c: hi");
    Iterator<String> counted = ClientCalls.blockingServerStreamingCall(channel, Echo.COUNT,
        within(Duration.ofSeconds(10)), "5");
    List<String> all = new ArrayList<>();
    counted.forEachRemaining(all::add);
    assertThat(all).containsExactly("1", "2", "3", "4", "5");
    CompletableFuture<String> sum = new CompletableFuture<>();
    StreamObserver<String> requests = ClientCalls.asyncClientStreamingCall(
        channel.newCall(Echo.SUM, within(Duration.ofSeconds(10))), observer(sum));
    for (int i = 1; i <= 4; i++) {
      requests.onNext(Integer.toString(i));
    }
    requests.onCompleted();
    assertThat(sum.get(10, TimeUnit.SECONDS)).isEqualTo("10");
  }

  @Test
  void deadlinesEndCallsAndReachTheServer() throws Exception {
    serve("s");
    Channel channel = as("c", () -> channels.channel("s"));
    // connected first: the TLS handshake of a first call may take longer than the deadline
    ClientCalls.blockingUnaryCall(channel, Echo.SAY, within(Duration.ofSeconds(10)), "warm");
    // On a loaded machine a short deadline can pass before the call reaches the server: the
    // deadline grows until one call is seen there (what is checked is what happens then).
    for (long ms = 200; ms <= 12_800 && !cancelled.contains("Wait started true"); ms *= 2) {
      Duration deadline = Duration.ofMillis(ms);
      assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, Echo.WAIT,
          CallOptions.DEFAULT.withDeadline(channels.deadlineAfter(deadline)), "w"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cancelled.size() % 2 != 0 || cancelled.isEmpty()) {
      assertThat(System.nanoTime()).as("the server's context was cancelled").isLessThan(end);
      Thread.sleep(5);
    }
    // every call the server saw carried the deadline and was cancelled when it passed
    long started = cancelled.stream().filter("Wait started true"::equals).count();
    assertThat(cancelled.get(0)).isEqualTo("Wait started true");
    assertThat(cancelled).containsOnly("Wait started true", "Wait true")
        .filteredOn("Wait true"::equals).hasSize((int) started);
  }

  @Test
  void aStoppedServerIsUnavailableAndARestartedOneServesAgain() throws Exception {
    GrpcServers.Registration registration = serve("s");
    Channel channel = as("c", () -> channels.channel("s"));
    assertThat(ClientCalls.blockingUnaryCall(channel, Echo.SAY, within(Duration.ofSeconds(10)),
        "1")).isEqualTo("c: 1");
    registration.close();
    registration.close();
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, Echo.SAY,
        within(Duration.ofSeconds(10)), "2"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    serve("s"); // on the same port: a restarted node keeps its address
    assertThat(ClientCalls.blockingUnaryCall(channel, Echo.SAY,
        within(Duration.ofSeconds(10)).withWaitForReady(), "3")).isEqualTo("c: 3");
  }

  @Test
  void aNodeOfAnotherClusterCannotCallAndANodeWithAnotherNameIsRefused() throws Exception {
    serve("s");
    InetSocketAddress address = config.addressOf("s");
    GrpcConfig stranger = GrpcConfig.of(InetAddress.getLoopbackAddress(), Map.of("s", address),
        ClusterCertificates.generate());
    NettyGrpcChannels strangers = new NettyGrpcChannels(stranger);
    try {
      Channel intruder = as("c", () -> strangers.channel("s"));
      assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(intruder, Echo.SAY,
          within(Duration.ofSeconds(10)), "x"))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      strangers.stop();
    }
    config.register("impostor", address); // "impostor" resolves to s: its certificate says s
    Channel wrong = as("c", () -> channels.channel("impostor"));
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(wrong, Echo.SAY,
        within(Duration.ofSeconds(10)), "x"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void misuseIsAClearError() throws Exception {
    assertThatThrownBy(() -> channels.channel("s")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside any node's code");
    assertThatThrownBy(() -> servers.register(Echo.service(ms -> { }, s -> { })))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside any node's code");
    serve("s");
    assertThatThrownBy(() -> serve("s")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already serves test.Echo");
    Channel nowhere = as("c", () -> channels.channel("unknown"));
    assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(nowhere, Echo.SAY,
        within(Duration.ofSeconds(10)), "x"))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.getStatus().getDescription()).contains("no gRPC address");
        });
    assertThatThrownBy(() -> as("c", () -> channels.channel("")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static StreamObserver<String> observer(CompletableFuture<String> result) {
    return new StreamObserver<>() {
      @Override
      public void onNext(String value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
