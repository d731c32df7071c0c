package io.steelmill.examples.cluster;

import io.steelmill.examples.replicated.ReplicatedSettings;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.Trace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Which store {@code cluster simulate} runs, and how: {@code --store fenced} (the default: one
 * storage behind a fence, {@code --unfenced} and the bugs {@code stale-read}, {@code early-ack})
 * or {@code --store replicated} (primary-backup replicas on the lease, the bugs {@code
 * stale-read}, {@code early-ack}, {@code stale-term}), and over which transport ({@code
 * --transport tcp|grpc}, gRPC for the fenced store only). One place turns the options into a run
 * of one seed and back into the options that replay it.
 */
final class StoreChoice {
  /** The {@code --store} values. */
  static final List<String> STORES = List.of("fenced", "replicated");

  /** The {@code --transport} values. */
  static final List<String> TRANSPORTS = List.of("tcp", "grpc");

  private final boolean replicated;
  private final boolean unfenced;
  private final String bug;
  private final StoreSettings fencedSettings;
  private final ReplicatedSettings.Bug replicatedBug;
  private final boolean grpc;

  private StoreChoice(boolean replicated, boolean unfenced, String bug, boolean grpc) {
    this.replicated = replicated;
    this.grpc = grpc;
    this.unfenced = unfenced;
    this.bug = bug;
    this.fencedSettings = replicated ? null : new StoreSettings(!unfenced,
        StoreSettings.Bug.named(bug));
    this.replicatedBug = replicated ? ReplicatedSettings.Bug.named(bug) : null;
  }

  /**
   * The choice for {@code store}, {@code unfenced} and {@code bug}.
   *
   * @throws IllegalArgumentException with a one-line message for the user when they do not fit
   */
  static StoreChoice of(String store, boolean unfenced, String bug, String transport) {
    if (!STORES.contains(store)) {
      throw new IllegalArgumentException("unknown --store \"" + store + "\"; use fenced or"
          + " replicated");
    }
    if (!TRANSPORTS.contains(transport)) {
      throw new IllegalArgumentException("unknown --transport \"" + transport + "\"; use tcp or"
          + " grpc");
    }
    boolean replicated = store.equals("replicated");
    boolean grpc = transport.equals("grpc");
    if (replicated && grpc) {
      throw new IllegalArgumentException("--transport grpc is an option of the fenced store; the"
          + " replicated store talks over the Network interface (drop --transport)");
    }
    if (replicated && unfenced) {
      throw new IllegalArgumentException("--unfenced is an option of the fenced store; the"
          + " replicated store's fence is its replicas' epochs (try --bug stale-term)");
    }
    List<String> bugs = replicated
        ? Arrays.stream(ReplicatedSettings.Bug.values()).map(ReplicatedSettings.Bug::option)
            .toList()
        : Arrays.stream(StoreSettings.Bug.values()).map(StoreSettings.Bug::option).toList();
    if (!bugs.contains(bug)) {
      String known = String.join(", ", bugs.subList(0, bugs.size() - 1)) + " or "
          + bugs.get(bugs.size() - 1);
      if (!replicated && ReplicatedSettings.Bug.named(bug) != null) {
        throw new IllegalArgumentException("--bug " + bug + " needs the replicated store: add"
            + " --store replicated (the fenced store knows " + known + ")");
      }
      throw new IllegalArgumentException("unknown --bug \"" + bug + "\"; use " + known);
    }
    return new StoreChoice(replicated, unfenced, bug, grpc);
  }

  /**
   * Runs seed {@code seed} of this store with {@code faults} (a replay mask, BUGGIFY, a timeline)
   * and checks its history.
   */
  ClusterSimulation.Outcome run(long seed, int nodes, Duration virtual, Trace.Level trace,
      FaultLedger.Options faults) {
    return replicated
        ? ClusterSimulation.runReplicated(seed, nodes, replicatedBug, virtual, trace, faults)
        : ClusterSimulation.run(seed, nodes, fencedSettings, virtual, trace, grpc, faults);
  }

  /** The options that select this store again, e.g. {@code " --store replicated --bug x"}. */
  String options() {
    return (replicated ? " --store replicated" : "") + (unfenced ? " --unfenced" : "")
        + (bug.equals("none") ? "" : " --bug " + bug) + (grpc ? " --transport grpc" : "");
  }

  /** What the rejected count counts. */
  String rejectedLabel() {
    return replicated ? "stale-epoch messages refused" : "stale writes rejected";
  }
}
