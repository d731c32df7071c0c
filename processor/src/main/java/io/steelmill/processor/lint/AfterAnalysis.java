package io.steelmill.processor.lint;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Lints classes holding a record later, once javac has attributed them itself. Reading a method
 * body's symbols during annotation processing makes javac attribute the whole class early, which
 * puts the implicit {@code super()} call into every constructor's tree; in the next round javac
 * attributes the class again and refuses a record's explicit canonical constructor for "explicit
 * constructor invocation" (a record daemon with a compact constructor failed to compile in every
 * simulation build). So a top-level class that declares a record anywhere is linted when javac's
 * own analysis of it ends, with the same rules and the same report.
 */
final class AfterAnalysis {
  private final Trees trees;
  private final Map<TypeElement, List<Runnable>> waiting = new HashMap<>();
  private final Set<TypeElement> analyzed = new HashSet<>();
  private final Map<TypeElement, Boolean> holdsRecord = new HashMap<>();
  private final boolean listening;
  private final Messager messager;

  AfterAnalysis(ProcessingEnvironment environment, Trees trees) {
    this.trees = trees;
    this.messager = environment.getMessager();
    this.listening = trees != null && listen(environment);
  }

  private boolean listen(ProcessingEnvironment environment) {
    try {
      JavacTask.instance(environment).addTaskListener(new TaskListener() {
        @Override
        public void finished(TaskEvent event) {
          if (event.getKind() == TaskEvent.Kind.ANALYZE && event.getTypeElement() != null) {
            analyzed(outermost(event.getTypeElement()));
          }
        }
      });
      return true;
    } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
      return false;
    }
  }

  /**
   * Runs {@code lint} on code of {@code element} now, or once javac has analyzed its top-level
   * class when linting it now would break the compilation (see the class comment).
   */
  void run(Element element, Runnable lint) {
    TypeElement top = outermost(element);
    if (top == null || analyzed.contains(top) || !holdsRecord(top)) {
      lint.run();
    } else if (listening) {
      waiting.computeIfAbsent(top, k -> new ArrayList<>()).add(lint);
    }
  }

  private void analyzed(TypeElement top) {
    analyzed.add(top);
    List<Runnable> lints = waiting.remove(top);
    for (Runnable lint : lints == null ? List.<Runnable>of() : lints) {
      try {
        lint.run();
      } catch (RuntimeException | StackOverflowError crash) {
        // no processing round guards this phase: the crash is reported as the guard would
        messager.printMessage(javax.tools.Diagnostic.Kind.ERROR, ErrorCode.ProcessorCrash.tag()
            + " " + ErrorCode.ProcessorCrash.describe("(determinism lint)", top, crash)
            + "\nFix: " + ErrorCode.ProcessorCrash.fix(top), top);
      }
    }
  }

  private boolean holdsRecord(TypeElement top) {
    return holdsRecord.computeIfAbsent(top, type -> {
      TreePath path = trees.getPath(type);
      if (path == null) {
        return false;
      }
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree node, Void unused) {
          found[0] |= node.getKind() == Tree.Kind.RECORD;
          return super.visitClass(node, unused);
        }
      }.scan(path.getLeaf(), null);
      return found[0];
    });
  }

  private static TypeElement outermost(Element element) {
    TypeElement top = null;
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        top = type;
      }
    }
    return top;
  }
}
