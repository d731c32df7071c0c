package io.steelmill.processor.model;

import javax.lang.model.element.Element;

/**
 * One thing a binding or entry point asks for: a key, whether it asked for a {@code Provider}
 * (deferred, so it does not constrain construction order), and the element that asked (a
 * constructor parameter, a method parameter, an entry point), where errors about it are reported.
 *
 * @param providerType the qualified name of the provider interface, or null for an instance
 */
public record Dependency(Key key, String providerType, Element site) {
  public boolean isProvider() {
    return providerType != null;
  }
}
