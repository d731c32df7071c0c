package io.steelmill.processor.lint;

import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a stream of an unordered collection never lets its order out: {@code
 * set.stream().sorted()} (the idiomatic fix: natural order is total over a set's distinct
 * elements), {@code map.entrySet().stream().sorted(Map.Entry.comparingByKey())}, {@code count()},
 * and an {@code int} or {@code long} {@code sum()} (commutative even when it overflows), each
 * possibly after {@code filter}/{@code map}-like steps that see elements one at a time. A
 * comparator of the user's may tie distinct elements and keep their hash order, a {@code double}
 * sum rounds differently in another order, and {@code peek}, {@code distinct}, {@code min} or
 * {@code max} can tell orders apart: those stay flagged.
 */
final class OrderRestored {
  /** Steps that map or drop elements one at a time: what reaches the end is the same multiset. */
  private static final Set<String> ELEMENTWISE =
      Set.of("filter", "map", "mapToInt", "mapToLong", "mapToDouble", "mapToObj", "boxed",
          "flatMap", "unordered", "asLongStream", "asDoubleStream", "parallel", "sequential");

  private static final Set<String> TOTAL_ORDERS = Set.of("comparingByKey", "naturalOrder");

  private OrderRestored() {}

  /** {@code stream} is the path of a {@code stream()} call on an unordered collection. */
  static boolean after(Trees trees, TreePath stream) {
    TreePath at = stream;
    while (at.getParentPath() != null
        && at.getParentPath().getLeaf() instanceof MemberSelectTree select
        && select.getExpression() == at.getLeaf()
        && at.getParentPath().getParentPath() != null
        && at.getParentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select) {
      String name = select.getIdentifier().toString();
      if (name.equals("sorted")) {
        return call.getArguments().isEmpty() || isTotalOrder(trees, at, call);
      }
      if (name.equals("count") || name.equals("sum") && sumsIntegers(trees, at)) {
        return true;
      }
      if (!ELEMENTWISE.contains(name)) {
        return false;
      }
      at = at.getParentPath().getParentPath();
    }
    return false;
  }

  /** {@code sorted(Map.Entry.comparingByKey())} or {@code sorted(Comparator.naturalOrder())}. */
  private static boolean isTotalOrder(Trees trees, TreePath receiver, MethodInvocationTree call) {
    if (call.getArguments().size() != 1
        || !(call.getArguments().get(0) instanceof MethodInvocationTree order)
        || !order.getArguments().isEmpty()) {
      return false;
    }
    TreePath path = new TreePath(new TreePath(receiver.getParentPath().getParentPath(), order),
        order.getMethodSelect());
    Element method = trees.getElement(path);
    return method != null
        && TOTAL_ORDERS.contains(method.getSimpleName().toString())
        && method.getEnclosingElement() instanceof TypeElement owner
        && (owner.getQualifiedName().contentEquals("java.util.Map.Entry")
            || owner.getQualifiedName().contentEquals("java.util.Comparator"));
  }

  /** Whether the stream {@code receiver} is an {@code IntStream} or a {@code LongStream}. */
  private static boolean sumsIntegers(Trees trees, TreePath receiver) {
    TypeMirror type = trees.getTypeMirror(receiver);
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && (element.getQualifiedName().contentEquals("java.util.stream.IntStream")
            || element.getQualifiedName().contentEquals("java.util.stream.LongStream"));
  }
}
