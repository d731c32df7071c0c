package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real file descriptor exhaustion: a node in a child JVM started under {@code ulimit -n 512}
 * fills its descriptor table, and connections wait in its backlog while every accept fails with
 * "Too many open files". The loop backs off (a spinning one failed millions of times); once
 * descriptors are free again, the node accepts and authenticates a peer.
 */
class TcpFdExhaustionTest {
  @Test
  void exhaustedDescriptorsMakeTheAcceptLoopBackOffThenRecover() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String command = "ulimit -n 512 && exec '" + java + "' -Xmx64m -cp '"
        + System.getProperty("java.class.path") + "' " + TcpFdExhaustionTarget.class.getName();
    Process target = new ProcessBuilder("sh", "-c", command)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<Socket> waiting = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
            new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
        PrintStream in = new PrintStream(target.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String[] hello = out.readLine().split(" ", 8);
      assertThat(hello[7]).as("the child ran out of descriptors").contains("Too many open files");
      InetSocketAddress at =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(hello[1]));
      ClusterSecret secret = ClusterSecret.fromBase64(hello[3]);
      for (int i = 0; i < 3; i++) {
        waiting.add(TcpPeers.raw(at)); // completed by the kernel, waiting in the backlog
      }
      in.println("measure");
      String measured = out.readLine();
      String[] figures = measured.split(" ");
      long failures = Long.parseLong(figures[1]);
      assertThat(failures).as(measured).isBetween(3L, 40L);
      System.out.println("descriptor exhaustion, 2 s: " + measured);
      in.println("free");
      assertThat(out.readLine()).isEqualTo("freed");
      try (Socket peer = TcpPeers.authenticated(at, "late", "server", secret)) {
        assertThat(peer.isConnected()).isTrue();
      }
    } finally {
      waiting.forEach(TcpPeers::closeQuietly);
      target.getOutputStream().close();
      if (!target.waitFor(10, TimeUnit.SECONDS)) {
        target.destroyForcibly();
      }
    }
  }
}
