package io.steelmill.processor.model;

import java.util.List;

/**
 * How a key resolved in one mode: from the parent factory, or to the local candidates (none: a
 * missing binding; several: a duplicate). {@code otherMode} holds the candidates of the other
 * mode when there are none in this one, to tell "missing" from "bound in the other mode only".
 */
public record Resolution(
    Key key, List<Binding> candidates, boolean fromParent, List<Binding> otherMode) {

  /** The binding when exactly one candidate exists, else null. */
  public Binding binding() {
    return !fromParent && candidates.size() == 1 ? candidates.get(0) : null;
  }
}
