package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams on the simulated transport under churn: a server call told "not ready" and then closed
 * is not kept by its connection (each was, until the connection next had room: a leak while
 * calls come and go on a busy connection), and a handler that streams in a tight loop, ignoring
 * isReady, ends its client's call with a status that says so, not "reset (it restarted)".
 */
class SimGrpcStreamChurnTest {
  private static final String SERVICE = "test.Churn";
  private static final MethodDescriptor<String, String> BATCH = method("Batch");
  private static final MethodDescriptor<String, String> FLOOD = method("Flood");

  private static MethodDescriptor<String, String> method(String name) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(Echo.UTF8).setResponseMarshaller(Echo.UTF8).build();
  }

  /** Server-side connections' counts of calls waiting for room, as seen when a call ended. */
  private final List<Integer> waitingAfterClose = new ArrayList<>();

  private ServerServiceDefinition service(SimGrpcHub hub) {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(BATCH, ServerCalls.asyncServerStreamingCall((request, out) -> {
          // streams while ready, then ends the call although it was told "not ready"
          ServerCallStreamObserver<String> stream = (ServerCallStreamObserver<String>) out;
          int sent = 0;
          while (stream.isReady() && sent < 1_000) {
            stream.onNext("item " + sent++);
          }
          stream.onCompleted();
          waitingAfterClose.add(waiting(hub));
        }))
        .addMethod(FLOOD, ServerCalls.asyncServerStreamingCall((request, out) -> {
          for (int i = 0; i < 100_000; i++) { // never asks isReady
            out.onNext("item " + i);
          }
          out.onCompleted();
        }))
        .build();
  }

  private static int waiting(SimGrpcHub hub) {
    int total = 0;
    for (Connection connection : hub.transport("s").connections()) {
      total += connection.waitingForRoom();
    }
    return total;
  }

  private static int drain(Iterator<String> items) {
    int n = 0;
    while (items.hasNext()) {
      items.next();
      n++;
    }
    return n;
  }

  @Test
  void aClosedCallIsNotKeptWaitingForRoom() {
    SimResult result = Simulation.builder().seed(7).build().run(() -> {
      SimNetwork network = new SimNetwork();
      SimGrpcHub hub = new SimGrpcHub(network, GrpcConfig.loopback());
      SimGrpcServers servers = new SimGrpcServers(hub);
      SimGrpcChannels channels = new SimGrpcChannels(hub);
      as("s", () -> servers.register(service(hub)));
      Channel channel = as("c", () -> channels.channel("s"));
      for (int i = 0; i < 20; i++) {
        int got = as("c", () -> drain(ClientCalls.blockingServerStreamingCall(channel, BATCH,
            CallOptions.DEFAULT, "go")));
        assertThat(got).isPositive();
      }
    });
    assertThat(result.failure()).as("%s", result.report()).isNull();
    assertThat(waitingAfterClose).hasSize(20).containsOnly(0);
  }

  @Test
  void aTightLoopStreamIsNotReportedAsARestart() {
    String[] description = new String[1];
    SimResult result = Simulation.builder().seed(8).build().run(() -> {
      SimNetwork network = new SimNetwork();
      SimGrpcHub hub = new SimGrpcHub(network, GrpcConfig.loopback());
      SimGrpcServers servers = new SimGrpcServers(hub);
      SimGrpcChannels channels = new SimGrpcChannels(hub);
      as("s", () -> servers.register(service(hub)));
      Channel channel = as("c", () -> channels.channel("s"));
      try {
        as("c", () -> drain(ClientCalls.blockingServerStreamingCall(channel, FLOOD,
            CallOptions.DEFAULT.withDeadline(channels.deadlineAfter(Duration.ofMinutes(1))),
            "go")));
        description[0] = "OK";
      } catch (StatusRuntimeException e) {
        description[0] = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
      }
    });
    assertThat(result.failure()).as("%s", result.report()).isNull();
    assertThat(description[0]).doesNotContain("restarted").doesNotContain("\n")
        .startsWith("UNAVAILABLE: connection reset by s: s dropped its connection to c:")
        .contains("more than", "isReady", "Fix: ");
  }
}
