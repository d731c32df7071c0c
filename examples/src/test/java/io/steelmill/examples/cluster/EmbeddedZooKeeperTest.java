package io.steelmill.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The embedded ZooKeeper of {@code cluster run} listens on 127.0.0.1 only. On Linux every address
 * of 127.0.0.0/8 reaches the loopback interface, so a server bound to all interfaces would also
 * answer on 127.0.0.2; one bound to 127.0.0.1 refuses it.
 */
class EmbeddedZooKeeperTest {
  @Test
  void listensOnTheLoopbackAddressOnly() throws Exception {
    try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start()) {
      assertThat(server.connectString()).startsWith("127.0.0.1:");
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
        assertThat(socket.isConnected()).isTrue();
      }
      assertThatThrownBy(() -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), server.port()),
              5_000);
        }
      }).isInstanceOf(IOException.class);
    }
  }
}
