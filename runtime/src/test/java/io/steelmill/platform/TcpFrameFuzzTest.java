package io.steelmill.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzzer throwing hostile byte streams at a running node over real sockets: garbage,
 * broken and wrongly keyed handshakes, mutated, truncated and oversized frames, forged senders,
 * and valid frames as a control. The node must deliver exactly the valid frames of authenticated
 * peers, close every other connection, and keep serving. Fixed seeds; a failure names the seed
 * and the case.
 */
class TcpFrameFuzzTest {
  static final long SEED = 0x5eed_f022L;
  static final int SOCKET_CASES = 1_200;
  static final int DECODER_CASES = 100_000;

  enum Kind { GARBAGE, BAD_HANDSHAKE, TRUNCATED_HANDSHAKE, WRONG_SECRET, MUTATED_FRAME, FORGED,
    GARBAGE_AFTER_AUTH, VALID }

  private final NetworkConfig config = NetworkConfig.loopback().withLimits(TcpLimits.defaults()
      .withMaxFrameBytes(64 << 10).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  private final TcpNetwork network = new TcpNetwork(config);
  private final ConcurrentLinkedQueue<Envelope<String>> received = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    network.stop();
  }

  @Test
  void hostileStreamsAreNeverDeliveredAndTheNodeKeepsServing() throws Exception {
    Endpoint<String> inbox = bind("server", "inbox");
    Thread.ofVirtual().start(() -> collect(inbox));
    InetSocketAddress at = network.listenAddress("server");
    TestRandom random = new TestRandom(SEED);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    int valid = 0;
    for (int i = 0; i < SOCKET_CASES; i++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      counts.merge(kind, 1, Integer::sum);
      valid += kind == Kind.VALID ? 1 : 0;
      try (Socket socket = TcpPeers.raw(at)) {
        play(kind, i, socket, random);
        socket.shutdownOutput();
        if (!TcpPeers.closedByNode(socket, Duration.ofSeconds(5))) {
          fail("seed %d, case %d (%s): the node kept the connection open", SEED, i, kind);
        }
      } catch (IOException e) {
        // the node closed it while we were still writing: fine
      }
    }
    int expected = valid;
    assertThat(TcpPeers.eventually(Duration.ofSeconds(10),
        () -> received.stream().filter(e -> e.message().startsWith("OK")).count() == expected))
        .as("seed %d: every valid frame delivered, %s", SEED, network.stats()).isTrue();
    for (Envelope<String> envelope : received) {
      assertThat(envelope.from().node()).as("seed %d: %s", SEED, envelope).isEqualTo("fuzzer");
      assertThat(envelope.message()).as("seed %d", SEED)
          .doesNotStartWith("UNAUTH").doesNotStartWith("FORGED");
    }
    assertThat(TcpPeers.eventually(Duration.ofSeconds(10),
        () -> network.listener("server").connections() == 0)).isTrue();
    Endpoint<String> client = bind("client", "rpc");
    client.send(inbox.address(), "OK still serving");
    assertThat(TcpPeers.eventually(Duration.ofSeconds(10),
        () -> received.stream().anyMatch(e -> e.message().equals("OK still serving")))).isTrue();
    System.out.println("fuzz seed " + SEED + ": " + SOCKET_CASES + " socket cases " + counts
        + ", " + network.stats());
  }

  /** The frame decoder alone: any bytes give a frame with safe names or a clear rejection. */
  @Test
  void theDecoderRejectsOrReturnsSafeNamesForAnyBytes() {
    TestRandom random = new TestRandom(SEED + 1);
    byte[] valid = body(TcpPeers.frame("inbox", new Address("fuzzer", "svc"), "payload"));
    int rejected = 0;
    for (int i = 0; i < DECODER_CASES; i++) {
      byte[] input = i % 2 == 0 ? mutate(valid, random) : bytes(random, random.nextInt(64));
      try {
        Frames.Decoded frame = Frames.decode(input);
        for (String name : List.of(frame.service(), frame.from().node(), frame.from().service())) {
          assertThat(Names.problem(name)).as("seed %d case %d", SEED + 1, i).isNull();
        }
        assertThat(frame.requestId()).isNotNegative();
        assertThat(frame.replyTo()).isNotNegative();
      } catch (IllegalArgumentException e) {
        rejected++;
      } catch (RuntimeException e) {
        fail("seed %d case %d: %s instead of IllegalArgumentException", SEED + 1, i, e);
      }
    }
    assertThat(rejected).isPositive().isLessThan(DECODER_CASES);
  }

