package io.steelmill.grpc.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.runtime.internal.NodeContext;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** gRPC calls between simulated nodes, under the simulated network's faults. */
class SimGrpcTest {
  /** One simulated cluster: the network, the transport, a server "s" and a client "c". */
  static final class World {
    final Simulation sim = Simulation.current();
    final SimNetwork network = new SimNetwork();
    final SimGrpcHub hub;
    final SimGrpcChannels channels;
    final SimGrpcServers servers;
    final List<String> cancelled = new ArrayList<>();
    Channel channel;

    World() throws Exception {
      this(GrpcConfig.loopback());
    }

    /** A world whose transport has the timings of {@code config}. */
    World(GrpcConfig config) throws Exception {
      this(network -> new SimGrpcHub(network, config));
    }

    /** A world whose transport {@code hubs} makes on its network. */
    World(java.util.function.Function<SimNetwork, SimGrpcHub> hubs) throws Exception {
      hub = hubs.apply(network);
      channels = new SimGrpcChannels(hub);
      servers = new SimGrpcServers(hub);
      serve("s");
      channel = as("c", () -> channels.channel("s"));
    }

    GrpcServers.Registration serve(String node) throws Exception {
      return as(node, () -> servers.register(Echo.service(this::sleep, cancelled::add)));
    }

    void sleep(long millis) {
      try {
        sim.sleep(Duration.ofMillis(millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Starts, on client node c, a call that waits until cancelled, noting the status it saw. */
    void startWaitingCall() {
      sim.spawn(NodeId.of("c"), "waiter", () -> {
        try {
          ClientCalls.blockingUnaryCall(channel, Echo.WAIT, CallOptions.DEFAULT, "w");
        } catch (StatusRuntimeException e) {
          cancelled.add("client saw " + e.getStatus().getCode());
        }
      });
    }

    String say(String text, Duration deadline) throws Exception {
      return as("c", () -> ClientCalls.blockingUnaryCall(channel, Echo.SAY,
          CallOptions.DEFAULT.withDeadline(channels.deadlineAfter(deadline)), text));
    }

    Status.Code sayWait() throws Exception {
      try {
        as("c", () -> ClientCalls.blockingUnaryCall(channel, Echo.WAIT, CallOptions.DEFAULT, "w"));
        return Status.Code.OK;
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode();
      }
    }

    Status.Code sayFails(Duration deadline) throws Exception {
      try {
        say("x", deadline);
        return Status.Code.OK;
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode();
      }
    }
  }

  /** Runs {@code body} as code of {@code node}, the way a daemon's method runs. */
  static <T> T as(String node, Callable<T> body) throws Exception {
    String previous = NodeContext.enter(node);
    try {
      return body.call();
    } finally {
      NodeContext.restore(previous);
    }
  }

  static SimResult run(long seed, Simulation.Body body) {
    SimResult result = Simulation.builder().seed(seed).build().run(body);
    assertThat(result.failure()).as("seed %d: %s", seed, result.report()).isNull();
    return result;
  }

  @Test
  void unaryCallsTakeVirtualTimeAndNameTheCaller() {
    run(1, () -> {
      World world = new World();
      long before = world.sim.nanoTime();
      assertThat(world.say("hello", Duration.ofSeconds(1))).isEqualTo("c: hello");
      assertThat(world.sim.nanoTime()).isGreaterThan(before);
    });
  }

  @Test
  void aCallAcrossAPartitionEndsAtItsDeadlineInVirtualTime() {
    run(2, () -> {
      World world = new World();
      world.say("warm", Duration.ofSeconds(1));
      world.network.partition(Set.of("c"), Set.of("s"));
      long before = world.sim.nanoTime();
      assertThat(world.sayFails(Duration.ofMillis(500))).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofMillis(500).toNanos());
      world.network.heal();
      assertThat(world.say("again", Duration.ofSeconds(1))).isEqualTo("c: again");
    });
  }

  @Test
  void aCallWithoutDeadlineAcrossAPartitionEndsUnavailableByKeepalive() {
    run(3, () -> {
      World world = new World();
      world.say("warm", Duration.ofSeconds(1));
      world.network.partition(Set.of("c"), Set.of("s"));
      long before = world.sim.nanoTime();
      StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              world.channel, Echo.SAY, CallOptions.DEFAULT, "lost")));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("keepalive");
      long waited = world.sim.nanoTime() - before;
      assertThat(waited).isBetween(Duration.ofSeconds(15).toNanos(),
          Duration.ofSeconds(16).toNanos());
    });
  }

