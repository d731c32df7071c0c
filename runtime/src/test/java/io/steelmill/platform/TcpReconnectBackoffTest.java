package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that is down costs a bounded number of connects, not one per message: after a failed
 * attempt the connection waits a jittered, growing backoff (at most {@code reconnectBackoffMax})
 * and drops what is sent meanwhile. Real sockets: a port nobody listens on, and a listener that
 * hangs up on every connection before the handshake.
 */
class TcpReconnectBackoffTest {
  private static final Duration MAX = Duration.ofMillis(200);
  private static final int MESSAGES = 3_000;
  private final ClusterSecret secret = ClusterSecret.generate();
  private TcpNetwork network;

  @AfterEach
  void stop() {
    if (network != null) {
      network.stop();
    }
  }

  private Endpoint<String> aliceTowards(InetSocketAddress bob) {
    network = new TcpNetwork(NetworkConfig.of(InetAddress.getLoopbackAddress(),
        Map.of("bob", bob), secret).withLimits(TcpLimits.defaults().withReconnectBackoff(MAX)));
    return AsNode.bind(network, "alice", "out");
  }

  /** A loopback port that was free a moment ago: connecting to it is refused. */
  private static InetSocketAddress closedPort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return (InetSocketAddress) probe.getLocalSocketAddress();
    }
  }

  /**
   * The most attempts a backoff allows in {@code elapsedMillis}: 1 ms doubling to 200 ms, each
   * wait at least half its step, so 9 attempts reach the top and then one per 100 ms at most.
   */
  private static long mostAttempts(long elapsedMillis) {
    return 9 + elapsedMillis / (MAX.toMillis() / 2) + 1;
  }

  @Test
  void messagesToAClosedPortCostABoundedNumberOfConnects() throws Exception {
    Endpoint<String> alice = aliceTowards(closedPort());
    long began = System.nanoTime();
    for (int i = 0; i < MESSAGES; i++) {
      alice.send(new Address("bob", "in"), "m" + i);
    }
    assertThat(eventually(Duration.ofSeconds(60),
        () -> network.stats().sendsDropped() == MESSAGES)).isTrue();
    long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
    long attempts = network.stats().connectFailures();
    assertThat(attempts).as("%d ms", elapsedMillis).isBetween(1L, mostAttempts(elapsedMillis));
  }

  @Test
  void aRefusedHandshakeIsToldToCheckTheSecretNotToStartThePeer() {
    assertThat(TcpConnection.fixFor(new Handshake.Refused("bob refused our proof"), "bob"))
        .contains("ClusterSecret").doesNotContain("start node");
    assertThat(TcpConnection.fixFor(new java.net.ConnectException("Connection refused"), "bob"))
        .contains("start node \"bob\"");
  }

  @Test
  void aPeerThatHangsUpBeforeTheHandshakeIsRetriedWithBackoffToo() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = Thread.ofVirtual().start(() -> {
        while (!rude.isClosed()) {
          try (Socket socket = rude.accept()) {
            accepted.incrementAndGet(); // and hang up at once
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      Endpoint<String> alice = aliceTowards((InetSocketAddress) rude.getLocalSocketAddress());
      long began = System.nanoTime();
      for (int i = 0; i < MESSAGES; i++) {
        alice.send(new Address("bob", "in"), "m" + i);
      }
      assertThat(eventually(Duration.ofSeconds(60),
          () -> network.stats().sendsDropped() == MESSAGES)).isTrue();
      long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
      assertThat((long) accepted.get()).as("%d ms", elapsedMillis)
          .isBetween(1L, mostAttempts(elapsedMillis));
      rude.close();
      acceptor.join(10_000);
    }
  }

  @Test
  void aPeerThatComesUpIsReachedOnceItsBackoffIsOver() throws Exception {
    InetSocketAddress bobAt = closedPort();
    Endpoint<String> alice = aliceTowards(bobAt);
    alice.send(new Address("bob", "in"), "lost");
    assertThat(eventually(Duration.ofSeconds(10), () -> network.stats().connectFailures() >= 1))
        .isTrue();
    // bob comes up on that port, in a network of its own sharing alice's secret
    TcpNetwork bobs = new TcpNetwork(NetworkConfig.of(bobAt.getAddress(), Map.of("bob", bobAt),
        secret));
    try {
      Endpoint<String> bob = AsNode.bind(bobs, "bob", "in");
      String got = null;
      for (int i = 0; i < 100 && got == null; i++) {
        alice.send(bob.address(), "hello");
        got = bob.receive(Duration.ofMillis(100)).map(Envelope::message).orElse(null);
      }
      assertThat(got).isEqualTo("hello");
    } finally {
      bobs.stop();
    }
  }

  @Test
  void eachWaitLiesInItsJitteredStepAndTheSamePairWaitsTheSame() {
    long max = MAX.toNanos();
    for (int failure = 1; failure < 70; failure++) {
      long step = Math.min(max, 1_000_000L << Math.min(failure - 1, 40));
      long wait = ReconnectBackoff.waitNanos(failure, max, 42);
      assertThat(wait).as("failure %d", failure).isBetween(step - step / 2, step);
      assertThat(ReconnectBackoff.waitNanos(failure, max, 42)).isEqualTo(wait);
    }
    ReconnectBackoff ab = new ReconnectBackoff("a", "b", MAX);
    ReconnectBackoff ba = new ReconnectBackoff("b", "a", MAX);
    boolean differ = false;
    for (int i = 0; i < 10; i++) {
      differ |= ab.failed() != ba.failed();
    }
    assertThat(differ).as("two pairs retry out of step").isTrue();
    ab.reached();
    assertThat(ab.failures()).isZero();
    assertThat(ab.failed()).isBetween(500_000L, 1_000_000L);
  }
}
