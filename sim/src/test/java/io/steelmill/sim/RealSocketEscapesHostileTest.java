package io.steelmill.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real network I/O from a simulated task (issue 14: nothing real leaks in). A task that opened a
 * socket was noticed only by accident, when the JDK's socket poller started its platform threads
 * in its static initializer, in the first such run of a JVM; the escape thrown through that
 * initializer left {@code sun.nio.ch.Poller} unusable for the rest of the JVM, so every later
 * virtual thread's socket I/O (the production {@code TcpNetwork}'s readers, in the same test JVM)
 * failed with {@code NoClassDefFoundError}; and a socket that never blocked (UDP to itself) was
 * not noticed at all. Now every socket a task opens is an escape at that moment, the same message
 * and hash every run, and a static initializer of the JDK is never left broken. A real process
 * started by a task is the same kind of leak, and is checked here too.
 */
class RealSocketEscapesHostileTest {

  @Test
  void everySocketATaskOpensIsAnEscapeAtThatMoment() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket outside = new ServerSocket(0, 50, loopback)) {
      InetSocketAddress there = new InetSocketAddress(loopback, outside.getLocalPort());
      List<Simulation.Body> uses = List.of(
          () -> new ServerSocket(0, 5, loopback).close(),
          () -> new Socket(loopback, outside.getLocalPort()).close(),
          () -> SocketChannel.open(there).close(),
          () -> ServerSocketChannel.open().close(),
          () -> new java.net.DatagramSocket(0, loopback).close(),
          () -> {
            try (DatagramChannel channel = DatagramChannel.open()) {
              channel.send(java.nio.ByteBuffer.wrap(new byte[] {1}), there);
            }
          },
          () -> java.net.URI.create("http://" + loopback.getHostAddress() + ":"
              + outside.getLocalPort() + "/").toURL().openConnection().connect());
      for (int i = 0; i < uses.size(); i++) {
        assertThat(EscapesHostileTest.failsTheSameThrice(60 + i, uses.get(i))).as("case %d", i)
            .startsWith("Escape: Task #1 n1/worker opened a real socket at ")
            .contains("RealSocketEscapesHostileTest.lambda$everySocketATaskOpens")
            .contains("at virtual time PT0.005S")
            .contains("Fix: talk through the injected Network");
      }
    }
  }

  /**
   * A real process from a task was noticed only when the JDK started its process reaper thread,
   * which it then keeps for a while: a second run in the same JVM passed, the process having run
   * in real time. Now starting one is an escape at that moment, every run.
   */
  @Test
  void everyProcessATaskStartsIsAnEscapeAtThatMoment() {
    String launcher = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
        .toString();
    List<Simulation.Body> starts = List.of(
        () -> new ProcessBuilder(launcher, "-version").start().waitFor(),
        () -> Runtime.getRuntime().exec(new String[] {launcher, "-version"}).waitFor(),
        () -> ProcessBuilder.startPipeline(List.of(new ProcessBuilder(launcher, "-version"))));
    for (int i = 0; i < starts.size(); i++) {
      assertThat(EscapesHostileTest.failsTheSameThrice(80 + i, starts.get(i))).as("case %d", i)
          .startsWith("Escape: Task #1 n1/worker started a real process at ")
          .contains("RealSocketEscapesHostileTest.lambda$everyProcessATaskStarts")
          .contains("at virtual time PT0.005S")
          .contains("Fix: give the daemon an injected interface");
    }
  }

  @Test
  void socketsOutsideTheSimulationStillWorkAfterARunThatOpenedOne() throws Exception {
    EscapesHostileTest.failsTheSameThrice(70, () -> RealSocketScenario.roundTrip());
    Thread outside = Thread.ofVirtual().start(() -> {
      try {
        assertThat(RealSocketScenario.roundTrip()).isEqualTo(42);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    outside.join();
  }

  /**
   * In a fresh JVM, where the first socket of the JVM is the task's: the run fails the same way
   * twice, and socket I/O of a virtual thread outside the simulation works afterwards.
   */
  @Test
  void aFreshJvmsFirstSocketInATaskLeavesTheJdkUsable() throws Exception {
    String output = FreshJvm.run(RealSocketScenario.class);
    List<String> lines = output.lines().filter(line -> line.startsWith("run ")
        || line.startsWith("outside")).toList();
    assertThat(lines).as(output).hasSize(3);
    assertThat(lines.get(0)).startsWith("run 0: Escape: Task #0 main opened a real socket at ");
    assertThat(lines.get(1).substring("run 1".length()))
        .isEqualTo(lines.get(0).substring("run 0".length()));
    assertThat(lines.get(2)).isEqualTo("outside the simulation: read 42");
  }
}
