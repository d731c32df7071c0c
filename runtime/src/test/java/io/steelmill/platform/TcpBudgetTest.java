package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.authenticated;
import static io.steelmill.platform.TcpPeers.closedByNode;
import static io.steelmill.platform.TcpPeers.eventually;
import static io.steelmill.platform.TcpPeers.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every budget of {@link TcpLimits} on real loopback sockets: the connection cap, slowloris
 * handshakes and frames, oversized frames, a fast sender to a slow consumer, and an accept that
 * keeps failing. After each attack an honest peer is still served.
 */
class TcpBudgetTest {
  private final List<TcpNetwork> networks = new ArrayList<>();

  @AfterEach
  void stop() {
    networks.forEach(TcpNetwork::stop);
  }

  private TcpNetwork network(TcpLimits limits) {
    TcpNetwork network = new TcpNetwork(NetworkConfig.loopback().withLimits(limits));
    networks.add(network);
    return network;
  }

  private static Endpoint<String> bind(TcpNetwork network, String node, String service) {
    return AsNode.bind(network, node, service);
  }

  /**
   * Sends until a reply comes back (the network may drop), for at most 60 s; each call waits
   * twice as long as the one before (up to 5 s), so a loaded machine's slow reply still counts.
   */
  static void assertServed(Endpoint<String> client, Address echo) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Duration wait = Duration.ofMillis(100);
    for (int i = 0; System.nanoTime() < deadline; i++) {
      if (client.call(echo, "ping " + i, wait).isPresent()) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
          ? Duration.ofSeconds(5) : wait.multipliedBy(2);
    }
    throw new AssertionError("the honest peer was not served within 60 s");
  }

  static void echo(Endpoint<String> server) {
    Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Envelope<String> request = server.receive();
          if (request.isRequest()) {
            server.reply(request, "pong");
          }
        }
      } catch (InterruptedException | IllegalStateException e) {
        // stopped
      }
    });
  }

  @Test
  void connectionsBeyondTheCapAreClosedAndSlowHandshakesTimeOut() throws Exception {
    // the handshake timeout is long enough that the 30 sockets are open before the first 8
    // time out, however slowly a loaded machine opens them: the cap, not the timeout, is tested
    TcpNetwork network = network(TcpLimits.defaults().withMaxConnections(8)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3)));
    echo(bind(network, "server", "echo"));
    InetSocketAddress at = network.listenAddress("server");
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 30; i++) {
        Socket socket = TcpPeers.raw(at);
        socket.getOutputStream().write(0x53); // one byte of the magic, then nothing: slowloris
        idle.add(socket);
      }
      AtomicInteger mostOpen = new AtomicInteger();
      assertThat(eventually(Duration.ofSeconds(60), () -> {
        mostOpen.accumulateAndGet(network.listener("server").connections(), Math::max);
        TcpStats stats = network.stats();
        return stats.connectionsRefused() + stats.handshakesFailed() == 30;
      })).as("%s", network.stats()).isTrue();
      assertThat(mostOpen.get()).isLessThanOrEqualTo(8);
      assertThat(network.stats().connectionsRefused()).isPositive();
      for (int i = 0; i < idle.size(); i++) {
        assertThat(closedByNode(idle.get(i), Duration.ofSeconds(5)))
            .as("socket %d, %s", i, network.stats()).isTrue();
      }
      assertThat(network.stats().handshakesFailed()).isPositive();
      assertServed(bind(network, "client", "rpc"), new Address("server", "echo"));
    } finally {
      idle.forEach(TcpPeers::closeQuietly);
    }
  }

  @Test
  void aFrameTrickledByteByByteTimesOut() throws Exception {
    TcpNetwork network = network(TcpLimits.defaults()
        .withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(5)));
    Endpoint<String> server = bind(network, "server", "echo");
    echo(server);
    NetworkConfig config = configOf(network);
    try (Socket peer = authenticated(network.listenAddress("server"), "slow", "server",
        config.secret())) {
      byte[] whole = frame("echo", new Address("slow", "x"), "x".repeat(100));
      OutputStream out = peer.getOutputStream();
      boolean cut = false;
      for (int i = 0; i < whole.length && !cut; i++) {
        try {
          out.write(whole[i]);
          out.flush();
          Thread.sleep(20);
        } catch (IOException e) {
          cut = true;
        }
      }
      assertThat(cut || closedByNode(peer, Duration.ofSeconds(5))).isTrue();
    }
    assertThat(network.stats().framesTimedOut()).isEqualTo(1);
    assertServed(bind(network, "client", "rpc"), new Address("server", "echo"));
  }

  @Test
  void oversizedAndUndersizedLengthPrefixesCloseTheConnection() throws Exception {
    TcpNetwork network = network(TcpLimits.defaults().withMaxFrameBytes(1024));
    Endpoint<String> server = bind(network, "server", "echo");
    echo(server);
    NetworkConfig config = configOf(network);
    for (int length : new int[] {1025, Integer.MAX_VALUE, -1, 0, Frames.MIN_BODY - 1}) {
      try (Socket peer = authenticated(network.listenAddress("server"), "big", "server",
          config.secret())) {
        new DataOutputStream(peer.getOutputStream()).writeInt(length);
        assertThat(closedByNode(peer, Duration.ofSeconds(5))).as("length %d", length).isTrue();
      }
    }
    assertThat(network.stats().framesRejected()).isEqualTo(5);
    Endpoint<String> client = bind(network, "client", "rpc");
    assertThatThrownBy(() -> client.send(server.address(), "x".repeat(2000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceeds TcpLimits.maxFrameBytes (1024)");
    assertServed(client, server.address());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFastSenderToASlowConsumerIsPausedThenDroppedAndTheInboxStaysBounded() throws Exception {
    long inboxBytes = 4L << 20;
    TcpNetwork network = network(TcpLimits.defaults()
        .withInbox(1_000, inboxBytes, Duration.ofMillis(100)).withOutboxBytes(8L << 20));
    Endpoint<String> slow = bind(network, "server", "slow");
    Endpoint<String> fast = bind(network, "client", "fast");
    String megabyte = "m".repeat(1 << 20);
    long sent = 0;
    long mostQueued = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (network.stats().inboxDrops() < 5 && System.nanoTime() < deadline) {
      fast.send(slow.address(), megabyte); // never blocks: queued or dropped
      sent++;
      mostQueued = Math.max(mostQueued, ((TcpEndpoint<String>) slow).queuedBytes());
      Thread.sleep(1);
    }
    TcpStats stats = network.stats();
    assertThat(stats.inboxPauses()).isPositive();
    assertThat(stats.inboxDrops()).isGreaterThanOrEqualTo(5);
    assertThat(sent).isGreaterThan(8);
    assertThat(mostQueued).isPositive().isLessThanOrEqualTo(inboxBytes);
    // the consumer is reading again: new messages flow
    fast.send(slow.address(), "after the flood");
    assertThat(eventually(Duration.ofSeconds(10), () -> received(slow, "after the flood")))
        .isTrue();
  }

  private static boolean received(Endpoint<String> endpoint, String message) {
    try {
      return endpoint.receive(Duration.ofMillis(50))
          .map(e -> e.message().equals(message)).orElse(false);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * File descriptor exhaustion is simulated by a server socket whose {@code accept} throws the
   * error the JDK throws then ("Too many open files"): exhausting the real limit would starve
   * the test JVM itself. Without a backoff the loop would fail millions of times a second.
   */
  @Test
  void aFailingAcceptBacksOffLogsOncePerIntervalAndRecovers() throws Exception {
    // logged at most once an hour: however long this test takes, one line
    TcpNetwork network = network(TcpLimits.defaults()
        .withAcceptBackoff(Duration.ofMillis(200), Duration.ofHours(1)));
    AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
    AtomicInteger calls = new AtomicInteger();
    ServerSocket failing = new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        calls.incrementAndGet();
        if (failuresLeft.getAndDecrement() > 0) {
          throw new IOException("Too many open files");
        }
        return super.accept();
      }
    };
    failing.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
    InetSocketAddress at = (InetSocketAddress) failing.getLocalSocketAddress();
    long began = System.nanoTime();
    TcpListener listener = new TcpListener(network, "server", failing, at);
    try {
      // the backoff after each failure: 1, 2, 4 ... 128 ms, then 200 ms; 12 failures take 0.86 s
      assertThat(eventually(Duration.ofSeconds(60), () -> calls.get() >= 12)).isTrue();
      int failed = calls.get();
      long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
      // at most 10 + elapsed / 200 ms failures, however the machine is loaded (the sleeps only
      // grow); a loop without a backoff fails millions of times a second
      assertThat(failed).as("%d ms", elapsedMillis).isLessThanOrEqualTo(
          10 + (int) (elapsedMillis / 200));
      assertThat(network.stats().acceptFailures()).isBetween(12L, (long) calls.get());
      assertThat(listener.acceptFailures().lines()).isEqualTo(1);
      failuresLeft.set(0);
      try (Socket peer = TcpPeers.raw(at)) {
        peer.getOutputStream().write(new byte[] {1, 2, 3, 4});
        assertThat(closedByNode(peer, Duration.ofSeconds(5))).as("accepted, then refused").isTrue();
      }
      assertThat(network.stats().handshakesFailed()).isEqualTo(1);
    } finally {
      listener.close();
    }
  }

  @Test
  void limitsAreValidated() {
    TcpLimits limits = TcpLimits.defaults();
    assertThatThrownBy(() -> limits.withMaxConnections(0))
        .hasMessageContaining("TcpLimits.maxConnections must be between 1 and");
    assertThatThrownBy(() -> limits.withMaxFrameBytes(-1)).hasMessageContaining("maxFrameBytes");
    assertThatThrownBy(() -> limits.withInbox(10, 10, Duration.ofSeconds(-1)))
        .hasMessageContaining("inboxWait must not be negative");
    assertThatThrownBy(() -> limits.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("frameTimeout must be positive");
    assertThatThrownBy(() -> limits.withBuffers(0, 1)).hasMessageContaining("connectionBuffer");
  }

  private static NetworkConfig configOf(TcpNetwork network) throws Exception {
    java.lang.reflect.Field field = TcpNetwork.class.getDeclaredField("config");
    field.setAccessible(true);
    return (NetworkConfig) field.get(network);
  }
}
