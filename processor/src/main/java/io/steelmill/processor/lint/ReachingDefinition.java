package io.steelmill.processor.lint;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * What a local variable holds where it is read, from the one definition that reaches the read:
 * {@code names = new TreeSet<>(names)} after {@code names = new HashSet<>()} makes the later loop
 * over {@code names} ordered (it was flagged: a variable once assigned an unordered collection
 * was unordered everywhere).
 *
 * <p>Sound by construction, answering only where one definition decides: going back from the
 * read through the statements before it, at each enclosing block (or case) up to the method, the
 * first statement that assigns the variable must be a plain declaration or assignment of it, and
 * the statement holding the read at that level must assign it nowhere (not in a loop around the
 * read, not in a branch). Then every path to the read passes that definition last (a loop around
 * both re-enters above it), so its value is what the read sees. Anything else is "unknown", and
 * the caller keeps the flow-insensitive verdict.
 */
final class ReachingDefinition {
  private ReachingDefinition() {}

  /**
   * Whether {@code variable}, read at {@code read}, holds an unordered collection: true or false
   * when one definition decides, null when unknown. Fields are never decided (another method may
   * assign them).
   */
  static Boolean holdsUnordered(
      Trees trees, TreePath read, Element variable, Set<Element> unordered) {
    if (variable.getKind() != ElementKind.LOCAL_VARIABLE
        && variable.getKind() != ElementKind.PARAMETER) {
      return null;
    }
    TreePath child = read;
    for (TreePath parent = read.getParentPath(); parent != null;
        child = parent, parent = parent.getParentPath()) {
      Tree level = parent.getLeaf();
      if (level instanceof MethodTree || level instanceof ClassTree
          || level instanceof LambdaExpressionTree) {
        return null;
      }
      List<? extends StatementTree> statements = statements(level);
      int at = statements == null ? -1 : indexOf(statements, child.getLeaf());
      for (int i = at - 1; i >= 0; i--) {
        TreePath before = new TreePath(parent, statements.get(i));
        if (assigns(trees, before, variable)) {
          ExpressionTree value = definedValue(trees, before, variable);
          if (value == null || assigns(trees, child, variable)) {
            return null;
          }
          return holds(trees, before, value, variable, unordered);
        }
      }
    }
    return null;
  }

  /** Whether {@code value}, defining {@code variable} at {@code definition}, is unordered. */
  private static boolean holds(Trees trees, TreePath definition, ExpressionTree value,
      Element variable, Set<Element> unordered) {
    if (value instanceof NewClassTree
        && trees.getElement(new TreePath(definition, value)) instanceof ExecutableElement made
        && made.getEnclosingElement() instanceof TypeElement created
        && HashOrder.isIdentityOrdered(created, variable.asType())) {
      return true;
    }
    return UnorderedCollector.isUnordered(trees, definition, value, unordered);
  }

  private static List<? extends StatementTree> statements(Tree level) {
    if (level instanceof BlockTree block) {
      return block.getStatements();
    }
    if (level instanceof CaseTree node && node.getStatements() != null) {
      return node.getStatements();
    }
    return null;
  }

  private static int indexOf(List<? extends StatementTree> statements, Tree statement) {
    for (int i = 0; i < statements.size(); i++) {
      if (statements.get(i) == statement) {
        return i;
      }
    }
    return -1;
  }

  /** The value of {@code statement} when it is exactly {@code T variable = value;} or {@code variable = value;}. */
  private static ExpressionTree definedValue(Trees trees, TreePath statement, Element variable) {
    Tree leaf = statement.getLeaf();
    if (leaf instanceof VariableTree declaration) {
      return variable.equals(trees.getElement(statement)) ? declaration.getInitializer() : null;
    }
    if (leaf instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof AssignmentTree assignment
        && variable.equals(trees.getElement(new TreePath(
            new TreePath(statement, assignment), assignment.getVariable())))) {
      return assignment.getExpression();
    }
    return null;
  }

  /** Whether anything within {@code path} declares or assigns {@code variable}. */
  private static boolean assigns(Trees trees, TreePath path, Element variable) {
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        found[0] |= variable.equals(trees.getElement(getCurrentPath()));
        return super.visitVariable(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        found[0] |= variable.equals(
            trees.getElement(new TreePath(getCurrentPath(), node.getVariable())));
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        found[0] |= variable.equals(
            trees.getElement(new TreePath(getCurrentPath(), node.getVariable())));
        return super.visitCompoundAssignment(node, unused);
      }
    }.scan(path, null);
    return found[0];
  }
}
