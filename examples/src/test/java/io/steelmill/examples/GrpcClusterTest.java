package io.steelmill.examples;

import static io.steelmill.examples.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliRun.Run;
import io.steelmill.examples.cluster.SteelmillGrpcStoreHost;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The store over gRPC, in both builds: {@code cluster run --transport grpc} runs it over real
 * gRPC with mutual TLS (production build); the production factory names no simulated transport
 * class and the simulation factory binds it; a wrong transport is one line.
 */
class GrpcClusterTest {
  private static final boolean SIMULATION = "simulation".equals(SteelmillGrpcStoreHost.MODE);

  @Test
  void productionRunOverGrpcLosesNoAcknowledgedWrite() {
    Run run = run("cluster", "run", "--nodes", "3", "--writes", "40", "--transport", "grpc");
    if (SIMULATION) {
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("cluster run runs in the production build");
      return;
    }
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("network: gRPC on loopback, mutual TLS with certificates of a per-run authority")
        .containsPattern("stopped the leader n\\d")
        .contains("acknowledged writes: 40, lost: 0");
  }

  @Test
  void anUnknownTransportIsOneLine() {
    for (String command : new String[] {"run", "simulate"}) {
      Run run = run("cluster", command, "--transport", "pigeon");
      assertThat(run.code()).as(command).isEqualTo(2);
      assertThat(run.err().lines().toList()).as(command).singleElement().asString()
          .contains("unknown --transport \"pigeon\"; use tcp or grpc");
    }
  }

  @Test
  void theProductionFactoryNamesNoSimulatedTransport() throws Exception {
    String pool = constantPool(SteelmillGrpcStoreHost.class);
    if (SIMULATION) {
      assertThat(pool).contains("io/steelmill/grpc/sim/SimGrpcChannels")
          .contains("io/steelmill/grpc/sim/SimGrpcServers").doesNotContain("NettyGrpc");
      return;
    }
    assertThat(pool).contains("io/steelmill/grpc/NettyGrpcChannels")
        .contains("io/steelmill/grpc/NettyGrpcServers")
        .doesNotContain("io/steelmill/grpc/sim/").doesNotContain("io/steelmill/sim/");
  }

  private static String constantPool(Class<?> type) throws Exception {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
