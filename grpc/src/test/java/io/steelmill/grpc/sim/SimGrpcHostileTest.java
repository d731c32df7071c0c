package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.steelmill.grpc.Echo;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile calls over the simulated transport: each ends in the status a gRPC user expects, within
 * a bound of virtual time (never a hang), and the same seed gives the same trace twice.
 */
class SimGrpcHostileTest {
  /** Runs {@code body} under {@code seed} twice: both pass and leave the same trace. */
  private static void twice(long seed, Simulation.Body body) {
    SimResult first = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(first.failure()).as("seed %d: %s", seed, first.report()).isNull();
    SimResult second = Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(5))
        .build().run(body);
    assertThat(second.traceSha256()).as("seed %d replayed", seed)
        .isEqualTo(first.traceSha256());
  }

  private static Status.Code code(ThrowingCall call) throws Exception {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aDeadlineShorterThanOneHopEndsDeadlineExceededAtTheDeadline() {
    twice(101, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.say("warm", Duration.ofSeconds(1));
      for (Duration tiny : List.of(Duration.ofNanos(1), Duration.ofMillis(1))) {
        long before = world.sim.nanoTime();
        assertThat(world.sayFails(tiny)).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(world.sim.nanoTime() - before).isLessThanOrEqualTo(
            Duration.ofMillis(1).toNanos());
      }
      assertThat(world.say("after", Duration.ofSeconds(1))).isEqualTo("c: after");
    });
  }

  @Test
  void channelNamesThatAreNoNodeNamesAreRefusedAsInProduction() {
    twice(107, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      for (String name : List.of("bob\n", "a/b", "..", "x\u0000", " ", "\u202Ebob",
          "b".repeat(300))) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
            () -> as("c", () -> world.channels.channel(name)));
        assertThat(thrown).as(name).isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown.getMessage()).as(name).startsWith("not a safe node name")
            .doesNotContain("\n");
      }
    });
  }

  @Test
  void aCallToANodeThatNeverStartedIsUnavailableWithinTheConnectTimeout() {
    twice(102, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      Channel nowhere = as("c", () -> world.channels.channel("never-started"));
      long before = world.sim.nanoTime();
      assertThat(code(() -> as("c", () -> ClientCalls.blockingUnaryCall(nowhere, Echo.SAY,
          CallOptions.DEFAULT, "x")))).isIn(Status.Code.UNAVAILABLE);
      assertThat(world.sim.nanoTime() - before).isLessThanOrEqualTo(
          Duration.ofSeconds(3).toNanos());
    });
  }

  @Test
  void aServerCrashMidStreamEndsTheServerStreamingCall() {
    twice(103, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      List<String> streamed = new ArrayList<>();
      Status.Code code = code(() -> as("c", () -> {
        Iterator<String> it = ClientCalls.blockingServerStreamingCall(world.channel, Echo.COUNT,
            CallOptions.DEFAULT, "1000");
        while (it.hasNext()) {
          streamed.add(it.next());
          if (streamed.size() == 3) {
            world.sim.crash("s");
          }
        }
        return null;
      }));
      assertThat(code).isEqualTo(Status.Code.UNAVAILABLE); // by keepalive: the peer went silent
      assertThat(streamed).hasSizeBetween(3, 10);
    });
  }

  /** Collects a streaming call's answers and its end. */
  private static final class Ending implements StreamObserver<String> {
    final List<String> answers = new ArrayList<>();
    final CompletableFuture<Status> end = new CompletableFuture<>();

    @Override
    public void onNext(String value) {
      answers.add(value);
    }

    @Override
    public void onError(Throwable t) {
      end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      end.complete(Status.OK);
    }
  }

  @Test
  void aServerCrashMidStreamEndsTheClientStreamingCall() {
    twice(107, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      Ending sum = new Ending();
      StreamObserver<String> numbers = as("c", () -> ClientCalls.asyncClientStreamingCall(
          world.channel.newCall(Echo.SUM, CallOptions.DEFAULT), sum));
      as("c", () -> {
        numbers.onNext("1");
        numbers.onNext("2");
        return null;
      });
      world.sleep(50);
      world.sim.crash("s");
      as("c", () -> {
        numbers.onNext("3");
        numbers.onCompleted();
        return null;
      });
      assertThat(sum.end.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(sum.answers).isEmpty();
    });
  }

  @Test
  void aServerCrashMidStreamEndsTheBidiStreamingCall() {
    twice(108, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      Ending chat = new Ending();
      StreamObserver<String> lines = as("c", () -> ClientCalls.asyncBidiStreamingCall(
          world.channel.newCall(Echo.CHAT, CallOptions.DEFAULT), chat));
      as("c", () -> {
        lines.onNext("one");
        lines.onNext("two");
        return null;
      });
      world.sleep(50);
      assertThat(chat.answers).containsExactly("c: one", "c: two");
      world.sim.crash("s");
      as("c", () -> {
        lines.onNext("three");
        return null;
      });
      long before = world.sim.nanoTime();
      assertThat(chat.end.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(world.sim.nanoTime() - before).isLessThanOrEqualTo(
          Duration.ofSeconds(16).toNanos()); // keepalive: 10 s of silence, then 5 s more
      assertThat(chat.answers).containsExactly("c: one", "c: two");
    });
  }

  @Test
  void aClientCancellingDuringAPartitionHearsCancelledAtOnce() {
    twice(104, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      world.say("warm", Duration.ofSeconds(1));
      world.network.partition(Set.of("c"), Set.of("s"));
      AtomicReference<Status> closed = new AtomicReference<>();
      as("c", () -> {
        ClientCall<String, String> call = world.channel.newCall(Echo.WAIT, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.set(status);
          }
        }, new Metadata());
        call.sendMessage("w");
        call.halfClose();
        world.sleep(50);
        call.cancel("the user gave up", null);
        return null;
      });
      world.sleep(1);
      assertThat(closed.get()).isNotNull();
      assertThat(closed.get().getCode()).isEqualTo(Status.Code.CANCELLED);
      world.network.heal();
      assertThat(world.say("healed", Duration.ofSeconds(1))).isEqualTo("c: healed");
    });
  }

  @Test
  void aResponseBeyondTheMaxInboundSizeIsResourceExhausted() {
    twice(105, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      String big = "x".repeat(64);
      Status.Code code = code(() -> as("c", () -> ClientCalls.blockingUnaryCall(world.channel,
          Echo.SAY, CallOptions.DEFAULT.withMaxInboundMessageSize(16)
              .withDeadline(world.channels.deadlineAfter(Duration.ofSeconds(1))), big)));
      assertThat(code).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      String huge = "y".repeat(4 * 1024 * 1024 + 1); // beyond a server's default 4 MiB
      assertThat(code(() -> world.say(huge, Duration.ofSeconds(5))))
          .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(world.say("small", Duration.ofSeconds(1))).isEqualTo("c: small");
    });
  }

  @Test
  void aThrowingClientInterceptorFailsTheCallAndLeavesTheChannelUsable() {
    twice(106, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World();
      ClientInterceptor broken = new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(io.grpc.MethodDescriptor<Q, R> method,
            CallOptions options, Channel next) {
          throw new IllegalStateException("interceptor bug");
        }
      };
      Channel intercepted = ClientInterceptors.intercept(world.channel, broken);
      RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(
          RuntimeException.class, () -> as("c", () -> ClientCalls.blockingUnaryCall(intercepted,
              Echo.SAY, CallOptions.DEFAULT, "x")));
      assertThat(thrown).hasMessageContaining("interceptor bug");
      assertThat(world.say("plain", Duration.ofSeconds(1))).isEqualTo("c: plain");
    });
  }
}
