package io.steelmill.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production side never touches the simulated transport: its classes name no simulation
 * class, and a real call runs with every simulation class hidden.
 */
class ZeroCostTest {
  /** Loads everything itself, and refuses the simulated transport and the simulation kernel. */
  private static final class WithoutSimulation extends URLClassLoader {
    WithoutSimulation(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.steelmill.grpc.sim.") || name.startsWith("io.steelmill.sim.")) {
        throw new ClassNotFoundException(name + " is hidden: production must not load it");
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void aProductionCallRunsWithEverySimulationClassHidden() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    // never closed: gRPC's shared Netty event loops outlive the call by a second or so, and
    // would fail to load their classes from a closed loader
    URLClassLoader loader = new WithoutSimulation(urls.toArray(URL[]::new));
    Object answer = loader.loadClass(ProductionCall.class.getName()).getMethod("run")
        .invoke(null);
    assertThat(answer).isEqualTo("c: zero cost");
  }

  @Test
  void productionClassesNameNoSimulationClass() throws IOException {
    for (Class<?> type : List.of(NettyGrpcChannels.class, NettyGrpcServers.class,
        GrpcConfig.class, ClusterCertificates.class, NodeTrustManager.class, Der.class,
        GrpcPeer.class)) {
      String pool = constantPool(type);
      assertThat(pool).as(type.getName()).doesNotContain("io/steelmill/grpc/sim")
          .doesNotContain("io/steelmill/sim/");
    }
  }

  private static String constantPool(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
