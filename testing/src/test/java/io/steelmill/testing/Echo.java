package io.steelmill.testing;

import io.steelmill.Daemon;
import io.steelmill.Factory;
import io.steelmill.platform.Address;
import io.steelmill.platform.Clock;
import io.steelmill.platform.Codec;
import io.steelmill.platform.Endpoint;
import io.steelmill.platform.Envelope;
import io.steelmill.platform.Network;
import io.steelmill.runtime.Lifecycle;
import java.time.Duration;

/** A node that echoes, and asks its right-hand neighbour to echo, over the platform network. */
@Factory
public interface Echo {
  Server server();

  Client client();

  /** What the production build needs to bind its TCP network (validated in every build). */
  @io.steelmill.Provides
  static io.steelmill.platform.NetworkConfig networkConfig() {
    return io.steelmill.platform.NetworkConfig.loopback();
  }

  @Daemon
  final class Server implements Lifecycle {
    private final Network network;
    private Endpoint<String> endpoint;

    Server(Network network) {
      this.network = network;
    }

    @Override
    public void prepare() {
      endpoint = network.bind("echo", Codec.utf8());
    }

    @Override
    public void run() throws InterruptedException {
      try {
        while (true) {
          Envelope<String> request = endpoint.receive();
          endpoint.send(request.from(), request.message());
        }
      } catch (IllegalStateException closed) {
        // stopped
      }
    }

    @Override
    public void stop() {
      endpoint.close();
    }
  }

  @Daemon
  final class Client implements Lifecycle {
    private final Network network;
    private final Clock clock;
    private Endpoint<String> endpoint;
    private volatile int replies;

    Client(Network network, Clock clock) {
      this.network = network;
      this.clock = clock;
    }

    public int replies() {
      return replies;
    }

    @Override
    public void prepare() {
      endpoint = network.bind("client", Codec.utf8());
    }

    @Override
    public void run() throws InterruptedException {
      String self = endpoint.address().node();
      String peer = "n" + ((Integer.parseInt(self.substring(1)) + 1) % 3);
      try {
        while (true) {
          endpoint.send(new Address(peer, "echo"), "hi");
          if (endpoint.receive(Duration.ofMillis(50)).isPresent()) {
            replies++;
          }
          clock.sleep(Duration.ofMillis(10));
        }
      } catch (IllegalStateException closed) {
        // stopped
      }
    }

    @Override
    public void stop() {
      endpoint.close();
    }
  }
}
