package io.steelmill.examples.cluster;

import io.grpc.stub.StreamObserver;
import io.steelmill.Ambient;
import io.steelmill.Daemon;
import io.steelmill.examples.cluster.proto.StorageGet;
import io.steelmill.examples.cluster.proto.StorageGrpc;
import io.steelmill.examples.cluster.proto.StoragePut;
import io.steelmill.examples.cluster.proto.StorageReply;
import io.steelmill.grpc.GrpcServers;
import io.steelmill.platform.Fence;
import io.steelmill.runtime.Lifecycle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store as a gRPC service: applies {@code Put} and answers {@code Get} unless the request's
 * fencing token is older than one it has seen (unless unfenced), and watches itself: a write
 * accepted with an older token than an earlier accepted one is a violation.
 */
@Ambient
@Daemon
public final class GrpcStorage extends StorageGrpc.StorageImplBase implements Lifecycle {
  private final GrpcServers servers;
  private final StoreSettings settings;
  private final Fence fence = new Fence();
  private final Map<String, String> data = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private long highestAccepted;
  private long accepted;
  private long rejected;
  private GrpcServers.Registration registration;

  GrpcStorage(GrpcServers servers, StoreSettings settings) {
    this.servers = servers;
    this.settings = settings;
  }

  @Override
  public void prepare() {
    registration = servers.register(this);
  }

  @Override
  public void put(StoragePut request, StreamObserver<StorageReply> reply) {
    boolean applied = apply(request.getToken(), request.getKey(), request.getValue());
    reply.onNext(StorageReply.newBuilder().setApplied(applied).build());
    reply.onCompleted();
  }

  @Override
  public void get(StorageGet request, StreamObserver<StorageReply> reply) {
    String value = read(request.getToken(), request.getKey());
    reply.onNext(StorageReply.newBuilder().setApplied(value != null)
        .setValue(value == null ? "" : value).build());
    reply.onCompleted();
  }

  private synchronized boolean apply(long token, String key, String value) {
    if (settings.fenced() && !fence.admit(token)) {
      rejected++;
      return false;
    }
    if (token < highestAccepted) {
      violations.add("stale write accepted: " + key + "=" + value + " with token " + token
          + " after token " + highestAccepted);
    }
    highestAccepted = Math.max(highestAccepted, token);
    data.put(key, value);
    accepted++;
    return true;
  }

  /** The value of {@code key} ("" when absent), or null for a fenced-off token. */
  private synchronized String read(long token, String key) {
    if (settings.fenced() && !fence.admit(token)) {
      rejected++;
      return null;
    }
    return data.getOrDefault(key, "");
  }

  @Override
  public void stop() {
    registration.close();
  }

  /** The value stored for {@code key}, or null. */
  public synchronized String value(String key) {
    return data.get(key);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized long accepted() {
    return accepted;
  }

  public synchronized long rejected() {
    return rejected;
  }
}
