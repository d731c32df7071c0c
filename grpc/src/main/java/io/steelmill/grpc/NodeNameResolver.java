package io.steelmill.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * Resolves a node name to where its gRPC server listens ({@link GrpcConfig#addressOf}), and
 * follows it: when the node first serves, or serves again elsewhere, the channel hears the new
 * address at once. While the address is unknown the resolver reports {@code UNAVAILABLE}: grpc-java
 * then fails a fail-fast call at once and keeps a {@code waitForReady} call until the address is
 * known (or its deadline passes), which is what the simulated channel does too.
 */
final class NodeNameResolver extends NameResolver {
  /** The scheme of the channels' targets ({@code steelmill-node:///<node>}). */
  static final String SCHEME = "steelmill-node";

  private final GrpcConfig config;
  private final String node;
  private final SynchronizationContext sync;
  private Listener2 listener;
  private Runnable unwatch;

  private NodeNameResolver(GrpcConfig config, String node, SynchronizationContext sync) {
    this.config = config;
    this.node = node;
    this.sync = sync;
  }

  /** A provider of resolvers for the one node {@code node}, whatever the channel's target. */
  static NameResolverProvider forNode(GrpcConfig config, String node) {
    return new NameResolverProvider() {
      @Override
      public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        return new NodeNameResolver(config, node, args.getSynchronizationContext());
      }

      @Override
      public String getDefaultScheme() {
        return SCHEME;
      }

      @Override
      protected boolean isAvailable() {
        return true;
      }

      @Override
      protected int priority() {
        return 5;
      }

      @Override
      public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
      }
    };
  }

  @Override
  public String getServiceAuthority() {
    return "steelmill-node"; // the node's name goes in no header: its certificate proves it
  }

  @Override
  public void start(Listener2 newListener) {
    listener = newListener;
    unwatch = config.watch(node, address -> sync.execute(this::resolve));
    resolve();
  }

  @Override
  public void refresh() {
    resolve();
  }

  /** Tells the channel the node's address, or that it has none yet. */
  private void resolve() {
    if (listener == null) {
      return; // shut down
    }
    InetSocketAddress address = config.addressOf(node);
    if (address == null) {
      listener.onError(Status.UNAVAILABLE.withDescription("node " + node + " has no gRPC address:"
          + " it serves nothing in this process and GrpcConfig does not list it"));
      return;
    }
    listener.onResult(ResolutionResult.newBuilder()
        .setAddressesOrError(StatusOr.fromValue(List.of(new EquivalentAddressGroup(address))))
        .build());
  }

  @Override
  public void shutdown() {
    listener = null;
    if (unwatch != null) {
      unwatch.run();
    }
  }
}