  private void play(Kind kind, int i, Socket socket, TestRandom random) throws IOException {
    var out = socket.getOutputStream();
    switch (kind) {
      case GARBAGE -> out.write(bytes(random, random.nextInt(300)));
      case BAD_HANDSHAKE -> out.write(mutate(hello("fuzzer", "server"), random));
      case TRUNCATED_HANDSHAKE -> {
        byte[] hello = hello("fuzzer", "server");
        out.write(hello, 0, random.nextInt(hello.length));
      }
      case WRONG_SECRET -> {
        wrongSecretHandshake(socket);
        out.write(TcpPeers.frame("inbox", new Address("fuzzer", "x"), "UNAUTH" + i));
      }
      case MUTATED_FRAME -> {
        authenticate(socket);
        out.write(mutate(TcpPeers.frame("inbox", new Address("fuzzer", "x"), "M" + i), random));
      }
      case FORGED -> {
        authenticate(socket);
        String claimed = List.of("server", "client", "alice", "fuzzer2").get(random.nextInt(4));
        out.write(TcpPeers.frame("inbox", new Address(claimed, "x"), "FORGED" + i));
      }
      case GARBAGE_AFTER_AUTH -> {
        authenticate(socket);
        out.write(bytes(random, random.nextInt(300)));
      }
      case VALID -> {
        authenticate(socket);
        out.write(TcpPeers.frame("inbox", new Address("fuzzer", "x"), "OK" + i));
      }
    }
    out.flush();
  }

  private void authenticate(Socket socket) throws IOException {
    Handshake.connect(socket.getInputStream(), socket.getOutputStream(), "fuzzer", "server",
        config.secret());
  }

  private static void wrongSecretHandshake(Socket socket) throws IOException {
    try {
      Handshake.connect(socket.getInputStream(), socket.getOutputStream(), "fuzzer", "server",
          ClusterSecret.generate());
    } catch (Handshake.Refused expected) {
      // the node's proof does not match our secret; send ours anyway, as an attacker would
      socket.getOutputStream().write(new byte[32]);
    }
  }

  private static byte[] hello(String self, String target) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(Handshake.MAGIC);
    Handshake.writeName(out, self);
    Handshake.writeName(out, target);
    out.write(new byte[32]);
    return bytes.toByteArray();
  }

  /** Bit flips, a truncation, random bytes appended, or a length prefix replaced. */
  static byte[] mutate(byte[] original, TestRandom random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        int flips = 1 + random.nextInt(8);
        for (int f = 0; f < flips; f++) {
          int at = random.nextInt(bytes.length);
          bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      case 2 -> {
        byte[] tail = bytes(random, 1 + random.nextInt(64));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
        System.arraycopy(tail, 0, longer, bytes.length, tail.length);
        return longer;
      }
      default -> {
        int[] lengths = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 64 << 10, (64 << 10) + 1,
            bytes.length - 5, bytes.length - 3, (int) random.nextLong()};
        ByteBuffer.wrap(bytes).putInt(lengths[random.nextInt(lengths.length)]);
        return bytes;
      }
    }
  }

  private static byte[] bytes(TestRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextLong();
    }
    return bytes;
  }

  private static byte[] body(byte[] frame) {
    return java.util.Arrays.copyOfRange(frame, 4, frame.length);
  }

  private Endpoint<String> bind(String node, String service) {
    return AsNode.bind(network, node, service);
  }

  private void collect(Endpoint<String> inbox) {
    try {
      while (true) {
        received.add(inbox.receive());
      }
    } catch (InterruptedException | IllegalStateException e) {
      // stopped
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
