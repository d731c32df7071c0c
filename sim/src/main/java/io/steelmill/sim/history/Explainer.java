package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shrinks a non-linearizable partition to the smallest part that still fails, in stages that
 * each cut a lot cheaply before the fine one:
 *
 * <ol>
 *   <li>the shortest failing prefix (binary search: a longer prefix never becomes linearizable,
 *       because operations still in flight at the cut count as optional); its last event
 *       completes the operation that cannot be placed, the <em>stuck</em> one;
 *   <li>the latest failing start: the reads, then the writes, completed before it are made
 *       optional (binary search again, since relaxing more only makes linearizing easier);
 *   <li>each process's operations made optional at once, process by process;
 *   <li>ddmin over the operations left, reads first (dropping a read shrinks the search, an
 *       optional write widens it), in halving chunks down to single operations.
 * </ol>
 *
 * <p>"Made optional" means: may or may not have taken effect (an optional read is dropped, and
 * an optional write whose value nobody observes too, see {@link Model#overwrites}). What stays
 * mandatory cannot be linearized whatever the others did: a sound certificate, not a guess.
 * Trials are bounded by a number of search steps, not by time, so the same history always gives
 * the same explanation on any machine; a trial that runs out of steps keeps its operations, and
 * the violation then says it is not minimal. A wall-clock deadline remains as a last resort.
 */
final class Explainer {
  /** Search steps one trial may take; a trial that needs more keeps its operations. */
  static final long TRIAL_STEPS = 100_000;

  /** Search steps the whole explanation may take. */
  static final long TOTAL_STEPS = 4_000_000;

  private final Model model;
  private final long deadline;
  private long spent;
  private boolean undecided;

  Explainer(Model model, long deadlineNanos) {
    this.model = model;
    this.deadline = deadlineNanos;
  }

  Violation explain(Object partition, List<Operation> ops) {
    List<Operation> failing = shortestFailingPrefix(ops);
    long cut = failing.stream().filter(op -> !op.optional()).mapToLong(Operation::ret).max()
        .orElseThrow();
    Operation stuck = failing.stream().filter(op -> op.ret() == cut).findFirst().orElseThrow();
    boolean[] optional = new boolean[failing.size()];
    for (Operation op : failing) {
      optional[op.id()] = op.optional();
    }
    relaxEarliest(failing, optional, stuck.id(), true);
    relaxEarliest(failing, optional, stuck.id(), false);
    relaxProcesses(failing, optional, stuck.id());
    minimize(failing, optional, stuck.id(), true);
    minimize(failing, optional, stuck.id(), false);
    List<Operation> relaxed = relax(failing, optional);
    LinearizationSearch explained = new LinearizationSearch(model, relaxed, true);
    explained.resume(TRIAL_STEPS, Long.MAX_VALUE);
    int stuckId = indexOf(relaxed, stuck);
    List<Operation> core = new ArrayList<>();
    for (Operation op : relaxed) {
      if (!op.optional()) {
        core.add(op);
      }
    }
    return new Violation(partition, core, relaxed.get(stuckId),
        explained.refusedStates(stuckId), explained.longestLinearization(), !undecided);
  }

  /** Stage 1: the shortest prefix that still fails (the whole partition if none shorter). */
  private List<Operation> shortestFailingPrefix(List<Operation> ops) {
    long[] returns = ops.stream().filter(op -> !op.optional()).mapToLong(Operation::ret)
        .sorted().toArray();
    int low = 0;
    int high = returns.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (fails(prefix(ops, returns[mid]))) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return prefix(ops, returns[high]);
  }

  /**
   * Stage 2: the most reads (or writes), in order of completion, that can be made optional at
   * once. Reads go first, so that what stays explains with writes where it can ("this write
   * completed, then that read saw an older value").
   */
  private void relaxEarliest(List<Operation> ops, boolean[] optional, int stuck, boolean reads) {
    List<Integer> byReturn = new ArrayList<>();
    for (int i : mandatory(ops, optional, stuck)) {
      if (model.readOnly(ops.get(i)) == reads) {
        byReturn.add(i);
      }
    }
    byReturn.sort((a, b) -> Long.compare(ops.get(a).ret(), ops.get(b).ret()));
    int low = 0;
    int high = byReturn.size();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      boolean[] trial = Arrays.copyOf(optional, optional.length);
      byReturn.subList(0, mid).forEach(i -> trial[i] = true);
      if (fails(relax(ops, trial))) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    byReturn.subList(0, low).forEach(i -> optional[i] = true);
  }

  /** Stage 3: every operation of one process made optional at once, process by process. */
  private void relaxProcesses(List<Operation> ops, boolean[] optional, int stuck) {
    Map<Long, List<Integer>> byProcess = new LinkedHashMap<>();
    for (int i : mandatory(ops, optional, stuck)) {
      byProcess.computeIfAbsent(ops.get(i).process(), p -> new ArrayList<>()).add(i);
    }
    if (byProcess.size() < 2) {
      return;
    }
    for (List<Integer> part : byProcess.values()) {
      boolean[] trial = Arrays.copyOf(optional, optional.length);
      part.forEach(i -> trial[i] = true);
      if (fails(relax(ops, trial))) {
        part.forEach(i -> optional[i] = true);
      }
    }
  }

  /** Stage 4, ddmin-style: chunks of the mandatory reads (or writes) made optional. */
  private void minimize(List<Operation> ops, boolean[] optional, int stuck, boolean reads) {
    List<Integer> candidates = new ArrayList<>();
    for (int i : mandatory(ops, optional, stuck)) {
      if (model.readOnly(ops.get(i)) == reads) {
        candidates.add(i);
      }
    }
    int chunk = Math.max(1, candidates.size() / 2);
    while (!candidates.isEmpty()) {
      List<Integer> kept = new ArrayList<>();
      for (int start = 0; start < candidates.size(); start += chunk) {
        List<Integer> part =
            candidates.subList(start, Math.min(start + chunk, candidates.size()));
        boolean[] trial = Arrays.copyOf(optional, optional.length);
        part.forEach(i -> trial[i] = true);
        if (fails(relax(ops, trial))) {
          part.forEach(i -> optional[i] = true);
        } else {
          kept.addAll(part);
        }
      }
      candidates = kept;
      if (chunk == 1) {
        return;
      }
      chunk = Math.max(1, chunk / 2);
    }
  }

  private static List<Integer> mandatory(List<Operation> ops, boolean[] optional, int stuck) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      if (!optional[i] && i != stuck) {
        out.add(i);
      }
    }
    return out;
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
    return Operations.renumbered(Operations.withoutUnobservedWrites(out, model));
  }

  /**
   * Whether {@code ops} is certainly not linearizable; false also when the trial ran out of its
   * steps (then the caller keeps what it tried to drop, and the result is not shown minimal).
   */
  private boolean fails(List<Operation> ops) {
    if (spent >= TOTAL_STEPS || System.nanoTime() - deadline > 0) {
      undecided = true;
      return false;
    }
    LinearizationSearch search = new LinearizationSearch(model, ops, false);
    LinearizationSearch.Outcome outcome =
        search.resume(Math.min(TRIAL_STEPS, TOTAL_STEPS - spent), deadline);
    spent += search.steps();
    if (outcome == LinearizationSearch.Outcome.ILLEGAL) {
      return true;
    }
    undecided |= outcome != LinearizationSearch.Outcome.LINEARIZABLE;
    return false;
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
