package io.steelmill.processor.model;

import javax.lang.model.element.ExecutableElement;

/** An abstract no-argument method of a factory interface, and what it requests. */
public record EntryPoint(ExecutableElement method, Dependency request) {
  public String name() {
    return method.getSimpleName().toString();
  }
}
