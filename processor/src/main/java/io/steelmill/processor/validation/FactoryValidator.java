package io.steelmill.processor.validation;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.diagnostics.TypeNames;
import io.steelmill.processor.model.Annotations;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.EntryPointTypes;
import io.steelmill.processor.model.FactoryReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Checks a {@code @Factory} element: an interface, entry points without parameters, a parent. */
public final class FactoryValidator {
  /** Instance methods of {@code io.steelmill.runtime.Node} and the generated statics. */
  private static final Set<String> RESERVED =
      Set.of(
          "name", "parent", "state", "builtDaemons", "startupTimes", "start", "stop", "close",
          "failure", "inject", "bind", "create", "ambient", "node", "hashCode", "toString",
          "getClass", "notify", "notifyAll", "wait", "crash", "isCrashed", "buildForChildren",
          "id", "gracePeriod", "ownParent", "finalize");

  /**
   * Every method the generated class inherits from {@code Node} and {@code Object} or declares
   * besides accessors, as name/parameter count: a default method of the factory interface with
   * one of these would be overridden, hidden or clash in the generated class.
   */
  private static final Set<String> GENERATED_CLASS_METHODS =
      Set.of(
          "name/0", "id/0", "parent/0", "state/0", "builtDaemons/0", "setGracePeriod/1",
          "setStopGracePeriod/1", "gracePeriod/0", "setClock/1", "startupTimes/0", "inject/2",
          "ownParent/0", "construct/1", "get/1", "memo/1", "present/1", "buildAll/1",
          "injectAt/2", "buildForChildren/0", "start/0", "stop/0", "close/0", "crash/0",
          "isCrashed/0", "awaitTermination/1", "onTermination/1", "failure/0", "toString/0",
          "hashCode/0", "equals/1", "getClass/0", "notify/0", "notifyAll/0", "wait/0", "wait/1",
          "wait/2", "clone/0", "finalize/0", "create/0", "create/1", "create/2", "ambient/0");

  /**
   * Whether the generated class has a method {@code name} of {@code parameters} parameters that
   * a default method of the factory interface would clash with (public for a test that compares
   * the list with {@code Node}'s methods).
   */
  public static boolean isGeneratedClassMethod(String name, int parameters) {
    return GENERATED_CLASS_METHODS.contains(name + "/" + parameters);
  }

  private final EntryPointTypes entryPointTypes;

  public FactoryValidator(EntryPointTypes entryPointTypes) {
    this.entryPointTypes = entryPointTypes;
  }

