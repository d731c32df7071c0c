package io.steelmill.grpc;

import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A gRPC service written the way generated code writes one (method descriptors, a service
 * definition from {@link ServerCalls}), with strings for messages: unary {@code Say}, server
 * streaming {@code Count}, client streaming {@code Sum}, and {@code Wait}, which answers only
 * when its context is cancelled.
 */
public final class Echo {
  public static final String SERVICE = "test.Echo";

  /** Strings as UTF-8 bytes, as a generated marshaller writes protobuf messages. */
  public static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  public static final MethodDescriptor<String, String> SAY = method("Say",
      MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> COUNT = method("Count",
      MethodDescriptor.MethodType.SERVER_STREAMING);
  public static final MethodDescriptor<String, String> SUM = method("Sum",
      MethodDescriptor.MethodType.CLIENT_STREAMING);
  public static final MethodDescriptor<String, String> WAIT = method("Wait",
      MethodDescriptor.MethodType.UNARY);
  public static final MethodDescriptor<String, String> CHAT = method("Chat",
      MethodDescriptor.MethodType.BIDI_STREAMING);

  private Echo() {}

  private static MethodDescriptor<String, String> method(String name,
      MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(UTF8)
        .setResponseMarshaller(UTF8)
        .build();
  }

  /**
   * The service: {@code Say x} answers "{@code <caller>: x}"; {@code Count n} streams 1..n, each
   * after {@code pause} (a sleep of the mode's clock); {@code Sum} adds the numbers it
   * gets; {@code Chat} answers each message as {@code Say} does.
   *
   * @param sleep sleeps the given milliseconds (the simulation's or the system's clock)
   * @param cancelled told when a {@code Wait} or {@code Count} call's context is cancelled
   */
  public static ServerServiceDefinition service(Consumer<Long> sleep, Consumer<String> cancelled) {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(SAY, ServerCalls.asyncUnaryCall((request, out) -> {
          out.onNext(GrpcPeer.caller() + ": " + request);
          out.onCompleted();
        }))
        .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((request, out) -> {
          int n = Integer.parseInt(request);
          for (int i = 1; i <= n; i++) {
            if (Context.current().isCancelled()) {
              cancelled.accept("Count " + i);
              return;
            }
            out.onNext(Integer.toString(i));
            sleep.accept(10L);
          }
          out.onCompleted();
        }))
        .addMethod(SUM, ServerCalls.asyncClientStreamingCall(out -> new StreamObserver<>() {
          private long sum;

          @Override
          public void onNext(String value) {
            sum += Long.parseLong(value);
          }

          @Override
          public void onError(Throwable t) {
            cancelled.accept("Sum " + Status.fromThrowable(t).getCode());
          }

          @Override
          public void onCompleted() {
            out.onNext(Long.toString(sum));
            out.onCompleted();
          }
        }))
        .addMethod(CHAT, ServerCalls.asyncBidiStreamingCall(out -> new StreamObserver<String>() {
          @Override
          public void onNext(String value) {
            out.onNext(GrpcPeer.caller() + ": " + value);
          }

          @Override
          public void onError(Throwable t) {
            cancelled.accept("Chat " + Status.fromThrowable(t).getCode());
          }

          @Override
          public void onCompleted() {
            out.onCompleted();
          }
        }))
        .addMethod(WAIT, ServerCalls.asyncUnaryCall((request, out) -> {
          Context context = Context.current();
          cancelled.accept("Wait started " + (context.getDeadline() != null));
          context.addListener(c -> cancelled.accept("Wait " + (context.getDeadline() != null)),
              Runnable::run);
        }))
        .build();
  }
}
