package io.steelmill.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's certificates: issued, loaded from PEM, and every bad file refused by name. */
class ClusterCertificatesTest {
  @TempDir Path dir;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void issuedCertificatesNameTheirNodeAndAreSignedByTheAuthority() throws Exception {
    ClusterCertificates certificates = ClusterCertificates.generate();
    X509Certificate node = certificates.certificate("n1");
    node.verify(certificates.authority().getPublicKey());
    node.checkValidity();
    assertThat(ClusterCertificates.nodeName(node)).isEqualTo("n1");
    assertThat(ClusterCertificates.nodeName(certificates.certificate("nœud ü/1")))
        .isEqualTo("nœud ü/1");
    assertThat(node.getSubjectAlternativeNames()).singleElement()
        .isEqualTo(java.util.List.of(2, "n1")); // a dNSName

    assertThat(certificates.certificate("nœud ü/1").getSubjectAlternativeNames()).isNull();
    assertThat(certificates.certificate("n1")).isSameAs(node);
    assertThat(certificates.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void loadsPemFilesAndRefusesEveryWrongOneByName() throws Exception {
    ClusterCertificates issuer = ClusterCertificates.generate();
    Path authority = write("ca.pem", pem("CERTIFICATE", issuer.authority().getEncoded()));
    Path cert = write("n1.pem", pem("CERTIFICATE", issuer.certificate("n1").getEncoded()));
    Path key = write("n1.key", pem("PRIVATE KEY", issuer.privateKey("n1").getEncoded()));
    ClusterCertificates loaded =
        ClusterCertificates.load(authority, Map.of("n1", new Path[] {cert, key}));
    assertThat(loaded.certificate("n1")).isEqualTo(issuer.certificate("n1"));
    assertThatThrownBy(() -> loaded.certificate("n2")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no certificate for node n2");

    assertThatThrownBy(() -> ClusterCertificates.load(authority,
        Map.of("n2", new Path[] {cert, key})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not CN=n2");
    Path foreign = write("other.pem",
        pem("CERTIFICATE", ClusterCertificates.generate().certificate("n1").getEncoded()));
    assertThatThrownBy(() -> ClusterCertificates.load(authority,
        Map.of("n1", new Path[] {foreign, key})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not signed by");
    Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
    assertThatThrownBy(() -> ClusterCertificates.load(garbage, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> ClusterCertificates.load(dir.resolve("missing.pem"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    Path notKey = write("not.key", "hello");
    assertThatThrownBy(() -> ClusterCertificates.load(authority,
        Map.of("n1", new Path[] {cert, notKey})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not.key");
    Path badKey = write("bad.key", pem("PRIVATE KEY", new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> ClusterCertificates.load(authority,
        Map.of("n1", new Path[] {cert, badKey})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.key");
    assertThatThrownBy(() -> ClusterCertificates.load(authority,
        Map.of("n1", new Path[] {cert})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{certificate, key}");
  }

  @Test
  void readingANodeNameNeverThrowsOnHostileBytes() {
    long state = 12345;
    for (int i = 0; i < 2000; i++) {
      byte[] bytes = new byte[(int) (i % 40)];
      for (int j = 0; j < bytes.length; j++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
        bytes[j] = (byte) (state >>> 56);
      }
      if (i % 3 == 0 && bytes.length > 4) {
        byte[] name = Der.commonName("node" + i);
        bytes = java.util.Arrays.copyOf(name, (int) (state >>> 60 & 0xf) % name.length);
      }
      String name = Der.readCommonName(bytes); // never throws
      if (name != null) { // accepted only when the bytes are exactly a CN=name as written
        assertThat(Der.commonName(name)).as("seed 12345, case %d", i).isEqualTo(bytes);
      }
    }
    assertThat(Der.readCommonName(Der.commonName("n1"))).isEqualTo("n1");
    assertThat(Der.readCommonName(Der.sequence(Der.set(Der.sequence(Der.oid(2, 5, 4, 10),
        Der.utf8("org")))))).isNull();
  }
}
