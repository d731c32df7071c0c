package io.steelmill.platform;

import static io.steelmill.platform.TcpPeers.authenticated;
import static io.steelmill.platform.TcpPeers.closedByNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that connects again and again while its older connections stay open here, silent: what
 * a node sees of a peer whose connections went half-open (its host lost power, a NAT forgot the
 * flow, a firewall dropped it) and that reconnects each time its side notices. Only connections
 * still in their handshake were ever closed to make room, so the authenticated, silent ones held
 * every slot for good and the node refused every other peer. Now a peer's new connection
 * replaces its older one. Real sockets on loopback; the peer is played by raw sockets that pass
 * the real handshake.
 */
class TcpReconnectingPeerTest {
  private final List<TcpNetwork> networks = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() {
    sockets.forEach(TcpPeers::closeQuietly);
    networks.forEach(TcpNetwork::stop);
  }

  @Test
  void aPeerReconnectingOverHalfOpenConnectionsHoldsOneSlotAndOthersAreServed()
      throws Exception {
    TcpNetwork network = new TcpNetwork(NetworkConfig.loopback()
        .withLimits(TcpLimits.defaults().withMaxConnections(4)));
    networks.add(network);
    Endpoint<String> server = AsNode.bind(network, "server", "echo");
    TcpBudgetTest.echo(server);
    InetSocketAddress at = network.listenAddress("server");
    for (int i = 0; i < 8; i++) { // twice the slots: each reconnection leaves the old one open
      sockets.add(authenticated(at, "flapping", "server", network.secret()));
    }
    assertThat(TcpPeers.eventually(Duration.ofSeconds(60),
        () -> network.listener("server").connections() == 1))
        .as("connections held for the peer, %s", network.stats()).isTrue();
    for (int i = 0; i < sockets.size() - 1; i++) {
      assertThat(closedByNode(sockets.get(i), Duration.ofSeconds(5)))
          .as("the peer's replaced connection %d", i).isTrue();
    }
    assertThat(closedByNode(sockets.get(sockets.size() - 1), Duration.ofMillis(200)))
        .as("the peer's newest connection").isFalse();
    TcpBudgetTest.assertServed(AsNode.bind(network, "client", "rpc"),
        new Address("server", "echo"));
  }
}
