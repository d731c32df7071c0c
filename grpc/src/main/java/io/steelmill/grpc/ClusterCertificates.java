package io.steelmill.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS identities of a cluster's gRPC nodes: a certificate authority every node trusts, and
 * per node a key with a certificate whose subject is {@code CN=<node name>}, signed by it. Both
 * ends of every connection present theirs (mutual TLS), so a server knows which node calls ({@link
 * GrpcPeer#caller()}) and a client knows it reached the node it meant. {@link #generate()} makes
 * a fresh authority for a cluster that lives in one process (its key never leaves memory); a
 * cluster spread over processes loads, in each, the authority's certificate and that process's
 * node identities from PEM files ({@link #load}), made with any PKI (openssl, cfssl, a vault).
 * {@code toString()} never shows a key. ECDSA P-256 keys, SHA-256 signatures.
 */
public final class ClusterCertificates {
  /** How long generated certificates are valid (a cluster of one process lives shorter). */
  static final Duration VALIDITY = Duration.ofDays(365);

  private final X509Certificate authority;
  private final KeyPair authorityKeys; // null when loaded: then no new identity can be issued
  private final Map<String, NodeIdentity> identities = new ConcurrentHashMap<>();

  /** A node's key and certificate. */
  record NodeIdentity(PrivateKey key, X509Certificate certificate) {
    @Override
    public String toString() {
      return "NodeIdentity[" + certificate.getSubjectX500Principal() + ", key hidden]";
    }
  }

  private ClusterCertificates(X509Certificate authority, KeyPair authorityKeys) {
    this.authority = authority;
    this.authorityKeys = authorityKeys;
  }

  /** A fresh authority for a cluster of one process; identities are issued on first use. */
  public static ClusterCertificates generate() {
    try {
      KeyPair keys = newKeyPair();
      byte[] name = Der.commonName("steelmill cluster authority");
      X509Certificate certificate = sign(name, name, keys.getPublic().getEncoded(), keys.getPrivate(),
          null);
      return new ClusterCertificates(certificate, keys);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate the cluster's certificate authority: "
          + e.getMessage(), e);
    }
  }

  /**
   * The authority's certificate and this process's node identities, from PEM files: {@code
   * nodes} maps each node name to its certificate file and its PKCS#8 private key file ({@code
   * -----BEGIN PRIVATE KEY-----}). Each certificate's subject must be {@code CN=<node name>}.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static ClusterCertificates load(Path authorityCertificate, Map<String, Path[]> nodes) {
    ClusterCertificates certificates =
        new ClusterCertificates(readCertificate(authorityCertificate), null);
    nodes.forEach((node, files) -> {
      if (files.length != 2) {
        throw new IllegalArgumentException("node " + node + ": give {certificate, key}, not "
            + files.length + " files");
      }
      X509Certificate certificate = readCertificate(files[0]);
      String subject = nodeName(certificate);
      if (!node.equals(subject)) {
        throw new IllegalArgumentException(files[0] + ": the subject is not CN=" + node + " but "
            + certificate.getSubjectX500Principal());
      }
      try {
        certificate.verify(certificates.authority.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(files[0] + " is not signed by the authority "
            + authorityCertificate + ": " + e.getMessage(), e);
      }
      certificates.identities.put(node, new NodeIdentity(readKey(files[1]), certificate));
    });
    return certificates;
  }

  /** The certificate every node trusts. */
  public X509Certificate authority() {
    return authority;
  }

  /**
   * {@code node}'s identity: issued now (generated authority) or loaded.
   *
   * @throws IllegalStateException if none was loaded for it
   */
  NodeIdentity identity(String node) {
    Objects.requireNonNull(node, "node");
    if (authorityKeys == null) {
      NodeIdentity loaded = identities.get(node);
      if (loaded == null) {
        throw new IllegalStateException("no certificate for node " + node + ": load one with "
            + "ClusterCertificates.load(authority, Map.of(\"" + node + "\", {cert, key}))");
      }
      return loaded;
    }
    return identities.computeIfAbsent(node, this::issue);
  }

  /**
   * {@code node}'s certificate, for tools and other gRPC clients that present it.
   *
   * @throws IllegalStateException if this configuration has none for it (loaded, not listed)
   */
  public X509Certificate certificate(String node) {
    return identity(node).certificate();
  }

  /**
   * {@code node}'s private key: this process's own identity, for a client that must present it
   * (never send it anywhere).
   *
   * @throws IllegalStateException if this configuration has none for it (loaded, not listed)
   */
  public PrivateKey privateKey(String node) {
    return identity(node).key();
  }

  /** The node name a certificate of this cluster names, or null for any other certificate. */
  static String nodeName(X509Certificate certificate) {
    return Der.readCommonName(certificate.getSubjectX500Principal().getEncoded());
  }

  private NodeIdentity issue(String node) {
    try {
      KeyPair keys = newKeyPair();
      X509Certificate certificate = sign(Der.commonName(node),
          authority.getSubjectX500Principal().getEncoded(), keys.getPublic().getEncoded(),
          authorityKeys.getPrivate(), node);
      return new NodeIdentity(keys.getPrivate(), certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for node " + node + ": "
          + e.getMessage(), e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  /**
   * An X.509 v3 certificate, signed with ecdsa-with-SHA256: the authority's ({@code node} null),
   * or a node's, which also names the node as a DNS subject alternative name when it is a valid
   * host name label, so that plain gRPC clients (with {@code overrideAuthority(node)}) and tools
   * can verify it too.
   */
  private static X509Certificate sign(byte[] subject, byte[] issuer, byte[] publicKeyInfo,
      PrivateKey signer, String node) throws GeneralSecurityException {
    boolean authority = node == null;
    byte[] algorithm = Der.sequence(Der.oid(1, 2, 840, 10045, 4, 3, 2));
    ZonedDateTime now = ZonedDateTime.now();
    byte[] serial = new byte[16];
    new SecureRandom().nextBytes(serial);
    byte[] basicConstraints = Der.sequence(Der.oid(2, 5, 29, 19), Der.bool(true),
        Der.octets(authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
    byte[] keyUsage = Der.sequence(Der.oid(2, 5, 29, 15), Der.bool(true),
        Der.octets(authority ? Der.tagged(0x03, new byte[] {1, 0x06}) // keyCertSign, cRLSign
            : Der.tagged(0x03, new byte[] {7, (byte) 0x80}))); // digitalSignature
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
        Der.integer(new BigInteger(1, serial)),
        algorithm,
        issuer,
        Der.sequence(Der.time(now.minusHours(1)), Der.time(now.plus(VALIDITY))),
        subject,
        publicKeyInfo,
        Der.explicit(3, node != null && node.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
            ? Der.sequence(basicConstraints, keyUsage, Der.sequence(Der.oid(2, 5, 29, 17),
                Der.octets(Der.sequence(Der.tagged(0x82,
                    node.getBytes(StandardCharsets.US_ASCII))))))
            : Der.sequence(basicConstraints, keyUsage)));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(signer);
    signature.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(signature.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static X509Certificate readCertificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("cannot read the certificate " + file + ": "
          + e.getMessage(), e);
    }
  }

  private static PrivateKey readKey(Path file) {
    try {
      String pem = Files.readString(file, StandardCharsets.US_ASCII);
      String begin = "-----BEGIN PRIVATE KEY-----";
      int start = pem.indexOf(begin);
      int end = pem.indexOf("-----END PRIVATE KEY-----");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
      for (String algorithm : new String[] {"EC", "RSA"}) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException wrongAlgorithm) {
          // try the next
        }
      }
      throw new IllegalArgumentException("neither an EC nor an RSA key");
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read the private key " + file + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ClusterCertificates[" + authority.getSubjectX500Principal() + ", keys hidden]";
  }
}
