package io.steelmill.sim.history;

import java.util.List;
import java.util.Set;

/**
 * The smallest part of a history found that cannot be linearized. {@code core} is a set of
 * completed operations that no order satisfies, whatever the partition's other operations did
 * (each of them may have taken effect or not); {@code stuck} is the operation whose completion
 * ends the shortest non-linearizable prefix; {@code statesTried} are the model states in which
 * the search tried {@code stuck} and the model refused it; {@code longest} is the longest order
 * of operations of that prefix the search could linearize.
 *
 * @param partition the key of the partition (null for single-object models)
 * @param core the operations that cannot be linearized together, in history order
 * @param stuck the operation that cannot be placed
 * @param statesTried states in which the model refused {@code stuck}
 * @param longest the longest linearizable order found
 * @param minimal true when every operation of {@code core} was shown necessary
 */
public record Violation(Object partition, List<Operation> core, Operation stuck,
    Set<Object> statesTried, List<Operation> longest, boolean minimal) {}
