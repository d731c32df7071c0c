package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production network over real loopback TCP: the same request/response as in simulation. */
class TcpNetworkTest {
  private final TcpNetwork network = new TcpNetwork(NetworkConfig.loopback());

  @AfterEach
  void stop() {
    network.stop();
  }

  private Endpoint<String> bind(String node, String service) {
    return AsNode.bind(network, node, service);
  }

  private static Thread echo(Endpoint<String> server) {
    return Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Envelope<String> request = server.receive();
          server.send(request.from(), "echo " + request.message());
        }
      } catch (InterruptedException | IllegalStateException e) {
        // stopped
      }
    });
  }

  @Test
  void requestAndResponseOverLoopback() throws Exception {
    echo(bind("server", "echo"));
    Endpoint<String> client = bind("client", "rpc");

    for (int i = 0; i < 100; i++) {
      client.send(new Address("server", "echo"), "hello " + i);
      Envelope<String> reply = client.receive(Duration.ofSeconds(10)).orElseThrow();
      assertThat(reply.message()).isEqualTo("echo hello " + i);
      assertThat(reply.from()).isEqualTo(new Address("server", "echo"));
    }
    assertThat(network.listenAddress("server").getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void receiveTimesOutAndUnknownServicesAreDropped() throws Exception {
    Endpoint<String> client = bind("client", "rpc");
    bind("server", "other");
    client.send(new Address("server", "nobody-here"), "lost");
    assertThat(client.receive(Duration.ofMillis(100))).isEmpty();
  }

  @Test
  void aPeerSendingGarbageLosesItsConnectionAndTheNodeGoesOn() throws Exception {
    echo(bind("server", "echo"));
    InetSocketAddress server = network.listenAddress("server");
    try (Socket garbage = new Socket(server.getAddress(), server.getPort())) {
      OutputStream out = garbage.getOutputStream();
      new DataOutputStream(out).writeInt(Integer.MAX_VALUE); // an absurd frame length
      out.flush();
      assertThat(garbage.getInputStream().read()).isEqualTo(-1); // the node closed it
    }
    try (Socket garbage = new Socket(server.getAddress(), server.getPort())) {
      DataOutputStream out = new DataOutputStream(garbage.getOutputStream());
      out.writeInt(3);
      out.write(new byte[] {(byte) 0xff, 0x01, 0x02}); // a body that does not parse
      out.flush();
      assertThat(garbage.getInputStream().read()).isEqualTo(-1);
    }

    Endpoint<String> client = bind("client", "rpc");
    client.send(new Address("server", "echo"), "still there?");
    assertThat(client.receive(Duration.ofSeconds(10)).orElseThrow().message())
        .isEqualTo("echo still there?");
  }

  @Test
  void closedEndpointsAndBindingOutsideANodeAreClearErrors() throws Exception {
    Endpoint<String> endpoint = bind("a", "x");
    endpoint.close();
    assertThatThrownBy(endpoint::receive).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> network.bind("x", Codec.utf8()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside any node's code");
  }

  @Test
  void callsGetTheirOwnReplyAndLateRepliesAreDropped() throws Exception {
    Endpoint<String> server = bind("server", "rpc");
    // the slow reply is held until the call has given up: late however the threads are scheduled
    CountDownLatch gaveUp = new CountDownLatch(1);
    Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Envelope<String> request = server.receive();
          if (request.message().equals("slow") && !gaveUp.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the slow call never gave up");
          }
          server.reply(request, "re: " + request.message());
        }
      } catch (InterruptedException | IllegalStateException e) {
        // stopped
      }
    });
    Endpoint<String> client = bind("client", "rpc");
    Address to = new Address("server", "rpc");

    assertThat(client.call(to, "fast", Duration.ofSeconds(10))).contains("re: fast");
    assertThat(client.call(to, "slow", Duration.ofMillis(50))).isEmpty();
    gaveUp.countDown();
    // the late reply went out before "re: next" on the same connection: it has arrived by now
    assertThat(client.call(to, "next", Duration.ofSeconds(10))).contains("re: next");
    assertThat(client.receive(Duration.ofMillis(200))).as("the late reply was dropped").isEmpty();
  }
}
