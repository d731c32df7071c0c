package io.steelmill.examples.cluster;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.steelmill.examples.cluster.proto.ClientGet;
import io.steelmill.examples.cluster.proto.ClientPut;
import io.steelmill.examples.cluster.proto.ClientReply;
import io.steelmill.examples.cluster.proto.FrontendGrpc;
import io.steelmill.examples.cluster.proto.Outcome;
import io.steelmill.examples.cluster.proto.StorageGet;
import io.steelmill.examples.cluster.proto.StorageGrpc;
import io.steelmill.examples.cluster.proto.StoragePut;
import io.steelmill.examples.cluster.proto.StorageReply;
import io.steelmill.grpc.GrpcChannels;
import io.steelmill.grpc.GrpcServers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store's transport as the gRPC services of {@code store.proto}, written the ordinary way
 * (generated stubs, {@code StreamObserver}, deadlines, status codes) on the injected {@link
 * GrpcChannels} and {@link GrpcServers}: Netty with mutual TLS in production, the simulated
 * transport under the nemesis in simulation. A call that ends in a status other than OK (a
 * deadline, an unreachable node) is unanswered: it may or may not have taken effect.
 */
final class GrpcStoreTransport implements StoreTransport {
  private final GrpcChannels channels;
  private final GrpcServers servers;
  private final StoreHosts hosts;

  GrpcStoreTransport(GrpcChannels channels, GrpcServers servers, StoreHosts hosts) {
    this.channels = channels;
    this.servers = servers;
    this.hosts = hosts;
  }

  @Override
  public Served serveStorage(StorageHandler handler) {
    return served(servers.register(new StorageGrpc.StorageImplBase() {
      @Override
      public void put(StoragePut request, StreamObserver<StorageReply> reply) {
        answer(handler.put(request.getToken(), request.getKey(), request.getValue()), reply);
      }

      @Override
      public void get(StorageGet request, StreamObserver<StorageReply> reply) {
        answer(handler.get(request.getToken(), request.getKey()), reply);
      }
    }));
  }

  /** Answers unless {@code answer} is null: then the caller's deadline ends the call. */
  private static void answer(Answer answer, StreamObserver<StorageReply> reply) {
    if (answer != null) {
      reply.onNext(StorageReply.newBuilder().setApplied(answer.ok()).setValue(answer.value())
          .build());
      reply.onCompleted();
    }
  }

  @Override
  public Served serveFrontend(FrontendHandler handler) {
    return served(servers.register(new FrontendGrpc.FrontendImplBase() {
      @Override
      public void put(ClientPut request, StreamObserver<ClientReply> reply) {
        reply(() -> handler.put(request.getKey(), request.getValue()), reply);
      }

      @Override
      public void get(ClientGet request, StreamObserver<ClientReply> reply) {
        reply(() -> handler.get(request.getKey()), reply);
      }
    }));
  }

  /** The frontend's answer as a {@link ClientReply}; FAILED if the handler was interrupted. */
  private static void reply(FrontendCall call, StreamObserver<ClientReply> reply) {
    Answer answer;
    try {
      answer = call.answer();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = Answer.FAILED;
    }
    Outcome outcome = switch (answer.kind()) {
      case OK -> Outcome.OK;
      case REFUSED -> Outcome.NOT_LEADER;
      case FAILED -> Outcome.FAILED;
    };
    reply.onNext(ClientReply.newBuilder().setOutcome(outcome).setValue(answer.value()).build());
    reply.onCompleted();
  }

  private interface FrontendCall {
    Answer answer() throws InterruptedException;
  }

  private static Served served(GrpcServers.Registration registration) {
    return new Served() {
      @Override
      public void serve() {
        // gRPC calls the service on its own executor (simulated tasks in simulation)
      }

      @Override
      public void close() {
        registration.close();
      }
    };
  }

  @Override
  public StorageCalls storageCalls(long token) {
    StorageGrpc.StorageBlockingStub storage =
        StorageGrpc.newBlockingStub(channels.channel(Topology.STORAGE_NODE));
    return new StorageCalls() {
      @Override
      public Answer put(String key, String value, Duration timeout) {
        return storageAnswer(() -> storage.withDeadline(channels.deadlineAfter(timeout))
            .put(StoragePut.newBuilder().setToken(token).setKey(key).setValue(value).build()));
      }

      @Override
      public void putUnanswered(String key, String value, Duration timeout) {
        StorageGrpc.newFutureStub(storage.getChannel())
            .withDeadline(channels.deadlineAfter(timeout))
            .put(StoragePut.newBuilder().setToken(token).setKey(key).setValue(value).build());
      }

      @Override
      public Answer get(String key, Duration timeout) {
        return storageAnswer(() -> storage.withDeadline(channels.deadlineAfter(timeout))
            .get(StorageGet.newBuilder().setToken(token).setKey(key).build()));
      }

      @Override
      public void close() {
        // the channel is the node's, shared: never shut down here
      }
    };
  }

  private interface StorageCall {
    StorageReply reply();
  }

  /** OK with the value, REFUSED for a stale token, null for a call that ended in an error. */
  private static Answer storageAnswer(StorageCall call) {
    try {
      StorageReply reply = call.reply();
      return reply.getApplied() ? Answer.value(reply.getValue()) : Answer.REFUSED;
    } catch (StatusRuntimeException unanswered) {
      return null;
    }
  }

  @Override
  public FrontendCalls frontendCalls() {
    // dialled now, from the calling node's code: a channel belongs to the node that makes it
    Map<String, FrontendGrpc.FrontendBlockingStub> frontends = new LinkedHashMap<>();
    for (String host : hosts.names()) {
      frontends.put(host, FrontendGrpc.newBlockingStub(channels.channel(host)));
    }
    return new FrontendCalls() {
      private FrontendGrpc.FrontendBlockingStub frontend(String host, Duration timeout) {
        FrontendGrpc.FrontendBlockingStub stub = frontends.get(host);
        if (stub == null) {
          throw new IllegalArgumentException("unknown host " + host + "; the store's hosts are "
              + hosts.names());
        }
        return stub.withDeadline(channels.deadlineAfter(timeout));
      }

      @Override
      public Answer put(String host, String key, String value, Duration timeout) {
        return clientAnswer(() -> frontend(host, timeout)
            .put(ClientPut.newBuilder().setKey(key).setValue(value).build()));
      }

      @Override
      public Answer get(String host, String key, Duration timeout) {
        return clientAnswer(() -> frontend(host, timeout)
            .get(ClientGet.newBuilder().setKey(key).build()));
      }

      @Override
      public void close() {
        // the channels are the node's, shared: never shut down here
      }
    };
  }

  private interface ClientCall {
    ClientReply reply();
  }

  /** The frontend's outcome, or null for a call that ended in an error (outcome unknown). */
  private static Answer clientAnswer(ClientCall call) {
    try {
      ClientReply reply = call.reply();
      return switch (reply.getOutcome()) {
        case OK -> Answer.value(reply.getValue());
        case NOT_LEADER -> Answer.REFUSED;
        default -> Answer.FAILED;
      };
    } catch (StatusRuntimeException unanswered) {
      return null;
    }
  }
}
