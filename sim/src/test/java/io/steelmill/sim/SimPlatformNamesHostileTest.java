package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steelmill.platform.Codec;
import io.steelmill.platform.DiskConfig;
import io.steelmill.platform.FileDisk;
import io.steelmill.platform.Names;
import io.steelmill.platform.NetworkConfig;
import io.steelmill.platform.TcpNetwork;
import io.steelmill.runtime.NodeId;
import io.steelmill.runtime.internal.NodeContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What production's disk and network refuse, the simulated ones must refuse too, with the same
 * exception, or a scenario passes in simulation and fails in production. The simulated disk and
 * network applied no name rule ({@code "../x"}, {@code "a/b"}, {@code "CON"}, a zero-width space
 * were all files and services), took a negative position as an {@code
 * ArrayIndexOutOfBoundsException}, and let code of no node bind and write. Each hostile input is
 * tried on {@link FileDisk} and {@link TcpNetwork} (real files, real sockets) and on {@link
 * SimDisk} and {@link SimNetwork}, and the two outcomes compared.
 */
class SimPlatformNamesHostileTest {
  private static final List<String> HOSTILE = List.of("", "..", ".", "../x", "../../escaped",
      "a/b", "a\\b", "/abs", "C:x", "a:b", "a\u0000b", "a\nb", "a\u200bb", "\u202egnp.exe",
      "CON", "nul.txt", "com1", "LPT9.log", ".hidden", "trailing.", "trailing ", " leading",
      "\uff0e\uff0e", "a\uff0fb", "e\u0301", "a\ud800b", "x".repeat(129), "a*", "a?", "a|b",
      "a\"b", "a<b", "a>b", "\u2024\u2024");
  private static final List<String> HARMLESS = List.of("log", "wal.0001", "replica.log", "a-b_c",
      "\u00e9t\u00e9", "\u65e5\u672c", "x".repeat(128), "con-fig", "..a".substring(2), "a.b.c");

  @TempDir Path root;

