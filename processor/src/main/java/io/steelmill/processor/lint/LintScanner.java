package io.steelmill.processor.lint;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.steelmill.processor.diagnostics.LintRule;
import io.steelmill.processor.diagnostics.TypeNames;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/** Visits the bodies of a daemon class and reports each finding of {@link Calls}' tables. */
final class LintScanner extends TreePathScanner<Void, Void> {
  /** Calls that visit the elements in their order; {@code toString} spells them in it. */
  private static final Set<String> ITERATING =
      Set.of("forEach", "stream", "iterator", "spliterator", "toArray", "toString");

  private final Trees trees;
  private final Set<Element> unordered;
  private final DeterminismLint.Reporter reporter;
  private final Reach reach;

  LintScanner(Trees trees, Set<Element> unordered, DeterminismLint.Reporter reporter, Reach reach) {
    this.trees = trees;
    this.unordered = unordered;
    this.reporter = reporter;
    this.reach = reach;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
    TreePath select = new TreePath(getCurrentPath(), node.getMethodSelect());
    if (trees.getElement(select) instanceof ExecutableElement method
        && method.getEnclosingElement() instanceof TypeElement owner) {
      String type = owner.getQualifiedName().toString();
      String name = method.getSimpleName().toString();
      LintRule rule = ruleFor(type, name, method, node.getArguments());
      if (rule != null) {
        reporter.report(rule, simple(type) + "." + name + "()", node, getCurrentPath());
      } else if (reach.isHelper(owner)) {
        reach.follow(method, owner); // a helper's method, or this(...)/super(...) in one
      } else if (ITERATING.contains(name) && node.getMethodSelect() instanceof MemberSelectTree member
          && isUnordered(member.getExpression())
          && !(name.equals("stream") && OrderRestored.after(trees, getCurrentPath()))) {
        reporter.report(LintRule.UnorderedIteration, name + "() here", node, getCurrentPath());
      } else if (keepsOrder(name, type, node) && copiesUnordered(node.getArguments())) {
        reporter.report(LintRule.UnorderedIteration, name + "() copying it", node, getCurrentPath());
      } else if (isIdentityObjectMethod(name, owner, node)) {
        reporter.report(LintRule.Identity, name + "() of " + receiverName(node), node, getCurrentPath());
      } else {
        identityArgument(IdentityText.converts(type, name, method), simple(type) + "." + name
            + "()", node);
      }
    }
    return super.visitMethodInvocation(node, unused);
  }

