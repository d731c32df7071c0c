package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The timings of {@code GrpcConfig} (connect timeout, keepalive time and timeout) hold in the
 * simulated transport, in virtual time: each test sets values unlike the defaults and sees a call
 * end when they say, on the client and on the server.
 */
class SimGrpcTimingsTest {
  /** Connect in 700 ms; ping after 20 s of silence, give up 3 s later. */
  private static final GrpcConfig CONFIG = GrpcConfig.loopback().withTimings(
      new GrpcConfig.GrpcTimings(Duration.ofMillis(700), Duration.ofSeconds(20),
          Duration.ofSeconds(3)));

  /** The transport checks a connection every 200 ms (TCP's retransmission timeout). */
  private static final long TICK = Duration.ofMillis(200).toNanos();

  @Test
  void theConnectTimeoutEndsACallToASilentNode() {
    SimGrpcTest.run(21, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(CONFIG);
      world.network.isolate("s");
      Channel channel = as("c", () -> world.channels.channel("s"));
      long before = world.sim.nanoTime();
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> as("c", () -> ClientCalls.blockingUnaryCall(channel, Echo.SAY,
              CallOptions.DEFAULT, "x")));
      long waited = world.sim.nanoTime() - before;
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("within 700 ms");
      assertThat(waited).isBetween(Duration.ofMillis(700).toNanos(),
          Duration.ofMillis(700).toNanos() + TICK);
    });
  }

  @Test
  void theKeepaliveTimingsEndAClientCallAcrossAPartition() {
    SimGrpcTest.run(22, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(CONFIG);
      world.say("warm", Duration.ofSeconds(1));
      world.network.partition(Set.of("c"), Set.of("s"));
      long before = world.sim.nanoTime();
      StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
          () -> as("c", () -> ClientCalls.blockingUnaryCall(world.channel, Echo.SAY,
              CallOptions.DEFAULT, "lost")));
      long waited = world.sim.nanoTime() - before;
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("keepalive");
      // 20 s of silence, then 3 s without an answer to the ping (the defaults give 15 s)
      assertThat(waited).isBetween(Duration.ofSeconds(23).toNanos(),
          Duration.ofSeconds(23).toNanos() + 2 * TICK);
    });
  }

  @Test
  void theKeepaliveTimingsCancelACrashedClientsCallOnTheServer() {
    SimGrpcTest.run(23, () -> {
      SimGrpcTest.World world = new SimGrpcTest.World(CONFIG);
      world.startWaitingCall();
      world.sleep(100);
      world.sim.crash("c");
      world.sleep(22_500);
      assertThat(world.cancelled).doesNotContain("Wait false"); // the defaults would have
      world.sleep(1_000);
      assertThat(world.cancelled).contains("Wait false"); // 20 s + 3 s of silence: cancelled
    });
  }
}
