package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.authenticated;
import static io.steelmill.platform.TcpPeers.closedByNode;
import static io.steelmill.platform.TcpPeers.eventually;
import static io.steelmill.platform.TcpPeers.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.internal.NodeContext;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A codec that throws an {@link Error} while decoding a received frame (a StackOverflowError on
 * deeply nested input, an AssertionError of the user's own code) closes that connection only,
 * counted and reported naming the node, the peer, the service and the phase, with a Fix; it never
 * escapes the reading thread, and the node keeps serving. Real sockets.
 */
class TcpCodecErrorTest {
  private final NetworkConfig config = NetworkConfig.loopback();
  private final TcpNetwork network = new TcpNetwork(config);
  private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previous;

  /** Decodes UTF-8, but a frame reading "deep" or "assert" throws the Error a buggy codec would. */
  private static final Codec<String> FRAGILE = new Codec<>() {
    @Override
    public byte[] encode(String message) {
      return message.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] frame) {
      String text = new String(frame, StandardCharsets.UTF_8);
      if (text.equals("deep")) {
        throw new StackOverflowError();
      }
      if (text.equals("assert")) {
        throw new AssertionError("unexpected\nframe");
      }
      if (text.equals("internal")) {
        throw new InternalError("the JVM's state, not the frame's");
      }
      return text;
    }
  };

  @BeforeEach
  void watchUncaught() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.add(e));
  }

  @AfterEach
  void stop() {
    network.stop();
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  private Endpoint<String> bindFragile(String node, String service) {
    String before = NodeContext.enter(node);
    try {
      return network.bind(service, FRAGILE);
    } finally {
      NodeContext.restore(before);
    }
  }

  @Test
  void anErrorFromTheCodecClosesOnlyThatConnectionAndIsReported() throws Exception {
    Endpoint<String> server = bindFragile("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    for (String poison : List.of("deep", "assert")) {
      try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
        peer.getOutputStream().write(frame("inbox", new Address("alice", "x"), poison));
        peer.getOutputStream().flush();
        assertThat(closedByNode(peer, Duration.ofSeconds(10))).as(poison).isTrue();
      }
    }
    assertThat(eventually(Duration.ofSeconds(10), () -> network.stats().framesRejected() == 2))
        .isTrue();
    assertThat(network.codecFailures().lines()).isEqualTo(1); // the second within the interval
    try (Socket honest = authenticated(at, "alice", "server", config.secret())) {
      honest.getOutputStream().write(frame("inbox", new Address("alice", "x"), "still here"));
      assertThat(server.receive(Duration.ofSeconds(10)).orElseThrow().message())
          .isEqualTo("still here");
    }
    Thread.sleep(100); // an escaped Error reaches the handler as its thread ends
    assertThat(escaped).isEmpty();
  }

  @Test
  void aVirtualMachineErrorIsNotTakenForABadFrame() throws Exception {
    bindFragile("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
      peer.getOutputStream().write(frame("inbox", new Address("alice", "x"), "internal"));
      peer.getOutputStream().flush();
      assertThat(eventually(Duration.ofSeconds(10), () -> !escaped.isEmpty())).isTrue();
    }
    assertThat(escaped).singleElement().isInstanceOf(InternalError.class);
    assertThat(network.stats().framesRejected()).isZero();
  }

  @Test
  void aSenderOfThisNetworkReconnectsAfterItsConnectionWasClosed() throws Exception {
    Endpoint<String> server = bindFragile("server", "inbox");
    Endpoint<String> alice = AsNode.bind(network, "alice", "out");
    alice.send(server.address(), "deep");
    assertThat(eventually(Duration.ofSeconds(10), () -> network.stats().framesRejected() == 1))
        .isTrue();
    String got = null;
    for (int i = 0; i < 50 && got == null; i++) { // a send into the closing connection is lost
      alice.send(server.address(), "after");
      got = server.receive(Duration.ofMillis(200)).map(Envelope::message).orElse(null);
    }
    assertThat(got).isEqualTo("after");
    assertThat(escaped).isEmpty();
  }

  @Test
  void theReportIsOneLineNamingPeerServicePhaseAndFix() {
    String line = TcpInbound.codecFailure("alice", "inbox", new AssertionError("a\nb"));
    assertThat(line).doesNotContain("\n")
        .contains("\"alice\"", "\"inbox\"", "decoding", "AssertionError: a b", "Fix: ");
  }
}
