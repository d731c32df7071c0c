package io.steelmill.sim.shrink;

import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds a small set of a failing seed's faults that still makes it fail, by Zeller's delta
 * debugging (ddmin): replay the seed with chunks of the fault set, then with complements of the
 * chunks, keep the first that fails, and split finer when none does. The result is 1-minimal
 * (leaving out any single kept fault makes the replay pass) unless the replay budget ran out.
 *
 * <p>Deterministic: the order of tries depends only on the fault list, and each replay of a
 * seed with a mask is itself deterministic; a mask already tried is not replayed again.
 */
public final class Shrinker {
  /** A replay of the failing seed with only the faults a mask allows. */
  @FunctionalInterface
  public interface Replay {
    /** Whether the seed still fails with only {@code mask}'s faults. */
    boolean fails(FaultMask mask);
  }

  /** Default number of replays a shrink may use. */
  public static final int DEFAULT_BUDGET = 200;

  private final int budget;
  private final Map<String, Boolean> tried = new HashMap<>();
  private int replays;

  /** A shrinker that replays at most {@code budget} times (at least 1). */
  public Shrinker(int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("the shrink budget must be at least 1 replay, not "
          + budget);
    }
    this.budget = budget;
  }

  /**
   * Shrinks {@code faults}, the ids of the faults a run that failed as {@code failing} applied,
   * keeping the replays that fail the same way; an {@linkplain FailureKind#undecided()
   * undecided} failure is not shrunk (no replay is made).
   *
   * @param replay replays the seed with a mask and tells what broke (null: the replay itself
   *     could not be made, which counts as not failing); called at most the budget's number of
   *     times
   */
  public ShrinkResult shrink(
      List<String> faults, FailureKind failing, Function<FaultMask, FailureKind> replay) {
    if (failing.undecided()) {
      return new ShrinkResult(faults, faults, 0, false, false,
          "the history check decided nothing (its time or memory limit), so a replay could not"
              + " be told to fail the same way");
    }
    return shrink(faults, mask -> failing.equals(replay.apply(mask)));
  }

  /**
   * Shrinks the faults {@code ledger} lists as applied by a run that failed as {@code failing}
   * (see {@link #shrink(List, FailureKind, Function)}). A run that applied more faults than its
   * ledger lists (the first {@code 100,000}) is not shrunk: every replay would leave out the
   * faults past the listing, so "the replay with every fault" was a replay with only the listed
   * ones, and a failure that needed a later fault was reported as passing with all of them.
   */
  public ShrinkResult shrink(FaultLedger ledger, FailureKind failing,
      Function<FaultMask, FailureKind> replay) {
    List<String> faults = ledger.appliedIds();
    if (ledger.applied() > faults.size()) {
      return new ShrinkResult(faults, faults, 0, false, false, "the run applied "
          + ledger.applied() + " faults, more than the " + faults.size() + " its ledger lists,"
          + " so no replay could hold them all; shrink a shorter run (less virtual time)");
    }
    return shrink(faults, failing, replay);
  }

  /**
   * Shrinks {@code faults}, the ids of the faults the failing run applied, in their order.
   *
   * @param replay replays the seed with a mask; called at most the budget's number of times
   */
  public ShrinkResult shrink(List<String> faults, Replay replay) {
    List<String> current = List.copyOf(faults);
    if (test(List.of(), replay).orElse(false)) {
      return new ShrinkResult(faults, List.of(), replays, true, true, "");
    }
    java.util.Optional<Boolean> all = test(current, replay);
    if (all.isEmpty()) {
      // a budget of one replay: the run with every fault was never replayed, so nothing says
      // that it passed (the summary said so)
      return new ShrinkResult(faults, current, replays, false, false, "a replay budget of "
          + budget + " was spent before the run with every fault was replayed; give at least 2");
    }
    if (!all.get()) {
      return new ShrinkResult(faults, current, replays, false, false, "");
    }
    int granularity = 2;
    boolean exhausted = false;
    while (current.size() >= 2) {
      List<List<String>> chunks = split(current, granularity);
      List<String> next = null;
      for (List<String> chunk : chunks) {
        Boolean fails = test(chunk, replay).orElse(null);
        if (fails == null) {
          exhausted = true;
          break;
        }
        if (fails) {
          next = chunk;
          granularity = 2;
          break;
        }
      }
      if (next == null && !exhausted && granularity > 2) {
        for (List<String> chunk : chunks) {
          List<String> complement = new ArrayList<>(current);
          complement.removeAll(chunk);
          Boolean fails = test(complement, replay).orElse(null);
          if (fails == null) {
            exhausted = true;
            break;
          }
          if (fails) {
            next = complement;
            granularity = Math.max(granularity - 1, 2);
            break;
          }
        }
      }
      if (exhausted) {
        break;
      }
      if (next != null) {
        current = next;
      } else if (granularity >= current.size()) {
        break; // every single fault is needed: 1-minimal
      } else {
        granularity = Math.min(2 * granularity, current.size());
      }
    }
    return new ShrinkResult(faults, current, replays, !exhausted, true, "");
  }

  /** The replay's verdict for {@code subset}, cached; empty when the budget is spent. */
  private java.util.Optional<Boolean> test(List<String> subset, Replay replay) {
    FaultMask mask = FaultMask.only(subset);
    String key = mask.toString();
    Boolean known = tried.get(key);
    if (known != null) {
      return java.util.Optional.of(known);
    }
    if (replays >= budget) {
      return java.util.Optional.empty();
    }
    replays++;
    boolean fails = replay.fails(mask);
    tried.put(key, fails);
    return java.util.Optional.of(fails);
  }

  /** {@code list} in {@code n} contiguous chunks of nearly equal size. */
  static List<List<String>> split(List<String> list, int n) {
    List<List<String>> chunks = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < n; i++) {
      int end = start + (list.size() - start) / (n - i);
      if (end > start) {
        chunks.add(List.copyOf(list.subList(start, end)));
      }
      start = end;
    }
    return chunks;
  }
}