  /** The outcome of {@code use} as one word: "ok" or the exception's class and first words. */
  private static String outcome(ThrowingRunnable use) {
    try {
      use.run();
      return "ok";
    } catch (Exception e) {
      String message = String.valueOf(e.getMessage());
      int cut = message.indexOf(':');
      return e.getClass().getSimpleName() + " " + (cut < 0 ? message : message.substring(0, cut));
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** The five disk operations on {@code name}, each as an outcome. */
  private static List<String> diskUses(io.steelmill.platform.Disk disk, String name) {
    List<String> outcomes = new ArrayList<>();
    outcomes.add(outcome(() -> disk.write(name, 0, new byte[] {1})));
    outcomes.add(outcome(() -> disk.append(name, new byte[] {2})));
    outcomes.add(outcome(() -> disk.sync(name)));
    outcomes.add(outcome(() -> disk.read(name)));
    outcomes.add(outcome(() -> disk.delete(name)));
    return outcomes;
  }

  /** {@code uses} of production's disk as node "n1". */
  private List<List<String>> production(Function<FileDisk, List<List<String>>> uses)
      throws Exception {
    FileDisk disk = new FileDisk(new DiskConfig(root));
    String previous = NodeContext.enter("n1");
    try {
      return uses.apply(disk);
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
  }

  /** {@code uses} of the simulated disk on a task of node "n1", run twice (same hash). */
  private static List<List<String>> simulated(Function<SimDisk, List<List<String>>> uses) {
    List<List<List<String>>> runs = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      List<List<String>> seen = new ArrayList<>();
      SimResult result = Simulation.builder().seed(11).build().run(() -> {
        Simulation sim = Simulation.current();
        SimDisk disk = new SimDisk();
        Thread task = sim.spawn(NodeId.of("n1"), "user", () -> seen.addAll(uses.apply(disk)));
        try {
          task.join();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(result.failure()).isNull();
      runs.add(seen);
      hashes.add(result.traceSha256());
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
    return runs.get(0);
  }

  @Test
  void theSimulatedDiskRefusesEveryNameTheFileDiskRefuses() throws Exception {
    List<List<String>> real = production(disk -> HOSTILE.stream()
        .map(name -> diskUses(disk, name)).toList());
    List<List<String>> sim = simulated(disk -> HOSTILE.stream()
        .map(name -> diskUses(disk, name)).toList());
    for (int i = 0; i < HOSTILE.size(); i++) {
      assertThat(real.get(i)).as("production, %s", Names.quoted(HOSTILE.get(i)))
          .containsOnly("IllegalArgumentException not a safe file name");
      assertThat(sim.get(i)).as("simulation, %s", Names.quoted(HOSTILE.get(i)))
          .isEqualTo(real.get(i));
    }
  }

  @Test
  void harmlessNamesWorkInBoth() throws Exception {
    List<List<String>> real = production(disk -> HARMLESS.stream()
        .map(name -> diskUses(disk, name)).toList());
    List<List<String>> sim = simulated(disk -> HARMLESS.stream()
        .map(name -> diskUses(disk, name)).toList());
    for (int i = 0; i < HARMLESS.size(); i++) {
      assertThat(real.get(i)).as("production, %s", HARMLESS.get(i)).containsOnly("ok");
      assertThat(sim.get(i)).as("simulation, %s", HARMLESS.get(i)).containsOnly("ok");
    }
  }

  @Test
  void hostilePositionsAreRefusedAlikeAndMakeNoFile() throws Exception {
    long[] positions = {-1, -4096, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 2};
    Function<io.steelmill.platform.Disk, List<List<String>>> uses = disk -> {
      List<List<String>> all = new ArrayList<>();
      for (long position : positions) {
        all.add(List.of(outcome(() -> disk.write("p", position, new byte[] {1, 2, 3, 4})),
            outcome(() -> String.valueOf(disk.list()))));
      }
      return all;
    };
    List<List<String>> real = production(uses::apply);
    List<List<String>> sim = simulated(uses::apply);
    for (List<String> each : real) {
      assertThat(each.get(0)).startsWith("IllegalArgumentException FileDisk of node n1");
    }
    for (int i = 0; i < positions.length; i++) {
      assertThat(sim.get(i).get(0)).as("position %d", positions[i])
          .isEqualTo(real.get(i).get(0).replace("FileDisk", "SimDisk"));
    }
  }

  /**
   * Null bytes were a bare {@code NullPointerException} in both disks (no node, no file, no
   * Fix), and the simulated append made the file before failing: now the same one line in both,
   * and no file.
   */
  @Test
  void nullBytesAreRefusedAlikeInOneLineAndMakeNoFile() throws Exception {
    Function<io.steelmill.platform.Disk, List<List<String>>> uses = disk -> List.of(
        List.of(outcome(() -> disk.write("w", 0, null)), outcome(() -> disk.append("a", null)),
            outcome(() -> disk.write("w", -1, null)), outcome(() -> {
              if (!disk.list().isEmpty()) {
                throw new IllegalStateException("made " + disk.list());
              }
            })));
    List<String> real = production(uses::apply).get(0);
    List<String> sim = simulated(uses::apply).get(0);
    assertThat(real.subList(0, 3)).allSatisfy(
        each -> assertThat(each).startsWith("NullPointerException FileDisk of node n1"));
    assertThat(real.get(3)).isEqualTo("ok");
    assertThat(sim).isEqualTo(real.stream().map(e -> e.replace("FileDisk", "SimDisk")).toList());
    FileDisk disk = new FileDisk(new DiskConfig(root));
    String previous = NodeContext.enter("n1");
    try {
      assertThatThrownBy(() -> disk.append("a", null)).isInstanceOf(NullPointerException.class)
          .hasMessage("FileDisk of node n1: append to \"a\" refused: the bytes to write are"
              + " null. Fix: pass the bytes, or new byte[0] to write none");
      assertThat(disk.list()).isEmpty();
    } finally {
      NodeContext.restore(previous);
      disk.stop();
    }
  }

  @Test
  void theSimulatedNetworkRefusesEveryServiceNameTcpRefuses() {
    TcpNetwork tcp = new TcpNetwork(NetworkConfig.loopback());
    List<String> real = new ArrayList<>();
    String previous = NodeContext.enter("n1");
    try {
      for (String name : HOSTILE) {
        real.add(outcome(() -> tcp.bind(name, Codec.utf8())));
      }
    } finally {
      NodeContext.restore(previous);
      tcp.stop();
    }
    List<String> sim = new ArrayList<>();
    SimResult result = Simulation.builder().seed(12).build().run(() -> {
      SimNetwork network = new SimNetwork();
      String mine = NodeContext.enter("n1");
      try {
        for (String name : HOSTILE) {
          sim.add(outcome(() -> network.bind(name, Codec.utf8())));
        }
      } finally {
        NodeContext.restore(mine);
      }
    });
    assertThat(result.failure()).isNull();
    assertThat(real).containsOnly("IllegalArgumentException not a safe service name");
    assertThat(sim).isEqualTo(real);
  }

  @Test
  void codeOfNoNodeIsRefusedAsInProduction() {
    TcpNetwork tcp = new TcpNetwork(NetworkConfig.loopback());
    FileDisk file = new FileDisk(new DiskConfig(root));
    String real;
    try {
      real = outcome(() -> tcp.bind("svc", Codec.utf8())) + " / "
          + outcome(() -> file.append("f", new byte[] {1}));
    } finally {
      tcp.stop();
    }
    List<String> sim = new ArrayList<>();
    SimResult result = Simulation.builder().seed(13).build().run(() -> {
      SimNetwork network = new SimNetwork();
      SimDisk disk = new SimDisk();
      sim.add(outcome(() -> network.bind("svc", Codec.utf8())) + " / "
          + outcome(() -> disk.append("f", new byte[] {1})));
    });
    assertThat(result.failure()).isNull();
    assertThat(real).startsWith("IllegalStateException").contains("/ IllegalStateException");
    assertThat(sim).hasSize(1);
    assertThat(sim.get(0)).startsWith("IllegalStateException")
        .contains("/ IllegalStateException");
  }
}
