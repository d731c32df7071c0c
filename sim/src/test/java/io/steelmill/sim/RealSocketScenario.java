package io.steelmill.sim;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Run by {@link RealSocketEscapesHostileTest} in a fresh JVM, where no socket was used yet: a
 * simulated task opens real sockets (twice, two runs), then a virtual thread outside any
 * simulation does real socket I/O, which must still work. Prints one line per step.
 */
final class RealSocketScenario {
  private RealSocketScenario() {}

  public static void main(String[] args) throws Exception {
    for (int run = 0; run < 2; run++) {
      SimResult result = Simulation.builder().seed(5).build().run(() -> {
        Simulation.current().sleep(Duration.ofMillis(5));
        roundTrip();
      });
      String failure = result.failure() == null ? "passed"
          : result.failure().getMessage().lines().findFirst().orElse("");
      System.out.println("run " + run + ": " + failure + " | " + result.traceSha256());
    }
    Thread outside = Thread.ofVirtual().start(() -> {
      try {
        System.out.println("outside the simulation: read " + roundTrip());
      } catch (Throwable e) {
        System.out.println("outside the simulation: " + e);
      }
    });
    outside.join();
  }

  /** A loopback connection whose client writes one byte after a pause; returns the byte. */
  static int roundTrip() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 5, loopback)) {
      Thread client = Thread.ofVirtual().start(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(loopback, server.getLocalPort()));
          Thread.sleep(20);
          socket.getOutputStream().write(42);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
        return in.read();
      } finally {
        client.join();
      }
    }
  }
}
