package io.steelmill.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's errors, in the order they happened, each kept once (an error of a child is the same
 * object in the child and in its ancestors). Each is thrown to a caller at most once: {@link
 * #takeUnthrown} hands out only those never thrown, so nothing is lost and nothing is thrown, or
 * suppressed into itself, twice.
 */
final class NodeErrors {
  private final List<FactoryException> errors = new ArrayList<>(0);

  /** Keeps {@code error}, unless it is kept already; returns whether it was new. */
  synchronized boolean add(FactoryException error) {
    for (FactoryException kept : errors) {
      if (kept == error) {
        return false;
      }
    }
    errors.add(error);
    return true;
  }

  synchronized boolean isEmpty() {
    return errors.isEmpty();
  }

  synchronized List<FactoryException> all() {
    return List.copyOf(errors);
  }

  /**
   * The errors never thrown before, marked thrown now: the first, carrying the others as
   * suppressed exceptions. Empty if there are none.
   */
  Optional<FactoryException> takeUnthrown() {
    List<FactoryException> fresh = new ArrayList<>();
    for (FactoryException error : all()) {
      if (!error.markThrown()) {
        fresh.add(error);
      }
    }
    return combine(fresh);
  }

  /** Every error: the first, carrying the others as suppressed exceptions. */
  Optional<FactoryException> summary() {
    return combine(all());
  }

  private static Optional<FactoryException> combine(List<FactoryException> list) {
    if (list.isEmpty()) {
      return Optional.empty();
    }
    FactoryException first = list.get(0);
    for (FactoryException other : list.subList(1, list.size())) {
      if (!List.of(first.getSuppressed()).contains(other)
          && !List.of(other.getSuppressed()).contains(first)) {
        first.addSuppressed(other);
      }
    }
    return Optional.of(first);
  }
}
