package io.steelmill.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's errors, in the order they happened, each kept once (an error of a child is the same
 * object in the child and in its ancestors). Each is thrown to a caller at most once: {@link
 * #takeUnthrown} hands out only those never thrown, so nothing is lost and nothing is thrown, or
 * suppressed into itself, twice.
 */
final class NodeErrors {
  private List<FactoryException> errors = List.of(); // a list of its own from the first error

  /** Keeps {@code error}, unless it is kept already; returns whether it was new. */
  synchronized boolean add(FactoryException error) {
    if (errors.isEmpty()) {
      errors = new ArrayList<>(2);
    }
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
  synchronized Optional<FactoryException> takeUnthrown() {
    List<FactoryException> fresh = new ArrayList<>();
    for (FactoryException error : all()) {
      if (!error.markThrown()) {
        fresh.add(error);
      }
    }
    return combine(fresh);
  }

  /**
   * Throws what {@link #takeUnthrown} takes, if anything: for {@code Node.close()}, here so that
   * {@code Node}'s verifier does not load {@code FactoryException} (see {@link Refusals}).
   */
  void throwUnthrown() {
    Optional<FactoryException> unthrown = takeUnthrown();
    if (unthrown.isPresent()) {
      throw unthrown.get();
    }
  }

  /**
   * Every error: the first, carrying the others as suppressed exceptions. An error already thrown
   * is never changed afterwards (its reader would see a later error twice, once in it and once
   * from the {@code close()} that throws it): if the first was thrown, it is returned as it is.
   */
  synchronized Optional<FactoryException> summary() {
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    FactoryException first = errors.get(0);
    if (first.wasThrown()) {
      return Optional.of(first);
    }
    return combine(errors.stream().filter(e -> !e.wasThrown()).toList());
  }

  /**
   * The first of {@code list}, with each other error of it suppressed unless it is already within
   * the first's, or another's, suppressed exceptions (a child's summary may hold it): every
   * error is reachable once, and no error ever suppresses itself, even through others.
   */
  private static Optional<FactoryException> combine(List<FactoryException> list) {
    if (list.isEmpty()) {
      return Optional.empty();
    }
    FactoryException first = list.get(0);
    Set<Throwable> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    for (FactoryException error : list) {
      addSuppressedOf(error, reachable);
    }
    for (FactoryException other : list.subList(1, list.size())) {
      if (other == first || reachable.contains(other)) {
        continue;
      }
      Set<Throwable> below = Collections.newSetFromMap(new IdentityHashMap<>());
      addSuppressedOf(other, below);
      if (!below.contains(first)) {
        first.addSuppressed(other);
        reachable.add(other);
      }
    }
    return Optional.of(first);
  }

  /** Adds every exception suppressed by {@code error}, transitively, to {@code into}. */
  private static void addSuppressedOf(Throwable error, Set<Throwable> into) {
    for (Throwable suppressed : error.getSuppressed()) {
      if (into.add(suppressed)) {
        addSuppressedOf(suppressed, into);
      }
    }
  }
}
