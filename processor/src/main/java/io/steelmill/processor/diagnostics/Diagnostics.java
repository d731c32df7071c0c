package io.steelmill.processor.diagnostics;

import io.steelmill.processor.model.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Collects the diagnostics of one factory (or one element) in each mode, then reports each once:
 * a problem found in both modes plainly, one found in a single mode prefixed with {@code In
 * simulation mode, } (or production). Nothing prints twice, also across rounds.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Set<String> reported = new LinkedHashSet<>();
  private final Map<Diagnostic, Set<Mode>> pending = new LinkedHashMap<>();
  /** Every element an error was reported on, by {@link #identity(Element)}, over all rounds. */
  private final Set<String> elementsWithErrors = new LinkedHashSet<>();

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** Adds a diagnostic found in every mode. */
  public void add(Diagnostic diagnostic) {
    pending.computeIfAbsent(diagnostic, d -> new LinkedHashSet<>()).addAll(List.of(Mode.values()));
  }

  /** Adds a diagnostic found while validating the graph of {@code mode}. */
  public void add(Diagnostic diagnostic, Mode mode) {
    pending.computeIfAbsent(diagnostic, d -> new LinkedHashSet<>()).add(mode);
  }

  /** Reports everything collected, each message once, and forgets it. */
  public void flush() {
    List<Map.Entry<Diagnostic, Set<Mode>>> entries = new ArrayList<>(pending.entrySet());
    pending.clear();
    for (Map.Entry<Diagnostic, Set<Mode>> entry : entries) {
      Diagnostic diagnostic = entry.getKey();
      String text = diagnostic.text();
      if (entry.getValue().size() == 1) {
        Mode mode = entry.getValue().iterator().next();
        text = text.replaceFirst("] ", "] In " + mode + " mode, ");
      }
      report(Kind.ERROR, text, diagnostic.element());
    }
  }

  /** Reports an error that is not tied to a mode, right away. */
  public void error(String text, Element element) {
    report(Kind.ERROR, text, element);
  }

  /**
   * Whether an error was reported on {@code element} in any round. Elements are re-created per
   * round, so they are compared by name.
   */
  public boolean hasErrorOn(Element element) {
    // No error yet (the usual case): no name to build for each of a graph's elements.
    return !elementsWithErrors.isEmpty() && elementsWithErrors.contains(identity(element));
  }

  /** {@code a.b.Store}, {@code a.b.Store#Store(a.b.Disk)}, {@code ...#Store(a.b.Disk)#disk}. */
  private static String identity(Element element) {
    if (element instanceof javax.lang.model.element.QualifiedNameable named) {
      return named.getQualifiedName().toString();
    }
    Element enclosing = element.getEnclosingElement();
    return (enclosing == null ? "" : identity(enclosing)) + '#' + element;
  }

  private void report(Kind kind, String text, Element element) {
    String identity = text + '@' + (element == null ? "" : identity(element));
    if (kind == Kind.ERROR && element != null) {
      elementsWithErrors.add(identity(element));
    }
    if (!reported.add(identity)) {
      return;
    }
    if (element == null) {
      messager.printMessage(kind, text);
    } else {
      messager.printMessage(kind, text, element);
    }
  }
}
