package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shrinks a non-linearizable partition to the smallest part that still fails. First the
 * shortest failing prefix (binary search: making a prefix longer never makes it linearizable,
 * because operations still in flight at the cut count as optional); its last event completes
 * the operation that cannot be placed. Then, chunk by chunk and down to single operations, every
 * other operation is made optional (may or may not have taken effect; an optional read is simply
 * dropped) as long as the history still fails. Each trial search has a small budget, and the
 * whole explanation a time limit: optional writes widen the search, so a large core may stay
 * unminimized (the violation says so). What stays mandatory is a set of operations that cannot be linearized together
 * whatever the others did: a sound certificate, not a guess.
 */
final class Explainer {
  /** One trial search may take this long; a trial that times out keeps its operations. */
  private static final long TRIAL_NANOS = 50_000_000L;

  private final Model model;
  private final long deadline;
  private boolean outOfTime;
  private boolean trialsTimedOut;

  Explainer(Model model, long deadlineNanos) {
    this.model = model;
    this.deadline = deadlineNanos;
  }

  Violation explain(Object partition, List<Operation> ops) {
    long[] returns = ops.stream().filter(op -> !op.optional()).mapToLong(Operation::ret)
        .sorted().toArray();
    int low = 0;
    int high = returns.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      LinearizationSearch.Outcome outcome = search(prefix(ops, returns[mid]));
      if (outcome == LinearizationSearch.Outcome.ILLEGAL) {
        high = mid;
      } else if (outcome == LinearizationSearch.Outcome.LINEARIZABLE) {
        low = mid + 1;
      } else {
        low = high;
      }
    }
    long cut = returns[high];
    List<Operation> failing = prefix(ops, cut);
    Operation stuck = failing.stream().filter(op -> op.ret() == cut).findFirst().orElseThrow();
    boolean[] optional = new boolean[failing.size()];
    for (Operation op : failing) {
      optional[op.id()] = op.optional();
    }
    minimize(failing, optional, stuck.id(), true);
    minimize(failing, optional, stuck.id(), false);
    List<Operation> relaxed = relax(failing, optional);
    LinearizationSearch explained = new LinearizationSearch(model, relaxed, true);
    explained.run(Math.max(deadline, System.nanoTime() + 100_000_000L));
    int stuckId = indexOf(relaxed, stuck);
    List<Operation> core = new ArrayList<>();
    for (Operation op : relaxed) {
      if (!op.optional()) {
        core.add(op);
      }
    }
    return new Violation(partition, core, relaxed.get(stuckId),
        explained.refusedStates(stuckId), explained.longestLinearization(),
        !outOfTime && !trialsTimedOut);
  }

  /** The operations invoked at or before {@code cut}; those completing after it are optional. */
  private List<Operation> prefix(List<Operation> ops, long cut) {
    List<Operation> out = new ArrayList<>();
    for (Operation op : ops) {
      if (op.call() > cut) {
        continue;
      }
      if (op.ret() > cut && !op.optional()) {
        if (model.readOnly(op)) {
          continue;
        }
        op = op.asOptional();
      }
      out.add(op.withId(out.size()));
    }
    return out;
  }

  /**
   * ddmin-style: make chunks of mandatory operations optional while the history still fails.
   * Reads go first: dropping them shrinks the search, while an optional write widens it.
   */
  private void minimize(List<Operation> ops, boolean[] optional, int stuck, boolean reads) {
    List<Integer> mandatory = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (!optional[i] && i != stuck && model.readOnly(ops.get(i)) == reads) {
        mandatory.add(i);
      }
    }
    int chunk = Math.max(1, mandatory.size() / 2);
    while (!mandatory.isEmpty()) {
      List<Integer> kept = new ArrayList<>();
      for (int start = 0; start < mandatory.size(); start += chunk) {
        List<Integer> part = mandatory.subList(start, Math.min(start + chunk, mandatory.size()));
        boolean[] trial = Arrays.copyOf(optional, optional.length);
        part.forEach(i -> trial[i] = true);
        if (!outOfTime && search(relax(ops, trial)) == LinearizationSearch.Outcome.ILLEGAL) {
          part.forEach(i -> optional[i] = true);
        } else {
          kept.addAll(part);
        }
      }
      mandatory = kept;
      if (chunk == 1 || outOfTime) {
        return;
      }
      chunk = Math.max(1, chunk / 2);
    }
  }

  /** {@code ops} with the marked ones optional, optional reads dropped, renumbered. */
  private List<Operation> relax(List<Operation> ops, boolean[] optional) {
    List<Operation> out = new ArrayList<>();
    for (Operation op : ops) {
      if (optional[op.id()] && !op.optional()) {
        if (model.readOnly(op)) {
          continue;
        }
        op = op.asOptional();
      }
      out.add(op.withId(out.size()));
    }
    return out;
  }

  private LinearizationSearch.Outcome search(List<Operation> ops) {
    if (System.nanoTime() - deadline > 0) {
      outOfTime = true;
      return LinearizationSearch.Outcome.TIMEOUT;
    }
    long trialDeadline = Math.min(deadline, System.nanoTime() + TRIAL_NANOS);
    LinearizationSearch.Outcome outcome =
        new LinearizationSearch(model, ops, false).run(trialDeadline);
    if (outcome == LinearizationSearch.Outcome.TIMEOUT) {
      trialsTimedOut = true;
      outOfTime |= System.nanoTime() - deadline > 0;
    }
    return outcome;
  }

  private static int indexOf(List<Operation> ops, Operation target) {
    for (Operation op : ops) {
      if (op.call() == target.call()) {
        return op.id();
      }
    }
    throw new IllegalStateException("lost the stuck operation");
  }
}
