package io.steelmill.sim;

import io.steelmill.runtime.NodeId;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.platform.Address;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.runtime.internal.NodeContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The trace covers data: message payloads and what a sync makes durable change the hash, so a
 * value that is not the seed's shows even when the schedule is the same. Issue 14, item 4.
 */
class DataTraceTest {
  private static final java.util.concurrent.atomic.AtomicLong LEAKED =
      new java.util.concurrent.atomic.AtomicLong();


  private static <M> Endpoint<M> bind(SimNetwork network, String node, Codec<M> codec) {
    String previous = NodeContext.enter(node);
    try {
      return network.bind("svc", codec);
    } finally {
      NodeContext.restore(previous);
    }
  }

  /** Sends {@code value} from a to b, and b writes and syncs what it got. */
  private static SimResult sendAndSync(long seed, LongSupplier value) {
    return Simulation.builder().seed(seed).build().run(() -> {
      Simulation sim = Simulation.current();
      SimNetwork network = new SimNetwork();
      SimDisk disk = new SimDisk();
      Endpoint<String> a = bind(network, "a", Codec.utf8());
      Endpoint<String> b = bind(network, "b", Codec.utf8());
      Thread receiver = sim.spawn(NodeId.of("b"), "receiver", () -> {
        try {
          String got = b.receive().message();
          disk.append("log", got.getBytes(StandardCharsets.UTF_8));
          disk.sync("log");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      a.send(new Address("b", "svc"), "now=" + value.getAsLong());
      receiver.join();
    });
  }

  @Test
  void aWallClockValueSentAndSyncedChangesTheHash() throws Exception {
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      // a value that is not the seed's: the real clock is virtual in a task (the agent), so a
      // counter that lives across runs stands for it
      hashes.add(sendAndSync(1, LEAKED::incrementAndGet).traceSha256());
    }
    assertThat(hashes).hasSize(3);
    assertThat(sendAndSync(1, () -> 42).traceSha256())
        .isEqualTo(sendAndSync(1, () -> 42).traceSha256())
        .isNotEqualTo(sendAndSync(1, () -> 43).traceSha256());
  }

  /** Only the disk sees the value: the message carries none. */
  private static SimResult syncOnly(String content, boolean sync) {
    return Simulation.builder().seed(5).build().run(() -> {
      SimDisk disk = new SimDisk();
      Thread writer = Simulation.current().spawn(NodeId.of("a"), "writer", () -> {
        disk.write("state", 0, "header".getBytes(StandardCharsets.UTF_8));
        disk.sync("state");
        disk.write("state", 2, content.getBytes(StandardCharsets.UTF_8));
        if (sync) {
          disk.sync("state");
        }
      });
      writer.join();
    });
  }

  @Test
  void threeDiskContentsGiveThreeHashesAndUnsyncedBytesNone() {
    Set<String> hashes = new HashSet<>();
    for (String content : new String[] {"x", "y", "xy"}) {
      hashes.add(syncOnly(content, true).traceSha256());
    }
    assertThat(hashes).hasSize(3);
    assertThat(syncOnly("x", true).traceSha256()).isEqualTo(syncOnly("x", true).traceSha256());
    // what was never made durable is not data of the run yet
    assertThat(syncOnly("x", false).traceSha256()).isEqualTo(syncOnly("y", false).traceSha256());
  }

  @Test
  void aPayloadDiffersWhereTheScheduleDoesNotAndAFullTraceSaysWhere() {
    SimResult one = Simulation.builder().seed(3).trace(Trace.Level.FULL).build().run(() -> {
      SimNetwork network = new SimNetwork();
      bind(network, "a", Codec.utf8()).send(new Address("b", "svc"), "one");
    });
    SimResult two = Simulation.builder().seed(3).trace(Trace.Level.FULL).build().run(() -> {
      SimNetwork network = new SimNetwork();
      bind(network, "a", Codec.utf8()).send(new Address("b", "svc"), "two");
    });
    assertThat(one.traceSha256()).isNotEqualTo(two.traceSha256());
    assertThat(one.fullTrace())
        .anyMatch(line -> line.matches("t=0 send a/svc->b/svc data [0-9a-f]+"));
    assertThat(one.fullTrace()).isNotEqualTo(two.fullTrace());
  }

  @Test
  void aCodecThatCannotEncodeKeepsTheTraceDeterministic() {
    Codec<Object> partial = new Codec<>() {
      @Override
      public byte[] encode(Object message) {
        throw new UnsupportedOperationException("test codec");
      }

      @Override
      public Object decode(byte[] frame) {
        throw new UnsupportedOperationException("test codec");
      }
    };
    Simulation.Body body = () -> {
      SimNetwork network = new SimNetwork();
      bind(network, "a", partial).send(new Address("b", "svc"), new Object());
    };
    SimResult first = Simulation.builder().seed(4).build().run(body);
    assertThat(first.failure()).isNull();
    assertThat(Simulation.builder().seed(4).build().run(body).traceSha256())
        .isEqualTo(first.traceSha256());
  }

  @Test
  void deletingADurableFileIsData() {
    Simulation.Body keep = () -> Simulation.current().spawn(NodeId.of("a"), "w", () -> {
      SimDisk disk = new SimDisk();
      disk.append("f", new byte[] {1});
      disk.sync("f");
    }).join();
    Simulation.Body delete = () -> Simulation.current().spawn(NodeId.of("a"), "w", () -> {
      SimDisk disk = new SimDisk();
      disk.append("f", new byte[] {1});
      disk.sync("f");
      disk.delete("f");
    }).join();
    assertThat(Simulation.builder().seed(6).build().run(keep).traceSha256())
        .isNotEqualTo(Simulation.builder().seed(6).build().run(delete).traceSha256());
  }
}
