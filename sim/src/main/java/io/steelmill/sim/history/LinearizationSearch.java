package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Wing-Gong-Lowe search over one partition. Calls and returns sit in a doubly linked list in
 * history order ({@link EntryList}); the search linearizes a call at the head of the list (steps
 * the model, lifts the call and its return out of the list), and backtracks when it meets a
 * return whose call is not linearized. Lowe's memoization ({@link SeenNodes}) skips any (set of
 * linearized operations, model state) pair seen before: the set is a bitset with an
 * incrementally maintained Zobrist hash, so a cache probe costs no allocation. Optional operations (unknown
 * outcome) have no return entry: they may be linearized or left out, and the search succeeds
 * once every completed operation is linearized.
 *
 * <p>Optional operations get a stronger rule than equality: a node is skipped when a node with
 * the same completed operations, the same state and a subset of its optional operations was seen
 * (that node can do everything this one can, since optional operations never force anything).
 * Without it, a history whose completed operations cannot be linearized explores every subset of
 * its unknown writes; with it, the search stays polynomial in practice.
 */
final class LinearizationSearch {
  /** How a search ended. */
  enum Outcome { LINEARIZABLE, ILLEGAL, TIMEOUT, OVER_BUDGET, PAUSED }

  private final Model model;
  /** A user's model: its states are made as values are read (the built-in ones make them so). */
  private final boolean normalise;
  private final List<Operation> ops;
  private final EntryList entries;
  private final long[] zobrist;
  private final boolean explain;
  private final SearchBudget budget;
  private int deepest = -1;
  private int[] deepestOrder = new int[0];
  private final Map<Integer, Set<Object>> refusedStates = new LinkedHashMap<>();
  private final long[] linearized;
  private final long[] optionalLinearized;
  private final boolean[] isOptional;
  private final SeenNodes seen;
  private final int[] stackEntry;
  private final Object[] stackState;
  private long hash;
  private long steps;
  private int remaining;
  private int depth;
  private Object state;
  private int entry;

  LinearizationSearch(Model model, List<Operation> ops, boolean explain) {
    this(model, ops, explain, SearchBudget.standard());
  }

