package io.steelmill.sim.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a history for linearizability against a {@link Model}: the Wing-Gong-Lowe search with
 * memoization of (linearized set, state), run partition by partition (keys are independent for
 * a key-value model, as in Porcupine). Depends on nothing but the history: it checks recorded
 * simulations and Jepsen files alike.
 */
public final class LinearizabilityChecker {
  /** Steps a partition's search runs before the next partition's turn. */
  private static final long SLICE_STEPS = 20_000;

  /**
   * Partitions searched side by side (round robin, in order of first appearance); the next one
   * starts when one decides. More than the keys of any recorded simulation, so a history of a
   * few keys is searched exactly as before.
   */
  static final int MAX_ACTIVE = 256;

  private final Model model;
  private final Duration timeout;
  private final Duration explainTimeout;

  /**
   * A checker for {@code model} that gives up with {@link Verdict#UNKNOWN} after {@code timeout}.
   */
  public LinearizabilityChecker(Model model, Duration timeout) {
    this(model, timeout, Duration.ofSeconds(60));
  }

  /** As above; {@code explainTimeout} bounds the search for the smallest violation. */
  public LinearizabilityChecker(Model model, Duration timeout, Duration explainTimeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
    }
    this.model = model;
    this.timeout = timeout;
    this.explainTimeout = explainTimeout;
  }

  /** Checks {@code history}. */
  public CheckResult check(History history) {
    return check(history.events());
  }

  /**
   * Checks {@code events}.
   *
   * @throws IllegalArgumentException naming the event when an operation does not fit the model
   */
  public CheckResult check(List<Event> events) {
    long started = System.nanoTime();
    long deadline = started + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
    Map<Object, List<Operation>> partitions = Operations.partitioned(events, model, false);
    // counted before the optional writes nobody observes are left out: what the history holds
    int operations = partitions.values().stream().mapToInt(List::size).sum();
    partitions.replaceAll((key, ops) ->
        Operations.renumbered(Operations.withoutUnobservedWrites(ops, model)));
    List<Object> keys = new ArrayList<>(partitions.keySet());
    SearchBudget budget = SearchBudget.standard();
    // At most MAX_ACTIVE searches exist at once, each made when its turn comes: a search holds
    // arrays and a cache, and a history of a million keys made them all at once (out of memory).
    // The deadline is read before every round: a round of tiny partitions never reaches the
    // search's own periodic check, and such a history ran past any time limit.
    List<Integer> active = new ArrayList<>();
    List<LinearizationSearch> searches = new ArrayList<>();
    int next = 0;
    boolean unknown = false;
    while (true) {
      for (; active.size() < MAX_ACTIVE && next < keys.size(); next++) {
        active.add(next);
        searches.add(new LinearizationSearch(model, partitions.get(keys.get(next)), false,
            budget));
      }
      if (active.isEmpty()) {
        break;
      }
      if (System.nanoTime() - deadline > 0) {
        unknown = true;
        break;
      }
      List<Integer> stillActive = new ArrayList<>(active.size());
      List<LinearizationSearch> stillSearching = new ArrayList<>(active.size());
      for (int i = 0; i < active.size(); i++) {
        LinearizationSearch.Outcome outcome = searches.get(i).resume(SLICE_STEPS, deadline);
        if (outcome == LinearizationSearch.Outcome.ILLEGAL) {
          long searched = System.nanoTime() - started;
          Object key = keys.get(active.get(i));
          Violation violation = new Explainer(model, System.nanoTime() + explainTimeout.toNanos())
              .explain(key, partitions.get(key));
          return result(Verdict.NOT_LINEARIZABLE, violation, operations, partitions, started,
              searched);
        }
        if (outcome == LinearizationSearch.Outcome.PAUSED) {
          stillActive.add(active.get(i));
          stillSearching.add(searches.get(i));
        } else {
          unknown |= outcome == LinearizationSearch.Outcome.TIMEOUT
              || outcome == LinearizationSearch.Outcome.OVER_BUDGET;
        }
      }
      active = stillActive;
      searches = stillSearching;
    }
    CheckResult result = result(unknown ? Verdict.UNKNOWN : Verdict.LINEARIZABLE, null,
        operations, partitions, started, System.nanoTime() - started);
    return unknown && budget.spent() ? result.overBudget(budget.bytes()) : result;
  }

  private CheckResult result(Verdict verdict, Violation violation, int operations,
      Map<Object, List<Operation>> partitions, long started, long searched) {
    return new CheckResult(verdict, violation, model, operations, partitions.size(),
        Duration.ofNanos(searched), Duration.ofNanos(System.nanoTime() - started), 0);
  }
}
