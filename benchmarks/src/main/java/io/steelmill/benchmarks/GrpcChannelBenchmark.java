package io.steelmill.benchmarks;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.steelmill.grpc.ClusterCertificates;
import io.steelmill.grpc.GrpcConfig;
import io.steelmill.grpc.NettyGrpcChannels;
import io.steelmill.grpc.NettyGrpcServers;
import io.steelmill.runtime.internal.NodeContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One unary gRPC call over loopback with mutual TLS, through Steelmill's production channel
 * ({@code GrpcChannels.channel}) and through a plain grpc-java Netty channel built by hand with
 * the same certificates and the same TLS provider, to the same server. What Steelmill adds per
 * call is one address check and a delegation: the ratio should be 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GrpcChannelBenchmark {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static final MethodDescriptor<byte[], byte[]> ECHO =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("bench.Echo/Echo")
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();

  private final byte[] payload = new byte[64];
  private NettyGrpcServers servers;
  private NettyGrpcChannels channels;
  private Channel steelmill;
  private ManagedChannel plain;

  @Setup
  public void setUp() throws Exception {
    GrpcConfig config = GrpcConfig.loopback();
    servers = new NettyGrpcServers(config);
    channels = new NettyGrpcChannels(config);
    String previous = NodeContext.enter("server");
    try {
      servers.register(ServerServiceDefinition.builder("bench.Echo")
          .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, out) -> {
            out.onNext(request);
            out.onCompleted();
          }))
          .build());
    } finally {
      NodeContext.restore(previous);
    }
    previous = NodeContext.enter("client");
    try {
      steelmill = channels.channel("server");
    } finally {
      NodeContext.restore(previous);
    }
    ClusterCertificates certificates = config.certificates();
    SslContextBuilder tls = SslContextBuilder.forClient()
        .keyManager(certificates.privateKey("client"), certificates.certificate("client"))
        .trustManager(certificates.authority());
    plain = NettyChannelBuilder.forAddress(config.addressOf("server"))
        .overrideAuthority("server") // the certificate names the node as its DNS name
        .sslContext(GrpcSslContexts.configure(tls, SslProvider.JDK).build())
        .build();
    steelmillChannel();
    plainChannel();
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    channels.stop();
    servers.stop();
  }

  @Benchmark
  public byte[] steelmillChannel() {
    return ClientCalls.blockingUnaryCall(steelmill, ECHO, CallOptions.DEFAULT, payload);
  }

  @Benchmark
  public byte[] plainChannel() {
    return ClientCalls.blockingUnaryCall(plain, ECHO, CallOptions.DEFAULT, payload);
  }
}
