package io.steelmill.processor.lint;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.steelmill.processor.diagnostics.LintRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * Runs the determinism lint over one {@code @Daemon} class at a time. Needs javac (the Trees
 * API); under another compiler {@link #isAvailable()} is false and the processor says so.
 */
public final class DeterminismLint {
  /** The value of {@code @SuppressWarnings} that silences the lint on a class or method. */
  public static final String SUPPRESSION = "steelmill:determinism";

  private final Trees trees;
  private final Kind kind;
  private final Reach reach;
  /** Where each rule was reported: file, start position and rule. */
  private final Set<String> reported = new HashSet<>();

  public DeterminismLint(ProcessingEnvironment environment, boolean strict) {
    this.trees = trees(environment);
    this.kind = strict ? Kind.ERROR : Kind.WARNING;
    this.reach = new Reach(trees, this::report, new AfterAnalysis(environment, trees));
  }

  private static Trees trees(ProcessingEnvironment environment) {
    try {
      return Trees.instance(environment);
    } catch (IllegalArgumentException | NoClassDefFoundError notJavac) {
      return null;
    }
  }

  public boolean isAvailable() {
    return trees != null;
  }

  /** Warning, or error with {@code -Asteelmill.strict=true}: how findings are reported. */
  public Kind kind() {
    return kind;
  }

  /**
   * Lints {@code daemon}'s source, if it is being compiled: a {@code @Daemon} class of the active
   * mode, or a class an interface names as its implementation in the active mode (the factory
   * constructs it as it does a daemon).
   */
  public void check(TypeElement daemon) {
    if (trees == null || isSuppressed(daemon)) {
      return;
    }
    if (trees.getPath(daemon) == null) {
      return; // from a class file
    }
    reach.later().run(daemon, () -> checkNow(daemon));
  }

  /**
   * Lints a {@code @Provides} method of the active mode: the factory runs it while it builds a
   * node, inside the simulation, so its body (and the helpers it calls) is daemon code too.
   */
  public void checkProvides(ExecutableElement method) {
    if (trees == null || trees.getPath(method) == null
        || !(method.getEnclosingElement() instanceof TypeElement owner)) {
      return; // from a class file
    }
    reach.later().run(owner, () -> reach.follow(method, owner));
  }

  private void checkNow(TypeElement daemon) {
    TreePath path = trees.getPath(daemon);
    Set<Element> unordered = new HashSet<>();
    new UnorderedCollector(trees, unordered).scan(path, null);
    reach.supertypes(daemon);
    new LintScanner(trees, unordered, this::report, reach).scan(path, null);
    LintRule inherited = LintScanner.inheritedRule(daemon);
    if (inherited != null) {
      report(inherited, "@Daemon " + daemon.getSimpleName() + " (a subclass of "
          + LintScanner.flaggedSuperclass(daemon) + " its factory constructs)", path.getLeaf(),
          path);
    }
  }

  /**
   * Reports a finding unless a declaration around it suppresses the lint (a method, a variable,
   * or a class of any kind: an enum, record or interface too), and only once per rule and place:
   * code the lint reaches twice (an enum nested in a daemon, scanned with it and again as the
   * helper its constants construct) warned twice on one line.
   */
  private void report(LintRule rule, String subject, Tree tree, TreePath at) {
    CompilationUnitTree unit = at.getCompilationUnit();
    for (TreePath p = at; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof ClassTree
          || leaf instanceof VariableTree) {
        Element element = trees.getElement(p);
        if (element != null && isSuppressed(element)) {
          return;
        }
      }
    }
    long start = trees.getSourcePositions().getStartPosition(unit, tree);
    if (reported.add(unit.getSourceFile().toUri() + "@" + start + " " + rule)) {
      trees.printMessage(kind, rule.message(subject), tree, unit);
    }
  }

  static boolean isSuppressed(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (!((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals("java.lang.SuppressWarnings")) {
        continue;
      }
      for (AnnotationValue value : mirror.getElementValues().values()) {
        if (value.getValue() instanceof List<?> values) {
          for (Object item : values) {
            if (item instanceof AnnotationValue v && SUPPRESSION.equals(v.getValue())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Where the scanner reports a finding. */
  @FunctionalInterface
  interface Reporter {
    void report(LintRule rule, String subject, Tree tree, TreePath at);
  }
}