  public List<Diagnostic> validate(Element element) {
    List<Diagnostic> out = new ArrayList<>();
    String name = element.getSimpleName().toString();
    if (element.getKind() != ElementKind.INTERFACE) {
      String kind =
          switch (element.getKind()) {
            case CLASS -> element.getModifiers().contains(Modifier.ABSTRACT)
                ? "an abstract class"
                : "a class";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + element.getKind().toString().toLowerCase(java.util.Locale.ROOT);
          };
      out.add(
          Diagnostic.of(
              ErrorCode.FactoryNotInterface,
              element,
              ErrorCode.FactoryNotInterface.describe(name, kind),
              "",
              ErrorCode.FactoryNotInterface.fix(name)));
      return out;
    }
    TypeElement factory = (TypeElement) element;
    for (Element e = factory; e.getKind().isClass() || e.getKind().isInterface();
        e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        out.add(
            Diagnostic.of(
                ErrorCode.TypeNotVisible,
                factory,
                ErrorCode.TypeNotVisible.describe(
                    name, "its own package", FactoryReader.generatedName(factory),
                    e.getSimpleName() + " is private"),
                "",
                ErrorCode.TypeNotVisible.fix(VisibilityRule.makePublic(
                    ((PackageElement) packageOf(factory)).getQualifiedName().toString()))));
        return out;
      }
    }
    Diagnostic tooLong = generatedNameTooLong(factory);
    if (tooLong != null) {
      out.add(tooLong);
      return out;
    }
    if (!factory.getTypeParameters().isEmpty()) {
      out.add(
          Diagnostic.of(
              ErrorCode.TypeNotInjectable,
              factory,
              ErrorCode.TypeNotInjectable.describe(
                  name, "a factory", "it declares type parameters, and its generated class"
                      + " implements it for one set of types"),
              "",
              ErrorCode.TypeNotInjectable.fix(
                  "remove the type parameters, or declare a @Factory interface that extends "
                      + name + " with concrete type arguments.")));
      return out;
    }
    if (factory.getModifiers().contains(Modifier.SEALED)) {
      out.add(
          Diagnostic.of(
              ErrorCode.TypeNotInjectable,
              factory,
              ErrorCode.TypeNotInjectable.describe(
                  name, "a sealed factory", "its generated class implements it, and a permits"
                      + " clause cannot name a generated class"),
              "",
              ErrorCode.TypeNotInjectable.fix(
                  "remove sealed from " + name + " (non-sealed, or no modifier).")));
      return out;
    }
    List<ExecutableElement> declarations = EntryPoint.declarations(factory);
    java.util.Map<String, List<TypeMirror>> returns = returnsByName(factory, declarations);
    for (ExecutableElement method : firstOfEach(declarations)) {
      checkEntryPoint(factory, method, returns, out);
    }
    defaultMethods(factory, factory, out, new java.util.HashSet<>());
    inheritedTwice(factory, returns, out);
    AnnotationMirror annotation = Annotations.find(factory, Annotations.FACTORY);
    for (TypeMirror injected : Annotations.classValues(annotation, "injected")) {
      Diagnostic wrong = InjectableTypes.checkInjected(injected, factory);
      if (wrong != null) {
        out.add(wrong);
      }
    }
    for (TypeMirror module : Annotations.classValues(annotation, "modules")) {
      if (Annotations.typeElement(module) == null && module.getKind() != TypeKind.ERROR) {
        out.add(InjectableTypes.notAModule(module, factory));
      }
    }
    TypeMirror parent = Annotations.classValue(annotation, "parent");
    if (parent != null) {
      TypeElement parentElement = Annotations.typeElement(parent);
      boolean isFactory =
          parentElement != null
              && parentElement.getKind() == ElementKind.INTERFACE
              && Annotations.has(parentElement, Annotations.FACTORY)
              && !parentElement.equals(factory);
      if (!isFactory) {
        String parentName = TypeNames.simple(parent.toString());
        out.add(
            Diagnostic.of(
                ErrorCode.ParentNotFactory,
                factory,
                ErrorCode.ParentNotFactory.describe(parentName + ".class", parentName),
                "",
                ErrorCode.ParentNotFactory.fix()));
      }
    }
    return out;
  }

  /** The longest file name most file systems take (ext4, APFS, NTFS): 255 bytes. */
  private static final int FILE_NAME_BYTES = 255;

  /**
   * The error for a factory whose generated class files would have names longer than a file
   * system takes, or null. Before its graph is known, the longest is the nested
   * {@code Steelmill<Name>$Ambient.class} (or {@code $Creator}): a factory whose own class file
   * just fits failed inside generated code ("error while writing Ambient: File name too long").
   * A graph too large for one class adds part classes ({@code $Ambient$Part3}): the writer's
   * longest name is checked again with {@link #generatedNameTooLong(TypeElement, String)}.
   */
  private static Diagnostic generatedNameTooLong(TypeElement factory) {
    return generatedNameTooLong(factory, "$Ambient");
  }

  /**
   * The error for a factory whose generated class {@code Steelmill<Name>} has a nested class
   * {@code nested} (its binary suffix, as {@code $Ambient$Part12}) whose class file name is
   * longer than a file system takes, or null.
   */
  public static Diagnostic generatedNameTooLong(TypeElement factory, String nested) {
    String generated = FactoryReader.generatedName(factory);
    String file = generated + nested + ".class";
    int bytes = file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes <= FILE_NAME_BYTES) {
      return null;
    }
    String name = factory.getSimpleName().toString();
    String shown = generated.length() > 60 ? generated.substring(0, 40) + "..." : generated;
    return Diagnostic.of(
        ErrorCode.GeneratedNameTooLong,
        factory,
        ErrorCode.GeneratedNameTooLong.describe(name.length() > 60 ? name.substring(0, 40)
            + "..." : name, shown, shown + nested + ".class", bytes, FILE_NAME_BYTES),
        "",
        ErrorCode.GeneratedNameTooLong.fix(name.length() > 60 ? name.substring(0, 40) + "..."
            : name, bytes - FILE_NAME_BYTES));
  }

  private static Element packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return e;
  }

  /**
   * One entry point: declared in {@code factory} or inherited from a superinterface (then the
   * error goes on the factory, the line the user can change). What it returns is judged as the
   * factory inherits it: a type argument of a generic superinterface, the narrowest of covariant
   * overrides.
   */
  private void checkEntryPoint(
      TypeElement factory,
      ExecutableElement method,
      java.util.Map<String, List<TypeMirror>> returns,
      List<Diagnostic> out) {
    boolean own = method.getEnclosingElement().equals(factory);
    Element site = own ? method : factory;
    String entry = factory.getSimpleName() + "." + method.getSimpleName() + "()";
    if (!method.getParameters().isEmpty() || !method.getTypeParameters().isEmpty()) {
      out.add(
          Diagnostic.of(
              ErrorCode.EntryPointHasParameters,
              site,
              ErrorCode.EntryPointHasParameters.describe(entry),
              "",
              ErrorCode.EntryPointHasParameters.fix()));
      return;
    }
    if (RESERVED.contains(method.getSimpleName().toString())) {
      out.add(
          Diagnostic.of(
              ErrorCode.EntryPointNameClash,
              site,
              ErrorCode.EntryPointNameClash.describe(entry, "a method of io.steelmill.runtime.Node"),
              "",
              ErrorCode.EntryPointNameClash.fix()));
      return;
    }
    TypeMirror returned =
        entryPointTypes.narrowest(returns.get(method.getSimpleName().toString()));
    Diagnostic wrong =
        InjectableTypes.check(
            returned != null ? returned : entryPointTypes.returnType(factory, method),
            site, "returned by entry point " + entry, "requested");
    if (wrong == null) {
      wrong = InjectableTypes.checkQualifiers(method, site, "entry point " + entry);
    }
    if (wrong != null) {
      out.add(wrong);
    }
  }

  /**
   * What each no-argument entry point of {@code factory} returns, by name, as the factory
   * inherits each declaration of it (the factory's own and every superinterface's), in order.
   */
  private java.util.Map<String, List<TypeMirror>> returnsByName(
      TypeElement factory, List<ExecutableElement> declarations) {
    java.util.Map<String, List<TypeMirror>> returns = new java.util.TreeMap<>();
    for (ExecutableElement method : declarations) {
      if (method.getParameters().isEmpty()) {
        returns.computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>())
            .add(entryPointTypes.returnType(factory, method));
      }
    }
    return returns;
  }

  /**
   * An entry point the factory does not declare but inherits with return types none of which
   * stands for all the others: the generated class can implement it only once. (Covariant ones,
   * {@code Object s()} beside {@code Store s()}, are fine: it returns the narrowest.)
   */
  private void inheritedTwice(
      TypeElement factory, java.util.Map<String, List<TypeMirror>> returns, List<Diagnostic> out) {
    String name = factory.getSimpleName().toString();
    returns.forEach((method, types) -> {
      if (types.size() > 1 && entryPointTypes.narrowest(types) == null) {
        java.util.Set<String> shown = new java.util.LinkedHashSet<>();
        types.forEach(type -> shown.add(TypeNames.simple(type.toString())));
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointInheritedTwice,
                factory,
                ErrorCode.EntryPointInheritedTwice.describe(
                    name, method, String.join(" and ", shown)),
                "",
                ErrorCode.EntryPointInheritedTwice.fix(method, name)));
      }
    });
  }

  /**
   * Default methods of {@code type} (the factory or one of its superinterfaces) named like a
   * method of the generated class: javac would reject the generated class, or it would replace
   * the user's method silently.
   */
  private static void defaultMethods(
      TypeElement factory, TypeElement type, List<Diagnostic> out, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      String name = method.getSimpleName().toString();
      if (method.getModifiers().contains(Modifier.DEFAULT)
          && isGeneratedClassMethod(name, method.getParameters().size())) {
        boolean own = type.equals(factory);
        out.add(
            Diagnostic.of(
                ErrorCode.EntryPointNameClash,
                own ? method : factory,
                ErrorCode.EntryPointNameClash.describe(
                    "default method " + type.getSimpleName() + "." + name + "()",
                    "a method of the generated class (from io.steelmill.runtime.Node)"),
                "",
                ErrorCode.EntryPointNameClash.fix()));
      }
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      TypeElement element = Annotations.typeElement(superinterface);
      if (element != null) {
        defaultMethods(factory, element, out, seen);
      }
    }
  }

  /** The first declaration of each entry point (by name and number of parameters). */
  private static List<ExecutableElement> firstOfEach(List<ExecutableElement> declarations) {
    Set<String> seen = new java.util.HashSet<>();
    List<ExecutableElement> first = new ArrayList<>();
    for (ExecutableElement method : declarations) {
      if (seen.add(method.getSimpleName() + "/" + method.getParameters().size())) {
        first.add(method);
      }
    }
    return first;
  }
}
