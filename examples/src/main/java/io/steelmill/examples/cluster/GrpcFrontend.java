package io.steelmill.examples.cluster;

import io.grpc.stub.StreamObserver;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.proto.ClientGet;
import io.steelmill.examples.cluster.proto.ClientPut;
import io.steelmill.examples.cluster.proto.ClientReply;
import io.steelmill.examples.cluster.proto.FrontendGrpc;
import io.steelmill.examples.cluster.proto.Outcome;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.runtime.Lifecycle;

/**
 * A host's gRPC frontend: takes clients' {@code Put} and {@code Get} and hands them to the
 * leader, if this host has it ({@code NOT_LEADER} otherwise).
 */
@Daemon
public final class GrpcFrontend extends FrontendGrpc.FrontendImplBase implements Lifecycle {
  private final GrpcServers servers;
  private final GrpcLeaderSlot slot;
  private GrpcServers.Registration registration;

  GrpcFrontend(GrpcServers servers, GrpcLeaderSlot slot) {
    this.servers = servers;
    this.slot = slot;
  }

  @Override
  public void prepare() {
    registration = servers.register(this);
  }

  @Override
  public void put(ClientPut request, StreamObserver<ClientReply> reply) {
    GrpcLeaderService leader = slot.current();
    Outcome outcome;
    if (leader == null) {
      outcome = Outcome.NOT_LEADER;
    } else {
      try {
        outcome = leader.write(request.getKey(), request.getValue()) ? Outcome.OK
            : Outcome.FAILED;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcome = Outcome.FAILED;
      }
    }
    reply.onNext(ClientReply.newBuilder().setOutcome(outcome).build());
    reply.onCompleted();
  }

  @Override
  public void get(ClientGet request, StreamObserver<ClientReply> reply) {
    GrpcLeaderService leader = slot.current();
    ClientReply.Builder answer = ClientReply.newBuilder();
    if (leader == null) {
      answer.setOutcome(Outcome.NOT_LEADER);
    } else {
      String value = leader.read(request.getKey());
      answer.setOutcome(value == null ? Outcome.FAILED : Outcome.OK)
          .setValue(value == null ? "" : value);
    }
    reply.onNext(answer.build());
    reply.onCompleted();
  }

  @Override
  public void stop() {
    registration.close();
  }
}
