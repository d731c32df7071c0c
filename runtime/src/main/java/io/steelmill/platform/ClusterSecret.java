package io.steelmill.platform;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The shared key with which the nodes of a production cluster authenticate each other: at
 * connect, both ends prove they hold it (an HMAC-SHA256 over both sides' fresh nonces and both
 * node names) before any frame is read. Every node of one cluster must be given the same secret,
 * for example from a file readable only by the service's user; {@link #generate()} makes a fresh
 * one for a cluster that lives in one process. {@code toString()} never shows the key.
 */
public final class ClusterSecret {
  /** Shorter keys are refused: an HMAC key should be as long as its 256-bit output. */
  public static final int MIN_BYTES = 32;

  private final byte[] key;

  private ClusterSecret(byte[] key) {
    if (key.length < MIN_BYTES) {
      throw new IllegalArgumentException("a cluster secret needs at least " + MIN_BYTES
          + " bytes, not " + key.length);
    }
    this.key = key.clone();
  }

  /** A fresh random secret (from {@link SecureRandom}). */
  public static ClusterSecret generate() {
    byte[] key = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(key);
    return new ClusterSecret(key);
  }

  /** The secret with these bytes (at least {@link #MIN_BYTES}). */
  public static ClusterSecret of(byte[] key) {
    return new ClusterSecret(key);
  }

  /** The secret from its Base64 text, as {@link #toBase64()} writes it. */
  public static ClusterSecret fromBase64(String text) {
    try {
      return new ClusterSecret(Base64.getDecoder().decode(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a cluster secret must be Base64: " + e.getMessage(), e);
    }
  }

  /** The key as Base64, to hand to the other processes of the cluster. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "ClusterSecret[hidden]";
  }
}
