package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TraceFormatter;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;

/**
 * Where a child factory's generated creator ({@code Steelmill<Child>.Creator}) may be injected: it
 * makes children of the one running node it is injected into, so only the graph of the child's
 * parent factory has it, unqualified, and only for per-node bindings. Anywhere else it is {@link
 * ErrorCode#CreatorOutOfScope} on the injecting line (before, a misplaced creator left every
 * factory of the hierarchy waiting for a class that could never be generated, and an
 * {@code @Ambient} daemon's creator was written as code that did not compile).
 */
final class CreatorScope {
  private CreatorScope() {}

  /** {@code key} names a creator that {@code graph}'s factory does not have. */
  static Diagnostic misplaced(BindingGraph graph, Key key, PathStep step, String trace) {
    String factory = graph.factory().displayName();
    String requester =
        step.from() == null
            ? "entry point " + factory + "." + step.entryPoint().name() + "()"
            : step.from().key().displayName();
    String creator = key.displayName();
    String name = key.typeName();
    String generated = name.substring(0, name.length() - ".Creator".length());
    generated = generated.substring(generated.lastIndexOf('.') + 1);
    String reason;
    String fix;
    if (key.isQualified()) {
      reason = "a child factory's creator takes no qualifier: each child factory has one creator";
      fix = "remove the qualifier from " + requester + "'s " + generated + ".Creator";
    } else {
      reason = generated + " is not the generated class of a child factory of " + factory
          + ": a creator makes children of the node it is injected into, so only the graph of"
          + " its child's parent factory has it";
      fix = "inject " + creator + " into a daemon or @Provides method of the child's parent"
          + " factory, or declare the child with @Factory(parent = " + factory + ".class)";
    }
    return Diagnostic.of(
        ErrorCode.CreatorOutOfScope,
        step.dependency().site(),
        ErrorCode.CreatorOutOfScope.describe(requester, creator, reason),
        trace,
        ErrorCode.CreatorOutOfScope.fix(fix));
  }

  /** A binding the ambient factory shares ({@code subject}) needs the creator {@code needed}. */
  static Diagnostic inAmbient(
      BindingGraph graph, Key key, String subject, Dependency dependency, Binding needed) {
    String creator = needed.key().displayName();
    String reason = "an @Ambient daemon is shared by every node of the cluster, so there is no one"
        + " running node for it to create children of";
    String fix = "inject " + creator + " into a per-node daemon of " + graph.factory().displayName()
        + " (one without @Ambient)";
    return Diagnostic.of(
        ErrorCode.CreatorOutOfScope,
        dependency.site(),
        ErrorCode.CreatorOutOfScope.describe(subject.replaceAll(",$", ""), creator, reason),
        TraceFormatter.trace(graph, key),
        ErrorCode.CreatorOutOfScope.fix(fix));
  }
}
