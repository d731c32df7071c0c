package io.steelmill.platform;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual challenge-response with which a TCP connection starts, before any frame. The
 * connecting node sends a magic number, its own name, the name of the node it wants and a fresh
 * 32-byte nonce; the listening node answers with its own nonce and a proof, HMAC-SHA256 of the
 * cluster secret over a label, both nonces and both names; the connecting node checks it and
 * sends its proof, under another label (so a proof can never be reflected back), and the listener
 * confirms with one byte. Fresh nonces on both sides make every proof single-use; proofs are
 * compared in constant time ({@link MessageDigest#isEqual}). The listener then knows the peer's
 * node name, and accepts only frames sent in that name.
 */
final class Handshake {
  static final int MAGIC = 0x53544d31; // "STM1"
  private static final int NONCE_BYTES = 32;
  private static final int MAX_NAME_BYTES = 4 * Names.MAX_BYTES;
  private static final byte ACCEPTED = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The handshake failed: wrong secret, wrong protocol, or a malformed message. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private Handshake() {}

  /** The connecting side: proves itself as {@code self} to {@code peer}, and checks the peer. */
  static void connect(InputStream rawIn, OutputStream rawOut, String self, String peer,
      ClusterSecret secret) throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    DataOutputStream out = new DataOutputStream(rawOut);
    byte[] clientNonce = nonce();
    out.writeInt(MAGIC);
    writeName(out, self);
    writeName(out, peer);
    out.write(clientNonce);
    out.flush();
    if (in.readInt() != MAGIC) {
      throw new Refused(peer + " does not speak the steelmill protocol");
    }
    byte[] serverNonce = in.readNBytes(NONCE_BYTES);
    byte[] serverProof = in.readNBytes(32);
    byte[] expected = proof(secret, "server", clientNonce, serverNonce, self, peer);
    if (serverProof.length < 32 || !MessageDigest.isEqual(serverProof, expected)) {
      throw new Refused(peer + " failed to prove it holds the cluster secret");
    }
    out.write(proof(secret, "client", clientNonce, serverNonce, self, peer));
    out.flush();
    if (in.read() != ACCEPTED) {
      throw new Refused(peer + " refused our proof: is the cluster secret the same on both?");
    }
  }

  /** The listening side, for node {@code self}: returns the authenticated peer's node name. */
  static String accept(InputStream rawIn, OutputStream rawOut, String self, ClusterSecret secret)
      throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    DataOutputStream out = new DataOutputStream(rawOut);
    if (in.readInt() != MAGIC) {
      throw new Refused("not the steelmill protocol (wrong magic number)");
    }
    String peer = readName(in);
    String target = readName(in);
    if (!target.equals(self)) {
      throw new Refused(Names.quoted(peer) + " wants node " + Names.quoted(target)
          + ", this is " + self);
    }
    byte[] clientNonce = readFully(in, NONCE_BYTES);
    byte[] serverNonce = nonce();
    out.writeInt(MAGIC);
    out.write(serverNonce);
    out.write(proof(secret, "server", clientNonce, serverNonce, peer, self));
    out.flush();
    byte[] clientProof = readFully(in, 32);
    if (!MessageDigest.isEqual(clientProof,
        proof(secret, "client", clientNonce, serverNonce, peer, self))) {
      throw new Refused(Names.quoted(peer) + " failed to prove it holds the cluster secret");
    }
    out.write(ACCEPTED);
    out.flush();
    return peer;
  }

  static void writeName(DataOutputStream out, String name) throws IOException {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  static String readName(DataInputStream in) throws IOException {
    int length = in.readUnsignedShort();
    if (length > MAX_NAME_BYTES) {
      throw new Refused("a name of " + length + " bytes");
    }
    String name = strictUtf8(readFully(in, length));
    String problem = Names.problem(name);
    if (problem != null) {
      throw new Refused("the name " + Names.quoted(name) + ": " + problem);
    }
    return name;
  }

  private static String strictUtf8(byte[] bytes) throws Refused {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Refused("a name that is not UTF-8");
    }
  }

  private static byte[] readFully(DataInputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  private static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  static byte[] proof(ClusterSecret secret, String label, byte[] clientNonce, byte[] serverNonce,
      String client, String server) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
      for (byte[] part : new byte[][] {("steelmill-" + label + "-v1").getBytes(
          StandardCharsets.UTF_8), clientNonce, serverNonce,
          client.getBytes(StandardCharsets.UTF_8), server.getBytes(StandardCharsets.UTF_8)}) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
