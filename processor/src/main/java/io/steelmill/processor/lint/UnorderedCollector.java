package io.steelmill.processor.lint;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds the fields and locals of a class initialized with {@code Set.of} / {@code Map.of}, or with
 * a new hash collection keyed by identity hash codes.
 */
final class UnorderedCollector extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final Set<Element> unordered;

  UnorderedCollector(Trees trees, Set<Element> unordered) {
    this.trees = trees;
    this.unordered = unordered;
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    if (node.getInitializer() != null
        && (isUnorderedFactory(trees, getCurrentPath(), node.getInitializer())
            || isIdentityOrderedNew(node.getInitializer()))) {
      Element variable = trees.getElement(getCurrentPath());
      if (variable != null) {
        unordered.add(variable);
      }
    }
    return super.visitVariable(node, unused);
  }

  /** {@code new HashSet<Thread>()} assigned to a {@code Set}: the variable hides the class. */
  private boolean isIdentityOrderedNew(ExpressionTree initializer) {
    if (!(initializer instanceof NewClassTree)
        || !(trees.getElement(new TreePath(getCurrentPath(), initializer))
            instanceof ExecutableElement constructor)
        || !(constructor.getEnclosingElement() instanceof TypeElement created)) {
      return false;
    }
    // the variable's declared type carries the key: new HashMap<>() leaves it to inference
    return HashOrder.isIdentityOrdered(created, trees.getTypeMirror(getCurrentPath()));
  }

  /** Whether {@code expression} is a call of {@code Set.of}, {@code Map.of} or their kin. */
  static boolean isUnorderedFactory(Trees trees, TreePath parent, ExpressionTree expression) {
    if (!(expression instanceof MethodInvocationTree call)) {
      return false;
    }
    Element method = trees.getElement(new TreePath(new TreePath(parent, call), call.getMethodSelect()));
    if (method == null || !(method.getEnclosingElement() instanceof TypeElement owner)) {
      return false;
    }
    return Calls.UNORDERED_OWNERS.contains(owner.getQualifiedName().toString())
        && Calls.UNORDERED_FACTORIES.contains(method.getSimpleName().toString());
  }
}
