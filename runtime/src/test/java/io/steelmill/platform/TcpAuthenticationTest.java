package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.authenticated;
import static io.steelmill.platform.TcpPeers.closedByNode;
import static io.steelmill.platform.TcpPeers.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peers prove they hold the cluster secret, both ways, before any frame is read; a frame is
 * accepted only in the name of the peer that authenticated.
 */
class TcpAuthenticationTest {
  private final NetworkConfig config = NetworkConfig.loopback()
      .withLimits(TcpLimits.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
  private final TcpNetwork network = new TcpNetwork(config);

  @AfterEach
  void stop() {
    network.stop();
  }

  private Endpoint<String> bind(String node, String service) {
    return AsNode.bind(network, node, service);
  }

  @Test
  void theRightSecretDeliversInTheAuthenticatedName() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
      peer.getOutputStream().write(frame("inbox", new Address("alice", "x"), "hi"));
      Envelope<String> got = server.receive(Duration.ofSeconds(10)).orElseThrow();
      assertThat(got.message()).isEqualTo("hi");
      assertThat(got.from()).isEqualTo(new Address("alice", "x"));
    }
    assertThat(network.stats().connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void aWrongSecretIsRefusedByTheNodeAndTheNodeIsRefusedByAPeerWithAnother() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    ClusterSecret other = ClusterSecret.generate();
    // the connecting side checks the node's proof first: a node with another secret is refused
    try (Socket peer = TcpPeers.raw(at)) {
      assertThatThrownBy(() -> Handshake.connect(peer.getInputStream(), peer.getOutputStream(),
          "mallory", "server", other))
          .isInstanceOf(Handshake.Refused.class)
          .hasMessageContaining("failed to prove it holds the cluster secret");
    }
    // a peer that ignores that and sends a proof made with its own secret, then frames
    try (Socket peer = TcpPeers.raw(at)) {
      DataOutputStream out = new DataOutputStream(peer.getOutputStream());
      DataInputStream in = new DataInputStream(peer.getInputStream());
      byte[] nonce = new byte[32];
      out.writeInt(Handshake.MAGIC);
      Handshake.writeName(out, "mallory");
      Handshake.writeName(out, "server");
      out.write(nonce);
      assertThat(in.readInt()).isEqualTo(Handshake.MAGIC);
      byte[] serverNonce = in.readNBytes(32);
      in.readNBytes(32);
      out.write(Handshake.proof(other, "client", nonce, serverNonce, "mallory", "server"));
      out.write(frame("inbox", new Address("mallory", "x"), "let me in"));
      out.flush();
      assertThat(closedByNode(peer, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.receive(Duration.ofMillis(300))).isEmpty();
    assertThat(network.stats().handshakesFailed()).isEqualTo(2);
  }

  @Test
  void aReflectedServerProofIsNotAClientProof() throws Exception {
    bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    try (Socket peer = TcpPeers.raw(at)) {
      DataOutputStream out = new DataOutputStream(peer.getOutputStream());
      DataInputStream in = new DataInputStream(peer.getInputStream());
      out.writeInt(Handshake.MAGIC);
      Handshake.writeName(out, "mallory");
      Handshake.writeName(out, "server");
      out.write(new byte[32]);
      in.readInt();
      in.readNBytes(32);
      byte[] serverProof = in.readNBytes(32);
      out.write(serverProof); // send the node's own proof back
      out.flush();
      assertThat(closedByNode(peer, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(network.stats().handshakesFailed()).isEqualTo(1);
    assertThat(network.stats().connectionsAccepted()).isZero();
  }

  @Test
  void framesWithoutAHandshakeAreNeverDelivered() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    try (Socket peer = TcpPeers.raw(network.listenAddress("server"))) {
      OutputStream out = peer.getOutputStream();
      out.write(frame("inbox", new Address("alice", "x"), "no handshake"));
      out.flush();
      assertThat(closedByNode(peer, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.receive(Duration.ofMillis(300))).isEmpty();
  }

  @Test
  void aForgedSenderClosesTheConnectionAndIsNotDelivered() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    try (Socket peer = authenticated(at, "mallory", "server", config.secret())) {
      peer.getOutputStream().write(frame("inbox", new Address("alice", "x"), "I am alice"));
      assertThat(closedByNode(peer, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.receive(Duration.ofMillis(300))).isEmpty();
    assertThat(network.stats().forgedSenders()).isEqualTo(1);
  }

  @Test
  void aHandshakeForAnotherNodeOrWithAHostileNameIsRefused() throws Exception {
    bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    for (String[] names : new String[][] {{"alice", "other"}, {"../x", "server"},
        {"", "server"}, {"a\0b", "server"}}) {
      try (Socket peer = TcpPeers.raw(at)) {
        assertThatThrownBy(() -> Handshake.connect(peer.getInputStream(), peer.getOutputStream(),
            names[0], names[1], config.secret())).isInstanceOf(java.io.IOException.class);
      }
    }
    assertThat(TcpPeers.eventually(Duration.ofSeconds(5),
        () -> network.stats().handshakesFailed() == 4)).isTrue();
  }

  @Test
  void networksWithTheSameSecretTalkAndAnotherSecretIsRefused() throws Exception {
    Endpoint<String> b = bind("b", "inbox");
    InetSocketAddress bAt = network.listenAddress("b");
    java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
    TcpNetwork same = new TcpNetwork(NetworkConfig.of(loopback, Map.of("b", bAt),
        ClusterSecret.fromBase64(config.secret().toBase64())));
    TcpNetwork wrong = new TcpNetwork(NetworkConfig.of(loopback, Map.of("b", bAt),
        ClusterSecret.generate()));
    try {
      bindOn(wrong, "w").send(b.address(), "from another cluster");
      assertThat(b.receive(Duration.ofMillis(500))).isEmpty();
      assertThat(TcpPeers.eventually(Duration.ofSeconds(5),
          () -> wrong.stats().sendsDropped() == 1)).isTrue();
      bindOn(same, "s").send(b.address(), "same cluster");
      Envelope<String> got = b.receive(Duration.ofSeconds(10)).orElseThrow();
      assertThat(got.message()).isEqualTo("same cluster");
      assertThat(got.from().node()).isEqualTo("s");
    } finally {
      same.stop();
      wrong.stop();
    }
    assertThat(config.secret().toString()).doesNotContain(config.secret().toBase64());
    assertThatThrownBy(() -> ClusterSecret.of(new byte[16]))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> ClusterSecret.fromBase64("not base64!"))
        .hasMessageContaining("Base64");
  }

  private static Endpoint<String> bindOn(TcpNetwork on, String node) {
    return AsNode.bind(on, node, "svc");
  }
}