  /** A search whose cache draws on {@code budget} (shared by the searches of one check). */
  LinearizationSearch(Model model, List<Operation> ops, boolean explain, SearchBudget budget) {
    this.model = model;
    this.normalise = !(model instanceof Models.Register || model instanceof Models.KeyValue);
    this.budget = budget;
    this.ops = ops;
    this.explain = explain;
    int n = ops.size();
    entries = new EntryList(ops);
    zobrist = new long[n];
    long seed = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < n; i++) {
      seed += 0x9E3779B97F4A7C15L;
      long z = seed;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      zobrist[i] = z ^ (z >>> 31);
    }
    linearized = new long[(n + 63) >>> 6];
    optionalLinearized = new long[(n + 63) >>> 6];
    isOptional = new boolean[n];
    for (int i = 0; i < n; i++) {
      isOptional[i] = ops.get(i).optional();
    }
    seen = new SeenNodes(linearized, optionalLinearized, budget);
    stackEntry = new int[n];
    stackState = new Object[n];
    for (Operation op : ops) {
      remaining += op.optional() ? 0 : 1;
    }
    state = normalise ? Values.asRead(model.initial()) : model.initial(); // as step's below
    entry = entries.first();
  }

  /** Runs the search until it decides or {@code deadlineNanos} (System.nanoTime) passes. */
  Outcome run(long deadlineNanos) {
    Outcome outcome;
    do {
      outcome = resume(Long.MAX_VALUE, deadlineNanos);
    } while (outcome == Outcome.PAUSED);
    return outcome;
  }

  /**
   * Continues the search for at most {@code maxSteps} steps ({@link Outcome#PAUSED} when they
   * run out), so that a checker can interleave partitions: one that is not linearizable is then
   * found even when another partition's search is slow.
   */
  Outcome resume(long maxSteps, long deadlineNanos) {
    for (long taken = 1; remaining > 0; taken++, steps++) {
      if ((taken & 0x3FF) == 0 && System.nanoTime() - deadlineNanos > 0) {
        return Outcome.TIMEOUT;
      }
      if (taken > maxSteps) {
        return Outcome.PAUSED;
      }
      if (budget.spent()) {
        return Outcome.OVER_BUDGET;
      }
      if (entry != EntryList.NONE && entries.isCall(entry)) {
        if (!tryLinearize()) {
          entry = entries.next(entry);
        }
      } else if (depth == 0) {
        return Outcome.ILLEGAL;
      } else {
        backtrack();
      }
    }
    return Outcome.LINEARIZABLE;
  }

  /** Linearizes the call at {@code entry} unless the model refuses it or the cache has it. */
  private boolean tryLinearize() {
    int op = entries.op(entry);
    Object after = step(ops.get(op));
    if (after == Model.ILLEGAL) {
      if (explain) {
        refused(op, state);
      }
      return false;
    }
    long[] bits = isOptional[op] ? optionalLinearized : linearized;
    bits[op >>> 6] |= 1L << op;
    long newHash = isOptional[op] ? hash : hash ^ zobrist[op];
    if (!seen.remember(after, newHash)) {
      bits[op >>> 6] &= ~(1L << op);
      return false;
    }
    stackEntry[depth] = entry;
    stackState[depth++] = state;
    if (!ops.get(op).optional()) {
      remaining--;
    }
    state = after;
    hash = newHash;
    entries.lift(entry);
    if (explain && depth > deepest) {
      recordDeepest();
    }
    entry = entries.first();
    return true;
  }

  /**
   * The model's state after {@code op}, as values are read ({@link Values#asRead}): the values a
   * model compares its state with are, so a model returning {@code 0} (an Integer) meets a read of
   * {@code 0} (a Long) as the same value, as Clojure's {@code =} does (see {@link Model}).
   */
  private Object step(Operation op) {
    Object after;
    try {
      after = model.step(state, op);
    } catch (RuntimeException e) {
      throw new IllegalStateException("the model " + model.name() + " threw " + e
          + " at process " + op.process() + "'s " + EdnWriter.function(op.f()) + " (value "
          + EdnWriter.preview(op.input()) + ", returned " + EdnWriter.preview(op.output())
          + ") in state " + EdnWriter.preview(state) + ". Fix: a model gets values as a history"
          + " file reads (a whole number is a Long, a decimal a Double, a vector a List; see"
          + " Model)", e);
    }
    return after == Model.ILLEGAL || !normalise ? after : Values.asRead(after);
  }

  /** Undoes the most recent linearization and moves past it. */
  private void backtrack() {
    entry = stackEntry[--depth];
    state = stackState[depth];
    stackState[depth] = null;
    int op = entries.op(entry);
    if (isOptional[op]) {
      optionalLinearized[op >>> 6] &= ~(1L << op);
    } else {
      linearized[op >>> 6] &= ~(1L << op);
      hash ^= zobrist[op];
    }
    if (!ops.get(op).optional()) {
      remaining++;
    }
    entries.unlift(entry);
    entry = entries.next(entry);
  }

  private void recordDeepest() {
    deepest = depth;
    deepestOrder = new int[depth];
    for (int i = 0; i < depth; i++) {
      deepestOrder[i] = entries.op(stackEntry[i]);
    }
  }

  private void refused(int op, Object state) {
    Set<Object> states = refusedStates.computeIfAbsent(op, k -> new LinkedHashSet<>());
    if (states.size() < 8) {
      states.add(state == null ? NullState.NIL : state);
    }
  }

  /** Search steps taken so far, over every {@link #resume}. */
  long steps() {
    return steps;
  }

  /** The longest sequence of operations the search linearized (explain mode). */
  List<Operation> longestLinearization() {
    List<Operation> order = new ArrayList<>();
    for (int op : deepestOrder) {
      order.add(ops.get(op));
    }
    return order;
  }

  /** The states in which the model refused {@code op} (explain mode; at most 8). */
  Set<Object> refusedStates(int op) {
    return refusedStates.getOrDefault(op, Set.of());
  }

  /** Stands for a null state in sets of states. */
  enum NullState {
    NIL;

    @Override
    public String toString() {
      return "nil";
    }
  }
}
