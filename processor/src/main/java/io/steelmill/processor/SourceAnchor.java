package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.PathStep;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Moves a graph rule's diagnostic from an element of a class file (a daemon, module or
 * implementation compiled before, on the class path) to the nearest line of the user's sources
 * on its dependency path. javac prints an error on a class file's element with no file and no
 * line, so the user would not know where their graph reaches the class; the message says which
 * compiled class it is about.
 */
final class SourceAnchor {
  private final Elements elements;

  SourceAnchor(Elements elements) {
    this.elements = elements;
  }

  /** {@code diagnostic}, on a source line of {@code graph}'s chain if its element has none. */
  Diagnostic anchored(Diagnostic diagnostic, BindingGraph graph) {
    Element element = diagnostic.element();
    if (element == null || inSource(element)) {
      return diagnostic;
    }
    TypeElement compiled = typeOf(element);
    Element anchor = nearestSource(compiled, graph);
    String where = compiled == null ? element.toString() : compiled.getQualifiedName().toString();
    String text = diagnostic.text();
    int fix = text.lastIndexOf("\nFix: ");
    String note = "\n    (" + where + " is compiled already, from the class path: the error is"
        + " shown where your code reaches it)";
    text = fix < 0 ? text + note : text.substring(0, fix) + note + text.substring(fix);
    return new Diagnostic(diagnostic.code(), anchor, text);
  }

  /**
   * The innermost source site on the path to a key whose binding or type is {@code compiled}; the
   * factory interface when there is none.
   */
  private Element nearestSource(TypeElement compiled, BindingGraph graph) {
    for (BindingGraph g = graph; g != null && compiled != null; g = g.parent()) {
      for (Map.Entry<Key, PathStep> path : g.paths().entrySet()) {
        if (concerns(path.getKey(), g, compiled)) {
          Element site = innermostSourceSite(g.pathTo(path.getKey()));
          if (site != null) {
            return site;
          }
        }
      }
    }
    return graph.factory().element();
  }

  private boolean concerns(Key key, BindingGraph graph, TypeElement compiled) {
    if (key.type() instanceof DeclaredType declared && declared.asElement().equals(compiled)) {
      return true;
    }
    var resolution = graph.resolutions().get(key);
    if (resolution == null) {
      return false;
    }
    for (Binding binding : resolution.candidates()) {
      if (compiled.equals(typeOf(binding.element()))
          || (binding.executable() != null && compiled.equals(typeOf(binding.executable())))) {
        return true;
      }
    }
    return false;
  }

  private Element innermostSourceSite(List<BindingGraph.TracedStep> steps) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Element site = steps.get(i).step().dependency().site();
      if (site != null && inSource(site)) {
        return site;
      }
    }
    return null;
  }

  private static TypeElement typeOf(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return type;
      }
    }
    return null;
  }

  /** Whether javac read {@code element} from a source file of this compilation. */
  boolean inSource(Element element) {
    try {
      JavaFileObject file = elements.getFileObjectOf(element);
      return file == null || file.getKind() == JavaFileObject.Kind.SOURCE;
    } catch (RuntimeException notJavac) {
      return true; // another compiler's model: leave the element as it is
    }
  }
}