  /** {@code String.valueOf(worker)}: an argument made text or a hash code by identity. */
  private void identityArgument(Boolean text, String call, MethodInvocationTree node) {
    if (text == null) {
      return;
    }
    for (ExpressionTree argument : node.getArguments()) {
      TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), argument));
      if (text && isUnordered(argument)) {
        reporter.report(LintRule.UnorderedIteration, call + " spelling its elements", node,
            getCurrentPath());
        return;
      }
      if (type != null
          && (text ? IdentityText.hasIdentityText(type) : IdentityText.hasIdentityHash(type))) {
        reporter.report(LintRule.Identity, call + " of " + TypeNames.simple(type.toString()), node,
            getCurrentPath());
        return;
      }
    }
  }

  /** {@code "id " + worker}: concatenation calls {@code String.valueOf} on each operand. */
  @Override
  public Void visitBinary(BinaryTree node, Void unused) {
    if (node.getKind() == Tree.Kind.PLUS) {
      // javac attributes a body when the lint first asks for a symbol in it; a concatenation
      // read before that (a method's first statement, "return "x" + array;") had no type yet
      trees.getElement(getCurrentPath());
      TypeMirror result = trees.getTypeMirror(getCurrentPath());
      if (result != null && result.toString().equals("java.lang.String")) {
        concatenated(node.getLeftOperand(), node);
        concatenated(node.getRightOperand(), node);
      }
    }
    return super.visitBinary(node, unused);
  }

  @Override
  public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
    if (node.getKind() == Tree.Kind.PLUS_ASSIGNMENT) {
      trees.getElement(getCurrentPath()); // attributes the body, as in visitBinary
      TypeMirror target = trees.getTypeMirror(new TreePath(getCurrentPath(), node.getVariable()));
      if (target != null && target.toString().equals("java.lang.String")) {
        concatenated(node.getExpression(), node);
      }
    }
    return super.visitCompoundAssignment(node, unused);
  }

  private void concatenated(ExpressionTree operand, Tree at) {
    if (isUnordered(operand)) { // "members " + Set.of(a, b) spells them in the set's order
      reporter.report(LintRule.UnorderedIteration, "string concatenation of it", at,
          getCurrentPath());
      return;
    }
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), operand));
    if (type != null && IdentityText.hasIdentityText(type)) {
      reporter.report(LintRule.Identity, "string concatenation of " + TypeNames.simple(type.toString()),
          at, getCurrentPath());
    }
  }

  /**
   * {@code List.copyOf(c)}, {@code String.join(",", c)}, and {@code addAll}/{@code putAll} into a
   * list or an insertion-ordered collection: calls whose result keeps the argument's order.
   */
  private boolean keepsOrder(String name, String owner, MethodInvocationTree node) {
    return switch (name) {
      case "copyOf" -> owner.equals("java.util.List");
      case "join" -> owner.equals("java.lang.String");
      case "addAll", "putAll" -> node.getMethodSelect() instanceof MemberSelectTree member
          && trees.getTypeMirror(new TreePath(getCurrentPath(), member.getExpression()))
              instanceof javax.lang.model.type.DeclaredType receiver
          && receiver.asElement() instanceof TypeElement element
          && (Calls.ORDER_KEEPING_CLASSES.contains(element.getQualifiedName().toString())
              || element.getQualifiedName().contentEquals("java.util.List"));
      default -> false;
    };
  }

  /** Whether an argument is an unordered collection, whose order the call keeps. */
  private boolean copiesUnordered(List<? extends ExpressionTree> arguments) {
    return arguments.stream().anyMatch(this::isUnordered);
  }

  /**
   * {@code thread.hashCode()} or {@code object.toString()} where the receiver's class keeps
   * {@code Object}'s (or {@code Enum}'s) version: the identity hash code, in the value or its text.
   */
  private boolean isIdentityObjectMethod(String name, TypeElement owner, MethodInvocationTree node) {
    String type = owner.getQualifiedName().toString();
    boolean hash = name.equals("hashCode")
        && (type.equals("java.lang.Object") || type.equals("java.lang.Enum"));
    boolean text = name.equals("toString") && type.equals("java.lang.Object");
    return (hash || text)
        && node.getArguments().isEmpty()
        && node.getMethodSelect() instanceof MemberSelectTree member
        && HashOrder.hasIdentityHash(
            trees.getTypeMirror(new TreePath(getCurrentPath(), member.getExpression())));
  }

  private String receiverName(MethodInvocationTree node) {
    String type = trees.getTypeMirror(
        new TreePath(getCurrentPath(), ((MemberSelectTree) node.getMethodSelect()).getExpression()))
        .toString();
    return simple(type);
  }

  /** A static field of a helper class: using it runs the class's static initializers. */
  @Override
  public Void visitIdentifier(IdentifierTree node, Void unused) {
    followStaticField(trees.getElement(getCurrentPath()));
    return super.visitIdentifier(node, unused);
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree node, Void unused) {
    followStaticField(trees.getElement(getCurrentPath()));
    return super.visitMemberSelect(node, unused);
  }

  private void followStaticField(Element element) {
    if (element != null && element.getKind() == ElementKind.FIELD
        && element.getModifiers().contains(Modifier.STATIC)
        && element.getEnclosingElement() instanceof TypeElement owner && reach.isHelper(owner)) {
      reach.initializers(owner, false);
    }
  }

  /**
   * A method reference is a call made later: {@code System::currentTimeMillis} reads the clock as
   * surely as the call does, and {@code Random::new} makes an unseeded generator.
   */
  @Override
  public Void visitMemberReference(MemberReferenceTree node, Void unused) {
    if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method
        && method.getEnclosingElement() instanceof TypeElement owner) {
      String type = owner.getQualifiedName().toString();
      if (method.getKind() == ElementKind.CONSTRUCTOR) {
        LintRule rule = constructionRule(owner, method, method.getParameters().isEmpty());
        if (rule != null) {
          reporter.report(rule, simple(type) + "::new", node, getCurrentPath());
        } else if (reach.isHelper(owner)) {
          reach.follow(method, owner);
        }
      } else {
        String name = method.getSimpleName().toString();
        LintRule rule = ruleFor(type, name, method, null);
        if (rule != null) {
          reporter.report(rule, simple(type) + "::" + name, node, getCurrentPath());
        } else if (reach.isHelper(owner)) {
          reach.follow(method, owner);
        }
      }
    }
    return super.visitMemberReference(node, unused);
  }

  /** @param arguments the call's arguments, or null for a method reference */
  private static LintRule ruleFor(
      String type,
      String name,
      ExecutableElement method,
      List<? extends ExpressionTree> arguments) {
    int count = arguments == null ? method.getParameters().size() : arguments.size();
    if (Calls.IO_CLASSES.contains(type) && method.getModifiers().contains(Modifier.STATIC)) {
      return LintRule.DirectIo;
    }
    if (isAsyncWithoutExecutor(type, name, method)
        || isParallelBulk(type, name, method, arguments)) {
      return LintRule.Async;
    }
    if (name.equals("now") && method.getParameters().stream()
        .anyMatch(p -> p.asType().toString().equals("java.time.Clock"))) {
      return null; // now(clock): the injected clock decides
    }
    if (type.equals("java.util.random.RandomGeneratorFactory") && count > 0) {
      return null; // create(seed)
    }
    Map<String, LintRule> rules = Calls.METHODS.get(type);
    LintRule rule = rules == null ? null : rules.get(name);
    if (rule == null) {
      return null;
    }
    boolean hasExecutorOrFactory = method.getParameters().stream().anyMatch(LintScanner::isExecutorOrFactory);
    if ((name.equals("supplyAsync") || name.equals("runAsync")) && hasExecutorOrFactory) {
      return null;
    }
    if ((type.equals("java.util.concurrent.Executors") || type.equals("java.lang.ref.Cleaner"))
        && hasExecutorOrFactory) {
      return null;
    }
    if (name.equals("shuffle") && count > 1) {
      return null; // shuffle(list, random): the random decides
    }
    return rule;
  }

  /**
   * Work split over the common pool: {@code StreamSupport.stream(spliterator, true)} (unless the
   * flag is the literal {@code false}) and {@code ConcurrentHashMap}'s bulk operations, whose
   * first parameter is a parallelism threshold.
   */
  private static boolean isParallelBulk(
      String type,
      String name,
      ExecutableElement method,
      List<? extends ExpressionTree> arguments) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (type.equals("java.util.stream.StreamSupport") && !parameters.isEmpty()) {
      int last = parameters.size() - 1;
      boolean flag =
          parameters.get(last).asType().getKind() == javax.lang.model.type.TypeKind.BOOLEAN;
      return flag && (arguments == null || !(arguments.get(last) instanceof LiteralTree literal
          && Boolean.FALSE.equals(literal.getValue())));
    }
    return type.equals("java.util.concurrent.ConcurrentHashMap")
        && !parameters.isEmpty()
        && parameters.get(0).asType().getKind() == javax.lang.model.type.TypeKind.LONG;
  }

  /** {@code thenApplyAsync(fn)}: an async stage without an executor runs on the common pool. */
  private static boolean isAsyncWithoutExecutor(String type, String name, ExecutableElement method) {
    boolean stage = type.equals("java.util.concurrent.CompletableFuture")
        || type.equals("java.util.concurrent.CompletionStage");
    if (!stage || !name.endsWith("Async") || method.getModifiers().contains(Modifier.STATIC)) {
      return false;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    return parameters.isEmpty() || !isExecutorOrFactory(parameters.get(parameters.size() - 1));
  }

  private static boolean isExecutorOrFactory(VariableElement parameter) {
    String type = parameter.asType().toString();
    return type.equals("java.util.concurrent.Executor") || type.equals("java.util.concurrent.ThreadFactory");
  }

  @Override
  public Void visitNewClass(NewClassTree node, Void unused) {
    if (trees.getElement(getCurrentPath()) instanceof ExecutableElement constructor
        && constructor.getEnclosingElement() instanceof TypeElement owner) {
      String type = owner.getQualifiedName().toString();
      LintRule rule = constructionRule(owner, constructor, node.getArguments().isEmpty());
      if (rule != null) {
        reporter.report(rule, "new " + simple(type) + "(...)", node, getCurrentPath());
      } else if (reach.isHelper(owner) && owner.getNestingKind() != NestingKind.ANONYMOUS) {
        reach.follow(constructor, owner);
      } else if (Calls.ORDER_KEEPING_CLASSES.contains(type) && copiesUnordered(node.getArguments())) {
        reporter.report(LintRule.UnorderedIteration, "new " + simple(type) + "(...) copying it",
            node, getCurrentPath());
      }
    }
    return super.visitNewClass(node, unused);
  }

  /**
   * The rule a construction of {@code created} breaks: seeded generators and given dates are
   * fine, and so are thread pools that take a thread factory (as for {@code Executors}). An
   * anonymous class is judged as its superclass with the same arguments ({@code new Random() {}}
   * is unseeded); a named subclass of a thread, timer, socket or file stream is one, whatever its
   * constructor passes on (which the lint cannot see for a seed or a thread factory).
   */
  private static LintRule constructionRule(
      TypeElement created, ExecutableElement constructor, boolean withoutArguments) {
    if (created.getNestingKind() == NestingKind.ANONYMOUS
        && created.getSuperclass() instanceof DeclaredType parent
        && parent.asElement() instanceof TypeElement superclass) {
      return constructionRule(superclass, constructor, withoutArguments);
    }
    String type = created.getQualifiedName().toString();
    if (Calls.OPEN_FILES.containsKey(type)) {
      return !constructor.getParameters().isEmpty() && Calls.OPEN_FILES.get(type).contains(
          erasedName(constructor.getParameters().get(0).asType())) ? LintRule.DirectIo : null;
    }
    if (!Calls.CONSTRUCTORS.containsKey(type)) {
      for (TypeElement t = superclassOf(created); t != null; t = superclassOf(t)) {
        String name = t.getQualifiedName().toString();
        if (Calls.CONSTRUCTORS.containsKey(name)) {
          return Calls.ONLY_WITHOUT_ARGUMENTS.contains(name)
              || Calls.UNLESS_THREAD_FACTORY.contains(name) ? null : Calls.CONSTRUCTORS.get(name);
        }
      }
      return null;
    }
    LintRule rule = Calls.CONSTRUCTORS.get(type);
    if (rule == null
        || (Calls.ONLY_WITHOUT_ARGUMENTS.contains(type) && !withoutArguments)) {
      return null;
    }
    if (Calls.UNLESS_THREAD_FACTORY.contains(type)
        && constructor.getParameters().stream()
            .anyMatch(p -> p.asType().toString().endsWith("ThreadFactory"))) {
      return null;
    }
    return rule;
  }

  @Override
  public Void visitVariable(VariableTree node, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element != null
        && element.getKind() == ElementKind.FIELD
        && element.getModifiers().contains(Modifier.STATIC)
        && !element.getModifiers().contains(Modifier.FINAL)) {
      reporter.report(LintRule.MutableStatic, "static field " + element.getSimpleName(), node, getCurrentPath());
    }
    return super.visitVariable(node, unused);
  }

  @Override
  public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
    if (isUnordered(node.getExpression())) {
      reporter.report(LintRule.UnorderedIteration, "this for loop", node.getExpression(), getCurrentPath());
    }
    return super.visitEnhancedForLoop(node, unused);
  }

  /** See {@link UnorderedCollector#isUnordered}. */
  private boolean isUnordered(ExpressionTree expression) {
    return UnorderedCollector.isUnordered(trees, getCurrentPath(), expression, unordered);
  }

  /**
   * The rule a daemon breaks by being a subclass of a flagged class ({@code @Daemon class Pump
   * extends Thread}): its factory constructs it in generated code the lint never reads.
   */
  static LintRule inheritedRule(TypeElement daemon) {
    for (TypeElement t = superclassOf(daemon); t != null; t = superclassOf(t)) {
      String name = t.getQualifiedName().toString();
      if (Calls.CONSTRUCTORS.containsKey(name)) {
        return Calls.ONLY_WITHOUT_ARGUMENTS.contains(name)
            || Calls.UNLESS_THREAD_FACTORY.contains(name) ? null : Calls.CONSTRUCTORS.get(name);
      }
    }
    return null;
  }

  /** The simple name of the flagged class {@code daemon} extends. */
  static String flaggedSuperclass(TypeElement daemon) {
    for (TypeElement t = superclassOf(daemon); t != null; t = superclassOf(t)) {
      if (Calls.CONSTRUCTORS.containsKey(t.getQualifiedName().toString())) {
        return t.getSimpleName().toString();
      }
    }
    return "";
  }

  private static TypeElement superclassOf(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType parent
            && parent.asElement() instanceof TypeElement element
        ? element
        : null;
  }

  private static String erasedName(TypeMirror type) {
    return type instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement element
        ? element.getQualifiedName().toString()
        : type.toString();
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
