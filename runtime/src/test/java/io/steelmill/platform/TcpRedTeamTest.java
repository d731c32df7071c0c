package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.authenticated;
import static io.steelmill.platform.TcpPeers.closedByNode;
import static io.steelmill.platform.TcpPeers.eventually;
import static io.steelmill.platform.TcpPeers.frame;
import static io.steelmill.platform.TcpPeers.raw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A second battery of hostile peers, of the kinds {@link TcpAuthenticationTest} and the budget,
 * flood and fuzz tests do not cover: a forged reply to another node's call, a slowloris holding
 * every slot with connections that never authenticate, a replayed handshake, lengths at and past
 * every edge, a frame cut off mid-body, sends to unknown services and to the node itself. Real
 * sockets throughout; the node keeps serving its honest peers.
 */
class TcpRedTeamTest {
  private final NetworkConfig config = NetworkConfig.loopback()
      .withLimits(TcpLimits.defaults().withMaxConnections(4)
          .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
  private final TcpNetwork network = new TcpNetwork(config);
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    sockets.forEach(TcpPeers::closeQuietly);
    network.stop();
  }

  private Endpoint<String> bind(String node, String service) {
    return AsNode.bind(network, node, service);
  }

  private Socket keep(Socket socket) {
    sockets.add(socket);
    return socket;
  }

  @Test
  void aReplyFromAnyoneButTheCalleeDoesNotAnswerACall() throws Exception {
    Endpoint<String> alice = bind("alice", "client");
    Endpoint<String> server = bind("server", "svc");
    InetSocketAddress aliceAt = network.listenAddress("alice");
    CompletableFuture<Optional<String>> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return alice.call(server.address(), "question", Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Envelope<String> request = server.receive(Duration.ofSeconds(10)).orElseThrow();
    // mallory holds the secret (an insider) but was not called: it guesses the request ids
    Socket mallory = keep(authenticated(aliceAt, "mallory", "alice", config.secret()));
    OutputStream out = mallory.getOutputStream();
    for (long id = 1; id <= 20; id++) {
      out.write(Frames.encode("client", new Address("mallory", "svc"), 0, id,
          "forged".getBytes(StandardCharsets.UTF_8)));
    }
    out.flush();
    assertThat(eventually(Duration.ofSeconds(10), () -> network.stats().forgedSenders() >= 1))
        .isTrue();
    assertThat(answer).isNotDone();
    server.reply(request, "genuine");
    assertThat(answer.get()).contains("genuine");
  }

  @Test
  void connectionsThatNeverAuthenticateCannotLockAnHonestPeerOut() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    List<Socket> idle = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // three times maxConnections, each silent or half a handshake
      Socket socket = keep(raw(at));
      if (i % 2 == 1) {
        new DataOutputStream(socket.getOutputStream()).writeInt(Handshake.MAGIC);
      }
      idle.add(socket);
    }
    assertThat(eventually(Duration.ofSeconds(10),
        () -> network.listener("server").connections() <= 4)).isTrue();
    for (int round = 0; round < 3; round++) {
      try (Socket honest = authenticated(at, "alice", "server", config.secret())) {
        honest.getOutputStream().write(frame("inbox", new Address("alice", "x"), "hi " + round));
        assertThat(server.receive(Duration.ofSeconds(10)).orElseThrow().message())
            .isEqualTo("hi " + round);
      }
    }
    assertThat(closedByNode(idle.get(0), Duration.ofSeconds(5))).isTrue();
    assertThat(network.stats().connectionsRefused()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void aReplayedHandshakeFailsAndDeliversNothing() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    try (Socket first = raw(at)) {
      OutputStream tee = new OutputStream() {
        private final OutputStream real = first.getOutputStream();

        @Override
        public void write(int b) throws java.io.IOException {
          recorded.write(b);
          real.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
          recorded.write(b, off, len);
          real.write(b, off, len);
        }
      };
      Handshake.connect(first.getInputStream(), tee, "alice", "server", config.secret());
      tee.write(frame("inbox", new Address("alice", "x"), "original"));
      assertThat(server.receive(Duration.ofSeconds(10)).orElseThrow().message())
          .isEqualTo("original");
    }
    try (Socket replay = raw(at)) {
      replay.getOutputStream().write(recorded.toByteArray()); // the handshake and the frame
      assertThat(closedByNode(replay, Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.receive(Duration.ofMillis(300))).isEmpty();
    assertThat(network.stats().handshakesFailed()).isEqualTo(1);
  }

  @Test
  void everyBadLengthClosesOnlyItsConnectionAndTheBudgetIsWhole() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    long budget = network.listener("server").budget().available();
    int[] lengths = {0, 1, Frames.MIN_BODY - 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
        config.limits().maxFrameBytes() + 1};
    for (int length : lengths) {
      try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
        DataOutputStream out = new DataOutputStream(peer.getOutputStream());
        out.writeInt(length);
        out.write(new byte[64]);
        out.flush();
        assertThat(closedByNode(peer, Duration.ofSeconds(10))).as("length " + length).isTrue();
      }
    }
    // a big frame cut off mid-body: the connection ends, its reserved buffer comes back
    try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
      DataOutputStream out = new DataOutputStream(peer.getOutputStream());
      out.writeInt(1 << 20);
      out.write(new byte[1000]);
      out.flush();
    }
    assertThat(eventually(Duration.ofSeconds(10),
        () -> network.listener("server").budget().available() == budget)).isTrue();
    assertThat(server.receive(Duration.ofMillis(300))).isEmpty();
    try (Socket honest = authenticated(at, "alice", "server", config.secret())) {
      honest.getOutputStream().write(frame("inbox", new Address("alice", "x"), "still here"));
      assertThat(server.receive(Duration.ofSeconds(10)).orElseThrow().message())
          .isEqualTo("still here");
    }
    assertThat(network.stats().framesRejected()).isEqualTo(lengths.length);
  }

  @Test
  void framesToUnknownServicesAreDroppedWithoutHurtingTheRest() throws Exception {
    Endpoint<String> server = bind("server", "inbox");
    InetSocketAddress at = network.listenAddress("server");
    try (Socket peer = authenticated(at, "alice", "server", config.secret())) {
      OutputStream out = peer.getOutputStream();
      for (int i = 0; i < 2_000; i++) {
        out.write(frame("nobody-" + i, new Address("alice", "x"), "lost " + i));
      }
      out.write(frame("inbox", new Address("alice", "x"), "found"));
      out.flush();
      assertThat(server.receive(Duration.ofSeconds(10)).orElseThrow().message())
          .isEqualTo("found");
    }
    assertThat(server.receive(Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void aNodeCanSendToItselfAndCallItself() throws Exception {
    Endpoint<String> a = bind("self", "a");
    Endpoint<String> b = bind("self", "b");
    a.send(b.address(), "to myself");
    Envelope<String> got = b.receive(Duration.ofSeconds(10)).orElseThrow();
    assertThat(got.message()).isEqualTo("to myself");
    assertThat(got.from()).isEqualTo(a.address());
    CompletableFuture<Optional<String>> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return a.call(b.address(), "ping", Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    b.reply(b.receive(Duration.ofSeconds(10)).orElseThrow(), "pong");
    assertThat(answer.get()).contains("pong");
    assertThat(network.stats().forgedSenders()).isZero();
  }
}
