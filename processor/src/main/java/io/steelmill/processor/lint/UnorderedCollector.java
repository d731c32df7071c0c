package io.steelmill.processor.lint;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Finds the fields and locals of a class initialized or assigned with {@code Set.of} / {@code
 * Map.of}, a new hash collection keyed by identity hash codes, another such variable or a view of
 * one, in source order (an alias after what it aliases).
 */
final class UnorderedCollector extends TreePathScanner<Void, Void> {
  private static final Set<String> VIEWS = Set.of("keySet", "values", "entrySet");

  private final Trees trees;
  private final Set<Element> unordered;

  UnorderedCollector(Trees trees, Set<Element> unordered) {
    this.trees = trees;
    this.unordered = unordered;
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    if (node.getInitializer() != null && holdsUnordered(node.getInitializer())) {
      Element variable = trees.getElement(getCurrentPath());
      if (variable != null) {
        unordered.add(variable);
      }
    }
    return super.visitVariable(node, unused);
  }

  /**
   * {@code threads = new HashSet<>()} after the declaration, and {@code alias = threads}: a
   * variable assigned an unordered collection holds one, as one initialized with it does (a
   * parameter too: {@code p = new HashSet<>(p)} was missed).
   */
  @Override
  public Void visitAssignment(AssignmentTree node, Void unused) {
    if (holdsUnordered(node.getExpression())) {
      Element variable =
          trees.getElement(new TreePath(getCurrentPath(), node.getVariable()));
      if (variable != null && (variable.getKind() == ElementKind.LOCAL_VARIABLE
          || variable.getKind() == ElementKind.FIELD
          || variable.getKind() == ElementKind.PARAMETER)) {
        unordered.add(variable);
      }
    }
    return super.visitAssignment(node, unused);
  }

  /**
   * A value that iterates in an order no seed controls: a new identity-keyed hash collection
   * (its class hidden by the variable's type), or anything {@link #isUnordered} sees, an alias
   * ({@code Set<Thread> alias = threads}) or a view ({@code keys = threads.keySet()}) included.
   */
  private boolean holdsUnordered(ExpressionTree value) {
    return isIdentityOrderedNew(value) || isUnordered(trees, getCurrentPath(), value, unordered);
  }

  /**
   * A Set.of/Map.of call, a hash collection keyed by identity hash codes, a variable holding one,
   * or one of its keySet/values/entrySet views.
   */
  static boolean isUnordered(
      Trees trees, TreePath parent, ExpressionTree expression, Set<Element> unordered) {
    // asking for a symbol makes javac attribute the body: before that a parameter has no type
    // ("for (Thread t : threads)" as a method's first statement was never flagged)
    trees.getElement(new TreePath(parent, expression));
    if (isUnorderedFactory(trees, parent, expression)
        || isUnorderedCollect(trees, parent, expression)
        || HashOrder.isIdentityOrdered(trees.getTypeMirror(new TreePath(parent, expression)))) {
      return true;
    }
    if (expression instanceof ParenthesizedTree parenthesized) {
      return isUnordered(trees, parent, parenthesized.getExpression(), unordered);
    }
    if (expression instanceof IdentifierTree || expression instanceof MemberSelectTree) {
      Element element = trees.getElement(new TreePath(parent, expression));
      if (element != null && unordered.contains(element)) {
        Boolean reaching = ReachingDefinition.holdsUnordered(
            trees, new TreePath(parent, expression), element, unordered);
        return reaching == null || reaching;
      }
    }
    return expression instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree member
        && VIEWS.contains(member.getIdentifier().toString())
        && isUnordered(trees, parent, member.getExpression(), unordered);
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

  /**
   * Whether {@code expression} is a stream's {@code collect} into a collection whose order no
   * seed controls: {@code Collectors.toUnmodifiableSet()} / {@code toUnmodifiableMap} (built as
   * {@code Set.of} is, in its per-JVM order), or {@code toSet()}, {@code toMap}, {@code
   * groupingBy} and their concurrent kin (hash collections) of keys hashed by identity. One given
   * a map factory ({@code TreeMap::new}) is not.
   */
  static boolean isUnorderedCollect(Trees trees, TreePath parent, ExpressionTree expression) {
    if (!(expression instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree member)
        || !member.getIdentifier().contentEquals("collect")
        || call.getArguments().size() != 1
        || !(call.getArguments().get(0) instanceof MethodInvocationTree collector)) {
      return false;
    }
    TreePath callPath = new TreePath(parent, call);
    Element method = trees.getElement(new TreePath(new TreePath(callPath, collector),
        collector.getMethodSelect()));
    if (method == null || !(method.getEnclosingElement() instanceof TypeElement owner)
        || !owner.getQualifiedName().contentEquals("java.util.stream.Collectors")) {
      return false;
    }
    int arguments = collector.getArguments().size();
    switch (method.getSimpleName().toString()) {
      case "toUnmodifiableSet", "toUnmodifiableMap":
        return true;
      case "toSet":
        break;
      case "toMap", "toConcurrentMap":
        if (arguments > 3) {
          return false;
        }
        break;
      case "groupingBy", "groupingByConcurrent":
        if (arguments > 2) {
          return false;
        }
        break;
      default:
        return false;
    }
    return trees.getTypeMirror(callPath) instanceof javax.lang.model.type.DeclaredType result
        && !result.getTypeArguments().isEmpty()
        && HashOrder.hasIdentityHash(result.getTypeArguments().get(0));
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
