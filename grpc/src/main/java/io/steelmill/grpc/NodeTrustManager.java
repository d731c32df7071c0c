package io.steelmill.grpc;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a certificate chain only if the cluster's authority signed it and it names a node (a
 * client also checks it names the node it dialled). Node names are not host names, so the check
 * is on the certificate's subject, never on the address.
 */
final class NodeTrustManager extends X509ExtendedTrustManager {
  private final X509TrustManager authority;
  private final String expectedPeer;

  /** {@code expectedPeer}: the node a client dialled; null on a server (any node may call). */
  NodeTrustManager(X509Certificate authorityCertificate, String expectedPeer) {
    this.authority = authorityTrust(authorityCertificate);
    this.expectedPeer = expectedPeer;
  }

  private static X509TrustManager authorityTrust(X509Certificate certificate) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("cluster-authority", certificate);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot trust the cluster authority: " + e.getMessage(), e);
    }
  }

  private void check(X509Certificate[] chain, String authType, boolean client)
      throws CertificateException {
    if (client) {
      authority.checkClientTrusted(chain, authType);
    } else {
      authority.checkServerTrusted(chain, authType);
    }
    String node = ClusterCertificates.nodeName(chain[0]);
    if (node == null) {
      throw new CertificateException("the peer's certificate names no node: "
          + chain[0].getSubjectX500Principal());
    }
    if (expectedPeer != null && !expectedPeer.equals(node)) {
      throw new CertificateException("dialled node " + expectedPeer + " but reached " + node);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, authType, true);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, authType, false);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType, true);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType, false);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType, true);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType, false);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return authority.getAcceptedIssuers();
  }
}
