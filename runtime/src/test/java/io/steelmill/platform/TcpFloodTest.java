package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The flood that exhausted a 512 MiB heap before the budgets: 40 authenticated connections each
 * start a 15 MiB frame and send it as fast as the node reads, against a node in its own JVM with
 * a 160 MiB heap (and {@code -XX:+ExitOnOutOfMemoryError}, so running out would kill it). The node
 * survives, its partial frames stay within the listener budget, and an honest peer is answered
 * throughout.
 */
class TcpFloodTest {
  private static final int CONNECTIONS = 40;
  private static final int FRAME = 15 << 20;

  @Test
  void fortyConnectionsOfFifteenMegabytePartialFramesKeepTheHeapBounded() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process target = new ProcessBuilder(java, "-Xmx160m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), TcpFloodTarget.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Socket> flood = new ArrayList<>();
    TcpNetwork honest = null;
    try (BufferedReader out = new BufferedReader(
            new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
        PrintStream in = new PrintStream(target.getOutputStream(), true, StandardCharsets.UTF_8)) {
      int port = Integer.parseInt(out.readLine().substring("port ".length()));
      ClusterSecret secret = ClusterSecret.fromBase64(out.readLine().substring("secret ".length()));
      InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = TcpPeers.authenticated(at, "flood" + i, "server", secret);
        flood.add(socket);
        Thread.ofVirtual().start(() -> trickle(socket));
      }
      honest = new TcpNetwork(NetworkConfig.of(InetAddress.getLoopbackAddress(),
          Map.of("server", at), secret));
      Endpoint<String> client = bind(honest);
      in.println("peer client " + honest.listenAddress("client").getPort());
      // calls for 8 s of the flood, and on until 31 were answered (at most a minute): a count
      // of answers, not a rate, since a loaded machine answers the same calls more slowly
      long floodEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int answered = 0;
      while ((answered <= 30 || System.nanoTime() < floodEnd) && System.nanoTime() < deadline) {
        if (client.call(new Address("server", "echo"), "ping", Duration.ofSeconds(2)).isPresent()) {
          answered++;
        }
        Thread.sleep(100);
      }
      assertThat(answered).as("calls answered during the flood").isGreaterThan(30);
      in.println("stats");
      String stats = out.readLine();
      assertThat(target.isAlive()).as(stats).isTrue();
      Matcher peak = Pattern.compile("peakHeapMiB (\\d+)").matcher(stats);
      assertThat(peak.find()).as(stats).isTrue();
      assertThat(Long.parseLong(peak.group(1))).as(stats).isLessThan(160);
      assertThat(stats).containsPattern("budgetExhausted=[1-9]|framesTimedOut=[1-9]");
      System.out.println("flood figures: " + stats);
    } finally {
      flood.forEach(TcpPeers::closeQuietly);
      if (honest != null) {
        honest.stop();
      }
      target.getOutputStream().close();
      if (!target.waitFor(10, TimeUnit.SECONDS)) {
        target.destroyForcibly();
      }
    }
  }

  private static Endpoint<String> bind(TcpNetwork network) {
    return AsNode.bind(network, "client", "rpc");
  }

  /** Starts a 15 MiB frame and sends all but its last byte, as fast as the node reads. */
  private static void trickle(Socket socket) {
    try {
      OutputStream raw = socket.getOutputStream();
      new DataOutputStream(raw).writeInt(FRAME);
      byte[] chunk = new byte[64 << 10];
      for (int sent = 0; sent + chunk.length < FRAME; sent += chunk.length) {
        raw.write(chunk);
      }
    } catch (IOException e) {
      // the node closed it: what it should do with a flood
    }
  }
}
