package io.steelmill.grpc.sim;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.steelmill.grpc.Echo;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.runtime.internal.NodeContext;
import io.steelmill.sim.SimNetwork;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.SplitMix64;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Three nodes calling each other's Echo service (unary and streaming) for 20 virtual seconds,
 * while seeded faults partition, drop, duplicate, delay, pause and crash (and restart) them. Its
 * trace must be the same for a seed in any JVM; {@code main} prints the trace hash.
 */
public final class GrpcWorkload {
  static final List<String> NODES = List.of("a", "b", "c");

  private GrpcWorkload() {}

  public static void main(String[] args) {
    SimResult result = run(Long.parseLong(args[0]));
    if (!result.succeeded()) {
      System.out.println(result.report());
      System.exit(1);
    }
    System.out.println(result.traceSha256());
  }

  static SimResult run(long seed) {
    return Simulation.builder().seed(seed).maxVirtualTime(Duration.ofMinutes(2)).build()
        .run(() -> scenario());
  }

  /** The workload, as the main task of a running simulation. */
  static void scenario() throws Exception {
    Simulation sim = Simulation.current();
    SimNetwork network = new SimNetwork();
    SimGrpcHub hub = new SimGrpcHub(network, GrpcConfig.loopback());
    SimGrpcChannels channels = new SimGrpcChannels(hub);
    SimGrpcServers servers = new SimGrpcServers(hub);
    for (String node : NODES) {
      start(sim, node, channels, servers);
    }
    network.allLinks().drop(0.05).duplicate(0.05).delay(Duration.ofMillis(1),
        Duration.ofMillis(20));
    SplitMix64 random = sim.random("faults");
    long end = sim.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sim.nanoTime() < end) {
      sim.sleep(Duration.ofMillis(500 + random.nextLong(1500)));
      String victim = NODES.get(random.nextInt(NODES.size()));
      switch (random.nextInt(4)) {
        case 0 -> {
          network.isolate(victim);
          sim.sleep(Duration.ofMillis(random.nextLong(1000)));
          network.heal();
        }
        case 1 -> sim.pause(victim, Duration.ofMillis(random.nextLong(800)));
        case 2 -> {
          sim.crash(victim);
          sim.sleep(Duration.ofMillis(300));
          start(sim, victim, channels, servers);
        }
        default -> { }
      }
    }
  }

  /** A node: serves Echo, and calls the others in a loop. */
  private static void start(Simulation sim, String node, SimGrpcChannels channels,
      SimGrpcServers servers) {
    String previous = NodeContext.enter(node);
    try {
      servers.register(Echo.service(ms -> sleep(sim, ms), what -> sim.trace("cancel " + what)));
      sim.spawn(io.steelmill.runtime.NodeId.of(node), "caller", () -> {
        try {
          callForever(sim, node, channels);
        } catch (InterruptedException e) {
          // unwinding
        }
      });
    } finally {
      NodeContext.restore(previous);
    }
  }

  private static void callForever(Simulation sim, String node, SimGrpcChannels channels)
      throws InterruptedException {
    SplitMix64 random = sim.random("calls-" + node);
    int i = 0;
    while (true) {
      String target = NODES.get(random.nextInt(NODES.size()));
      Channel channel = channels.channel(target);
      CallOptions options = CallOptions.DEFAULT.withDeadline(
          channels.deadlineAfter(Duration.ofMillis(50 + random.nextLong(500))));
      try {
        if (i++ % 3 == 0) {
          Iterator<String> it =
              ClientCalls.blockingServerStreamingCall(channel, Echo.COUNT, options, "5");
          int count = 0;
          while (it.hasNext()) {
            it.next();
            count++;
          }
          sim.trace(node + " streamed " + count);
        } else {
          sim.trace(node + " got " + ClientCalls.blockingUnaryCall(channel, Echo.SAY, options,
              "m" + i));
        }
      } catch (StatusRuntimeException e) {
        sim.trace(node + " failed " + e.getStatus().getCode());
      }
      sim.sleep(Duration.ofMillis(random.nextLong(100)));
    }
  }

  private static void sleep(Simulation sim, long millis) {
    try {
      sim.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
