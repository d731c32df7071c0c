package io.steelmill.processor.lint;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The code of this compilation a daemon runs without it being in the daemon's own body: methods
 * it calls or references, constructors (with the field initializers and initializer blocks that
 * run with them), static initializers of classes it uses, and what it inherits (a base class's
 * {@code run()}, an interface's default method). Each is linted once per compilation, in its own
 * file and lines. Other daemons are linted on their own and are not followed.
 */
final class Reach {
  private final Trees trees;
  private final DeterminismLint.Reporter reporter;
  /** Methods followed, and (type, instance or static) initializers: membership only. */
  private final Set<Object> done = new HashSet<>();
  private final AfterAnalysis later;

  private record Initializers(TypeElement type, boolean instance) {}

  Reach(Trees trees, DeterminismLint.Reporter reporter, AfterAnalysis later) {
    this.trees = trees;
    this.reporter = reporter;
    this.later = later;
  }

  /** Where lints wait for javac's own analysis of a class holding a record. */
  AfterAnalysis later() {
    return later;
  }

  /**
   * Whether {@code type} is compiled now, is not a daemon (whose own lint covers it), and was
   * written by hand: a class marked {@code @Generated} (protoc's messages, another processor's
   * output) is library code generated into the sources, which no one can fix or suppress a
   * finding in, and is taken as a class file is.
   */
  boolean isHelper(TypeElement type) {
    return trees.getPath(type) != null && type.getAnnotationMirrors().stream()
        .noneMatch(a -> a.getAnnotationType().toString().equals("io.steelmill.Daemon"))
        && !isGenerated(type);
  }

  private static boolean isGenerated(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      for (var annotation : t.getAnnotationMirrors()) {
        if (annotation.getAnnotationType().asElement().getSimpleName()
            .contentEquals("Generated")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Follows a call or reference of {@code member}, a method or constructor of a helper. */
  void follow(ExecutableElement member, TypeElement owner) {
    if (member.getKind() == ElementKind.CONSTRUCTOR) {
      initializers(owner, true);
      everyMethod(owner);
    }
    initializers(owner, false);
    TreePath path = trees.getPath(member);
    if (path != null && path.getLeaf().getKind() == Tree.Kind.METHOD && done.add(member)) {
      later.run(owner, () -> scan(path));
    }
  }

  /**
   * The static initializers of {@code type} (it is used), or its instance initializers (it is
   * constructed), and those of its superclasses compiled now.
   */
  void initializers(TypeElement type, boolean instance) {
    for (TypeElement t = type; t != null && isHelper(t); t = superclass(t)) {
      if (!done.add(new Initializers(t, instance))) {
        continue;
      }
      TreePath classPath = trees.getPath(t);
      if (!(classPath.getLeaf() instanceof ClassTree tree)) {
        continue;
      }
      for (Tree member : tree.getMembers()) {
        if (member instanceof VariableTree field && field.getInitializer() != null
            && field.getModifiers().getFlags().contains(Modifier.STATIC) != instance) {
          TreePath initializer =
              new TreePath(new TreePath(classPath, field), field.getInitializer());
          later.run(t, () -> scan(initializer));
        } else if (member instanceof BlockTree block && block.isStatic() != instance) {
          later.run(t, () -> scan(new TreePath(classPath, block)));
        }
      }
    }
  }

  /**
   * Every method of a helper the daemon constructs, and of the helpers it inherits from: once an
   * instance exists, any of them may run through an interface or a base class ({@code Runnable r
   * = new Helper(); r.run()} names only {@code Runnable.run}), so a sound lint cannot wait for a
   * call it can see.
   */
  private void everyMethod(TypeElement helper) {
    if (!done.add(new Instantiated(helper))) {
      return;
    }
    for (Element member : helper.getEnclosedElements()) {
      if (member instanceof ExecutableElement method && method.getKind() == ElementKind.METHOD) {
        follow(method, helper);
      }
    }
    supertypes(helper);
  }

  private record Instantiated(TypeElement type) {}

  /** Everything {@code daemon} inherits from classes and interfaces compiled now. */
  void supertypes(TypeElement daemon) {
    Deque<TypeMirror> pending = new ArrayDeque<>(supertypesOf(daemon));
    Set<TypeElement> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      if (!(pending.pop() instanceof DeclaredType declared)
          || !(declared.asElement() instanceof TypeElement type) || !seen.add(type)) {
        continue;
      }
      pending.addAll(supertypesOf(type));
      if (!isHelper(type)) {
        continue;
      }
      initializers(type, true);
      for (Element member : type.getEnclosedElements()) {
        if (member instanceof ExecutableElement method
            && method.getKind() == ElementKind.METHOD) {
          follow(method, type);
        }
      }
    }
  }

  private static List<TypeMirror> supertypesOf(TypeElement type) {
    List<TypeMirror> all = new java.util.ArrayList<>(type.getInterfaces());
    all.add(0, type.getSuperclass());
    return all;
  }

  private static TypeElement superclass(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType parent
            && parent.asElement() instanceof TypeElement element
        ? element
        : null;
  }

  private void scan(TreePath path) {
    TreePath classPath = path;
    while (classPath != null && !(classPath.getLeaf() instanceof ClassTree)) {
      classPath = classPath.getParentPath();
    }
    Set<Element> unordered = new HashSet<>();
    if (classPath != null) {
      new UnorderedCollector(trees, unordered).scan(classPath, null);
    }
    new LintScanner(trees, unordered, reporter, this).scan(path, null);
  }
}