  @Test
  void aNodeThatNeverAnswersIsUnavailableAfterTheConnectTimeout() {
    run(4, () -> {
      World world = new World();
      world.network.isolate("s");
      Channel channel = as("c", () -> world.channels.channel("s"));
      StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              channel, Echo.SAY, CallOptions.DEFAULT, "x")));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("cannot connect to s");
    });
  }

  @Test
  void aCrashedServerFailsCallsAndServesAgainAfterRestart() {
    run(5, () -> {
      World world = new World();
      world.say("before", Duration.ofSeconds(1));
      world.sim.crash("s");
      assertThat(world.sayFails(Duration.ofMillis(300))).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      world.serve("s"); // the restarted node's daemon registers its service again
      List<Status.Code> failures = new ArrayList<>();
      String answer = null;
      for (int attempt = 0; attempt < 5 && answer == null; attempt++) {
        try {
          answer = world.say("after", Duration.ofSeconds(1));
        } catch (StatusRuntimeException e) {
          failures.add(e.getStatus().getCode()); // the old connection is reset, as over TCP
        }
      }
      assertThat(answer).isEqualTo("c: after");
      assertThat(failures).containsOnly(Status.Code.UNAVAILABLE).hasSizeLessThanOrEqualTo(1);
    });
  }

  @Test
  void aNodeServingNothingRefusesAndAnUnknownMethodIsUnimplemented() {
    run(6, () -> {
      World world = new World();
      Channel nobody = as("c", () -> world.channels.channel("c2"));
      as("c2", () -> world.channels.channel("s")); // c2 has a transport but serves nothing
      StatusRuntimeException refused = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              nobody, Echo.SAY, CallOptions.DEFAULT, "x")));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      var unknown = io.grpc.MethodDescriptor.<String, String>newBuilder()
          .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Nope").setRequestMarshaller(Echo.UTF8)
          .setResponseMarshaller(Echo.UTF8).build();
      StatusRuntimeException missing = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              world.channel, unknown, CallOptions.DEFAULT, "x")));
      assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    });
  }

  @Test
  void dropsDuplicatesAndDelaysCostTimeButNeverOrderOrCount() {
    run(7, () -> {
      World world = new World();
      int[] opened = {0}; // calls that reached the application of node d
      as("d", () -> world.servers.register(io.grpc.ServerInterceptors.intercept(
          Echo.service(world::sleep, world.cancelled::add), new io.grpc.ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
                io.grpc.ServerCallHandler<Q, R> next) {
              opened[0]++;
              return next.startCall(call, headers);
            }
          })));
      Channel toD = as("c", () -> world.channels.channel("d"));
      world.network.allLinks().drop(0.3).duplicate(0.3)
          .delay(Duration.ofMillis(1), Duration.ofMillis(30));
      for (int i = 0; i < 30; i++) {
        String text = "m" + i;
        assertThat(as("c", () -> ClientCalls.blockingUnaryCall(toD, Echo.SAY, CallOptions.DEFAULT
            .withDeadline(world.channels.deadlineAfter(Duration.ofSeconds(30))), text)))
            .isEqualTo("c: " + text);
      }
      List<String> streamed = new ArrayList<>();
      as("c", () -> {
        Iterator<String> it = ClientCalls.blockingServerStreamingCall(toD, Echo.COUNT,
            CallOptions.DEFAULT.withDeadline(world.channels.deadlineAfter(Duration.ofMinutes(1))),
            "50");
        it.forEachRemaining(streamed::add);
        return null;
      });
      assertThat(streamed).hasSize(50).first().isEqualTo("1");
      assertThat(streamed).last().isEqualTo("50");
      for (int i = 0; i < 50; i++) {
        assertThat(streamed.get(i)).isEqualTo(Integer.toString(i + 1));
      }
      assertThat(opened[0]).as("a duplicated frame never opens a call twice").isEqualTo(31);
    });
  }

  @Test
  void clientStreamingSumsAndServerStreamingIsCutByAPartition() {
    run(8, () -> {
      World world = new World();
      CompletableFuture<String> sum = new CompletableFuture<>();
      as("c", () -> {
        StreamObserver<String> requests = ClientCalls.asyncClientStreamingCall(
            world.channel.newCall(Echo.SUM, CallOptions.DEFAULT), observer(sum));
        for (int i = 1; i <= 10; i++) {
          requests.onNext(Integer.toString(i));
        }
        requests.onCompleted();
        return null;
      });
      assertThat(sum.get()).isEqualTo("55");

      List<String> streamed = new ArrayList<>();
      StatusRuntimeException cut = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> {
            Iterator<String> it = ClientCalls.blockingServerStreamingCall(world.channel,
                Echo.COUNT, CallOptions.DEFAULT.withDeadline(
                    world.channels.deadlineAfter(Duration.ofSeconds(2))), "1000");
            while (it.hasNext()) {
              streamed.add(it.next());
              if (streamed.size() == 5) {
                world.network.partition(Set.of("c"), Set.of("s"));
              }
            }
            return null;
          }));
      assertThat(cut.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(streamed).hasSizeBetween(5, 10);
      world.sleep(100);
      assertThat(world.cancelled).anyMatch(s -> s.startsWith("Count ")); // the server stopped
    });
  }

  @Test
  void deadlinesReachTheServerAndContextDeadlinesRunInVirtualTime() {
    run(9, () -> {
      World world = new World();
      long before = world.sim.nanoTime();
      Context.CancellableContext context = Context.current().withDeadline(
          world.channels.deadlineAfter(Duration.ofMillis(700)), world.channels.scheduler());
      Status.Code code = context.call(() -> world.sayWait());
      assertThat(code).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofMillis(700).toNanos());
      world.sleep(10);
      assertThat(world.cancelled).containsExactly("Wait started true", "Wait true"); // the server's context had the deadline
      // gRPC's own withDeadlineAfter (the system ticker): rounded up to whole virtual ms
      before = world.sim.nanoTime();
      Status.Code plain = as("c", () -> {
        try {
          ClientCalls.blockingUnaryCall(world.channel, Echo.WAIT,
              CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS), "x");
          return Status.Code.OK;
        } catch (StatusRuntimeException e) {
          return e.getStatus().getCode();
        }
      });
      assertThat(plain).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofMillis(300).toNanos());
    });
  }

  /**
   * gRPC's own system ticker reads virtual time on a simulated task (the simulation agent sends
   * its {@code System.nanoTime()} to the simulation's clock): {@code withDeadlineAfter} and
   * {@code Context.withDeadlineAfter} end calls at the exact virtual instant, and replay.
   */
  @Test
  void grpcsOwnTickerDeadlinesAreExactInVirtualTime() {
    Simulation.Body body = () -> {
      World world = new World();
      world.say("warm", Duration.ofSeconds(1));
      long before = world.sim.nanoTime();
      Status.Code code = as("c", () -> {
        try {
          ClientCalls.blockingUnaryCall(world.channel, Echo.WAIT,
              CallOptions.DEFAULT.withDeadlineAfter(1500, TimeUnit.MICROSECONDS), "x");
          return Status.Code.OK;
        } catch (StatusRuntimeException e) {
          return e.getStatus().getCode();
        }
      });
      assertThat(code).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(1_500_000L);
      before = world.sim.nanoTime();
      Context.CancellableContext context = Context.current().withDeadlineAfter(700,
          TimeUnit.MILLISECONDS, world.channels.scheduler());
      assertThat(context.call(() -> world.sayWait())).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(world.sim.nanoTime() - before).isEqualTo(Duration.ofMillis(700).toNanos());
    };
    assertThat(run(13, body).traceSha256()).isEqualTo(run(13, body).traceSha256());
  }

  @Test
  void aPausedServerAnswersLateAndAClosedRegistrationServesNoMore() {
    run(10, () -> {
      World world = new World();
      world.say("warm", Duration.ofSeconds(1));
      world.sim.pause("s", Duration.ofSeconds(1));
      assertThat(world.sayFails(Duration.ofMillis(300))).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      world.sleep(1000);
      assertThat(world.say("awake", Duration.ofSeconds(1))).isEqualTo("c: awake");
      GrpcServers.Registration second = world.serve("s2");
      second.close();
      second.close();
      Channel toS2 = as("c", () -> world.channels.channel("s2"));
      StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              toS2, Echo.SAY, CallOptions.DEFAULT, "x")));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    });
  }

  @Test
  void interceptorsAndHeadersCrossTheTransportAndAThrowingHandlerEndsUnknown() {
    run(11, () -> {
      World world = new World();
      io.grpc.Metadata.Key<String> token =
          io.grpc.Metadata.Key.of("x-token", io.grpc.Metadata.ASCII_STRING_MARSHALLER);
      var say = io.grpc.MethodDescriptor.<String, String>newBuilder()
          .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Guarded/Say").setRequestMarshaller(Echo.UTF8)
          .setResponseMarshaller(Echo.UTF8).build();
      io.grpc.ServerServiceDefinition guarded = io.grpc.ServerInterceptors.intercept(
          io.grpc.ServerServiceDefinition.builder("test.Guarded")
              .addMethod(say, io.grpc.stub.ServerCalls.asyncUnaryCall((request, out) -> {
                if (request.equals("boom")) {
                  throw new IllegalStateException("boom");
                }
                out.onNext("ok " + request);
                out.onCompleted();
              })).build(),
          new io.grpc.ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                io.grpc.ServerCall<Q, R> call, io.grpc.Metadata headers,
                io.grpc.ServerCallHandler<Q, R> next) {
              if (!"secret".equals(headers.get(token))) {
                call.close(Status.PERMISSION_DENIED.withDescription("no token"),
                    new io.grpc.Metadata());
                return new io.grpc.ServerCall.Listener<>() {};
              }
              return next.startCall(call, headers);
            }
          });
      as("s", () -> world.servers.register(guarded));
      io.grpc.Metadata headers = new io.grpc.Metadata();
      headers.put(token, "secret");
      Channel withToken = io.grpc.ClientInterceptors.intercept(world.channel,
          io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
      assertThat(as("c", () -> ClientCalls.blockingUnaryCall(withToken, say, CallOptions.DEFAULT,
          "x"))).isEqualTo("ok x");
      StatusRuntimeException denied = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              world.channel, say, CallOptions.DEFAULT, "x")));
      assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      StatusRuntimeException boom = org.junit.jupiter.api.Assertions.assertThrows(
          StatusRuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(
              withToken, say, CallOptions.DEFAULT, "boom")));
      assertThat(boom.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    });
  }

  @Test
  void aCrashedClientsCallIsCancelledOnTheServerByKeepalive() {
    run(12, () -> {
      World world = new World();
      world.startWaitingCall();
      world.sleep(100);
      assertThat(world.cancelled).containsExactly("Wait started false");
      world.sim.crash("c");
      world.sleep(14_000);
      assertThat(world.cancelled).doesNotContain("Wait false"); // keepalive has not given up
      world.sleep(2_000);
      assertThat(world.cancelled).contains("Wait false"); // 10 s + 5 s of silence: cancelled
    });
  }

  @Test
  void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
    String first = GrpcWorkload.run(42).traceSha256();
    assertThat(GrpcWorkload.run(42).traceSha256()).isEqualTo(first);
    assertThat(GrpcWorkload.run(43).traceSha256()).isNotEqualTo(first);
  }

  @Test
  void twoFreshJvmsGiveTheSameTraceAsThisOne() throws Exception {
    String here = GrpcWorkload.run(42).traceSha256();
    for (int jvm = 1; jvm <= 2; jvm++) {
      assertThat(freshJvmHash(42)).as("fresh JVM %d", jvm).isEqualTo(here);
    }
  }

  /** Runs the workload for {@code seed} in a new JVM and returns the trace hash it printed. */
  private static String freshJvmHash(long seed) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process process = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), GrpcWorkload.class.getName(),
        Long.toString(seed)).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    String[] lines = output.split("\\R");
    return lines[lines.length - 1];
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
