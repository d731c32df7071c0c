package io.steelmill.platform;

import io.steelmill.runtime.internal.NodeContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A node under attack, run by {@link TcpFloodTest} in its own small-heap JVM: it serves an echo
 * service, prints its port and secret, learns where the honest peer listens, answers {@code
 * stats} on stdin with its counters and its peak heap use, and exits at the end of stdin.
 */
public final class TcpFloodTarget {
  private TcpFloodTarget() {}

  public static void main(String[] args) throws Exception {
    NetworkConfig config = NetworkConfig.loopback().withLimits(TcpLimits.defaults()
        .withMaxFrameBytes(16 << 20).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2)));
    TcpNetwork network = new TcpNetwork(config);
    NodeContext.enter("server");
    Endpoint<String> echo = network.bind("echo", Codec.utf8());
    Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Envelope<String> request = echo.receive();
          if (request.isRequest()) {
            echo.reply(request, "pong");
          }
        }
      } catch (InterruptedException | IllegalStateException e) {
        // stopped
      }
    });
    System.out.println("port " + network.listenAddress("server").getPort());
    System.out.println("secret " + config.secret().toBase64());
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("peer ")) { // peer <node> <port>: where a node of another process is
        String[] peer = line.split(" ");
        config.register(peer[1], new java.net.InetSocketAddress(
            java.net.InetAddress.getLoopbackAddress(), Integer.parseInt(peer[2])));
      } else if (line.equals("stats")) {
        System.gc();
        System.out.println("stats " + network.stats() + " peakHeapMiB " + peakHeapMiB()
            + " connections " + network.listener("server").connections());
        System.out.flush();
      }
    }
    network.stop();
  }

  private static long peakHeapMiB() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
