package io.steelmill.grpc.sim;

import static io.steelmill.grpc.sim.SimGrpcTest.as;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.steelmill.grpc.Echo;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The red team of 2026-11-30 (night) against issue 18: hostile peers (oversized headers,
 * marshallers that throw on either side, handlers that throw, streams that never end), each run
 * over real gRPC (Netty, mutual TLS, loopback) and over the simulated transport under a seed
 * twice: the same status codes in both modes, and the same trace for the same seed.
 */
class GrpcRedTeamTest {
  private static final String SERVICE = "test.Hostile";
  private static final Duration LONG = Duration.ofSeconds(10);

  /** A marshaller whose {@code parse} throws: a peer that sends what cannot be read. */
  private static final MethodDescriptor.Marshaller<String> UNREADABLE =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return Echo.UTF8.stream(value);
        }

        @Override
        public String parse(InputStream stream) {
          throw new IllegalArgumentException("cannot read this message");
        }
      };

  /** A marshaller whose {@code stream} throws: a message that cannot be written. */
  private static final MethodDescriptor.Marshaller<String> UNWRITABLE =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          throw new IllegalArgumentException("cannot write this message");
        }

        @Override
        public String parse(InputStream stream) {
          return Echo.UTF8.parse(stream);
        }
      };

  private static MethodDescriptor<String, String> method(String name,
      MethodDescriptor.MethodType type, MethodDescriptor.Marshaller<String> request,
      MethodDescriptor.Marshaller<String> response) {
    return MethodDescriptor.<String, String>newBuilder().setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(request).setResponseMarshaller(response).build();
  }

  private static final MethodDescriptor<String, String> PLAIN = method("Plain",
      MethodDescriptor.MethodType.UNARY, Echo.UTF8, Echo.UTF8);
  private static final MethodDescriptor<String, String> THROWS = method("Throws",
      MethodDescriptor.MethodType.UNARY, Echo.UTF8, Echo.UTF8);
  private static final MethodDescriptor<String, String> FOREVER = method("Forever",
      MethodDescriptor.MethodType.SERVER_STREAMING, Echo.UTF8, Echo.UTF8);
  private static final MethodDescriptor<String, String> BAD_ANSWER = method("BadAnswer",
      MethodDescriptor.MethodType.UNARY, Echo.UTF8, Echo.UTF8);

  /** The server's side: what it registers (its marshallers may differ from the client's). */
  private static ServerServiceDefinition service(AtomicInteger streamed, List<String> seen) {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(method("Plain", MethodDescriptor.MethodType.UNARY, UNREADABLE, Echo.UTF8),
            ServerCalls.asyncUnaryCall((request, out) -> {
              out.onNext("read " + request);
              out.onCompleted();
            }))
        .addMethod(method("Answer", MethodDescriptor.MethodType.UNARY, Echo.UTF8, Echo.UTF8),
            ServerCalls.asyncUnaryCall((request, out) -> {
              out.onNext("an answer the client cannot read");
              out.onCompleted();
            }))
        .addMethod(THROWS, ServerCalls.asyncUnaryCall((request, out) -> {
          throw new IllegalStateException("handler bug");
        }))
        .addMethod(method("BadAnswer", MethodDescriptor.MethodType.UNARY, Echo.UTF8, UNWRITABLE),
            ServerCalls.asyncUnaryCall((request, out) -> {
              out.onNext("answer");
              out.onCompleted();
            }))
        .addMethod(FOREVER, ServerCalls.asyncServerStreamingCall((request, out) -> {
          // the flow control of grpc-java's manual: stream while isReady, resume on onReady
          ServerCallStreamObserver<String> stream = (ServerCallStreamObserver<String>) out;
          stream.setOnCancelHandler(() -> seen.add("server heard the cancel"));
          stream.setOnReadyHandler(() -> {
            while (stream.isReady() && !stream.isCancelled() && streamed.get() < 1_000_000) {
              stream.onNext("item " + streamed.getAndIncrement());
            }
          });
        }))
        .build();
  }

  private static String code(Channel channel, MethodDescriptor<String, String> method,
      CallOptions options, String request) {
    try {
      return ClientCalls.blockingUnaryCall(channel, method, options, request);
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  private static CallOptions within(GrpcCluster cluster, Duration deadline) {
    return CallOptions.DEFAULT.withDeadline(cluster.channels().deadlineAfter(deadline));
  }

  @Test
  void hostilePeersEndTheSameWayInBothModes() throws Exception {
    GrpcParityTest.assertParity(1501, (cluster, seen) -> {
      AtomicInteger streamed = new AtomicInteger();
      as("s", () -> cluster.servers().register(service(streamed, seen)));
      Channel channel = as("c", () -> cluster.channels().channel("s"));
      seen.add(as("c", () -> code(channel, PLAIN, within(cluster, LONG), "unreadable")));
      seen.add(as("c", () -> code(channel, THROWS, within(cluster, LONG), "x")));
      seen.add(as("c", () -> code(channel, BAD_ANSWER, within(cluster, LONG), "x")));
      MethodDescriptor<String, String> unreadableAnswer = method("Answer",
          MethodDescriptor.MethodType.UNARY, Echo.UTF8, UNREADABLE);
      seen.add(as("c", () -> code(channel, unreadableAnswer, within(cluster, LONG), "x")));
      MethodDescriptor<String, String> unwritableRequest = method("Plain",
          MethodDescriptor.MethodType.UNARY, UNWRITABLE, Echo.UTF8);
      seen.add(as("c", () -> code(channel, unwritableRequest, within(cluster, LONG), "x")));
      seen.add(as("c", () -> code(channel, Echo.SAY, within(cluster, LONG), "x")));
    }, "UNKNOWN", "UNKNOWN", "CANCELLED", "CANCELLED", "CANCELLED", "UNIMPLEMENTED");
  }

  /** A unary method whose server answers with headers or trailers of the size asked. */
  private static final MethodDescriptor<String, String> BIG_METADATA = method("BigMetadata",
      MethodDescriptor.MethodType.UNARY, Echo.UTF8, Echo.UTF8);

  private static ServerServiceDefinition bigMetadata() {
    return ServerServiceDefinition.builder(SERVICE + "2").addMethod(BIG_METADATA.toBuilder()
        .setFullMethodName(SERVICE + "2/BigMetadata").build(), (call, ignored) -> {
          call.request(1);
          return new io.grpc.ServerCall.Listener<>() {
            String request = "";

            @Override
            public void onMessage(String message) {
              request = message;
            }

            @Override
            public void onHalfClose() {
              int size = Integer.parseInt(request.substring(2));
              Metadata big = new Metadata();
              big.put(Metadata.Key.of("x-big", Metadata.ASCII_STRING_MARSHALLER),
                  "h".repeat(size));
              call.sendHeaders(request.startsWith("h") ? big : new Metadata());
              call.sendMessage("answer");
              call.close(Status.OK, request.startsWith("t") ? big : new Metadata());
            }
          };
        }).build();
  }

  /**
   * Metadata over HTTP/2's 8 KiB header list: real gRPC ends the call {@code INTERNAL} (request
   * headers: the server never sees the call; response headers or trailers: the answer is lost),
   * while the simulated transport carried a megabyte of headers, so a service whose metadata
   * grows passed every seed and failed in production. Sizes well clear of the boundary (which
   * depends on the transport's own fields) on both sides; binary headers count as base64.
   */
  @Test
  void oversizedMetadataEndsInternalInBothModes() throws Exception {
    GrpcParityTest.assertParity(1502, (cluster, seen) -> {
      cluster.serve("s");
      as("s", () -> cluster.servers().register(bigMetadata()));
      Channel channel = as("c", () -> cluster.channels().channel("s"));
      MethodDescriptor<String, String> bigMethod = BIG_METADATA.toBuilder()
          .setFullMethodName(SERVICE + "2/BigMetadata").build();
      for (int size : new int[] {7_000, 9_000, 1_000_000}) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-big", Metadata.ASCII_STRING_MARSHALLER), "h".repeat(size));
        Channel withHeaders = io.grpc.ClientInterceptors.intercept(channel,
            MetadataUtils.newAttachHeadersInterceptor(headers));
        seen.add(size + " request: " + as("c", () -> code(withHeaders, Echo.SAY,
            within(cluster, LONG), "x")));
        seen.add(size + " response: " + as("c", () -> code(channel, bigMethod,
            within(cluster, LONG), "h:" + size)));
        seen.add(size + " trailers: " + as("c", () -> code(channel, bigMethod,
            within(cluster, LONG), "t:" + size)));
      }
      Metadata binary = new Metadata();
      binary.put(Metadata.Key.of("x-blob-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[7_000]);
      seen.add("7000 binary bytes: " + as("c", () -> code(io.grpc.ClientInterceptors.intercept(
          channel, MetadataUtils.newAttachHeadersInterceptor(binary)), Echo.SAY,
          within(cluster, LONG), "x")));
      seen.add("server saw " + cluster.seen("s"));
      seen.add(as("c", () -> code(channel, Echo.SAY, within(cluster, LONG), "after")));
    }, "7000 request: c: x", "7000 response: answer", "7000 trailers: answer",
        "9000 request: INTERNAL", "9000 response: INTERNAL", "9000 trailers: INTERNAL",
        "1000000 request: INTERNAL", "1000000 response: INTERNAL", "1000000 trailers: INTERNAL",
        "7000 binary bytes: INTERNAL", "server saw 1", "c: after");
  }

  @Test
  void aNeverEndingStreamStopsWhenTheClientCancels() throws Exception {
    GrpcParityTest.assertParity(1503, (cluster, seen) -> {
      AtomicInteger streamed = new AtomicInteger();
      as("s", () -> cluster.servers().register(service(streamed, seen)));
      Channel channel = as("c", () -> cluster.channels().channel("s"));
      ClientCall<String, String> call = as("c", () -> channel.newCall(FOREVER,
          within(cluster, LONG)));
      java.util.Iterator<String> items = as("c", () -> ClientCalls.blockingServerStreamingCall(
          call, "go"));
      for (int i = 0; i < 3; i++) {
        seen.add(as("c", items::next));
      }
      call.cancel("enough", null);
      cluster.sleep(Duration.ofSeconds(2));
      seen.add("streamed " + (streamed.get() < 1_000_000 ? "less than a million" : "all"));
    }, "item 0", "item 1", "item 2", "server heard the cancel", "streamed less than a million");
  }
}
