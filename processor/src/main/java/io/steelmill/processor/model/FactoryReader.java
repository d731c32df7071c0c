package io.steelmill.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Reads a {@code @Factory} interface into a {@link FactoryDescriptor}. Reports nothing. */
public final class FactoryReader {
  private final Elements elements;
  private final BindingReader bindings;
  private final EntryPointTypes entryPointTypes;

  /**
   * The {@code @Factory} interfaces of each package scanned in this round, with the qualified
   * name of the parent each declares ("" for none), in the order the scan meets them. Listing a
   * package completes every class of it, those on the class path too (about 2,000 class files in
   * the 1,000-daemon benchmark's package): a factory, its children and both modes share one scan
   * per round instead of one per read.
   */
  private final Map<Element, List<Declared>> factoriesByPackage = new HashMap<>();

  /** A {@code @Factory} interface and the qualified name of its declared parent, or "". */
  private record Declared(TypeElement factory, String parent) {}

  /**
   * The descriptors read in this round: a factory is read for each mode, and again as the child or
   * the parent of another factory; what it declares does not depend on the mode.
   */
  private final Map<TypeElement, FactoryDescriptor> read = new HashMap<>();

  public FactoryReader(Elements elements, BindingReader bindings, EntryPointTypes entryPointTypes) {
    this.elements = elements;
    this.bindings = bindings;
    this.entryPointTypes = entryPointTypes;
  }

  /** The descriptor of {@code factory}, read once per round. */
  public FactoryDescriptor read(TypeElement factory) {
    FactoryDescriptor known = read.get(factory);
    if (known == null) {
      known = readNow(factory);
      read.put(factory, known);
    }
    return known;
  }

  private FactoryDescriptor readNow(TypeElement factory) {
    AnnotationMirror annotation = Annotations.find(factory, Annotations.FACTORY);
    List<TypeElement> modules = new ArrayList<>();
    for (TypeMirror module : Annotations.classValues(annotation, "modules")) {
      TypeElement element = Annotations.typeElement(module);
      // A module listed twice, or the factory listing itself, adds its methods once.
      if (element != null && !element.equals(factory) && !modules.contains(element)) {
        modules.add(element);
      }
    }
    List<ExecutableElement> provides = new ArrayList<>(providesIn(factory));
    for (TypeElement module : modules) {
      provides.addAll(providesIn(module));
    }
    TypeMirror parent = Annotations.classValue(annotation, "parent");
    String packageName = elements.getPackageOf(factory).getQualifiedName().toString();
    return new FactoryDescriptor(
        factory,
        packageName,
        generatedName(factory),
        entryPoints(factory),
        modules,
        provides,
        distinct(Annotations.classValues(annotation, "injected")),
        parent == null ? null : Annotations.typeElement(parent),
        children(factory));
  }

  /**
   * The child factories of {@code factory}: the {@code @Factory} interfaces of its package (top
   * level or nested) whose parent it is. A child elsewhere is a compile error (see {@code
   * ChildOutsidePackage}): the parent's generated code must know every child to serve it.
   */
  public List<TypeElement> children(TypeElement factory) {
    Element pkg = elements.getPackageOf(factory);
    List<Declared> declared =
        factoriesByPackage.computeIfAbsent(
            pkg,
            scanned -> {
              List<Declared> found = new ArrayList<>();
              collectFactories(pkg, found);
              return found;
            });
    String parent = factory.getQualifiedName().toString();
    List<TypeElement> children = new ArrayList<>();
    for (Declared candidate : declared) {
      if (candidate.parent().equals(parent)) {
        children.add(candidate.factory());
      }
    }
    return children;
  }

  /** Forgets the package scans and descriptors: a new round may bring new elements. */
  public void newRound() {
    factoriesByPackage.clear();
    read.clear();
  }

  private static void collectFactories(Element scope, List<Declared> into) {
    for (Element element : scope.getEnclosedElements()) {
      if (!(element instanceof TypeElement type)) {
        continue;
      }
      if (type.getKind() == javax.lang.model.element.ElementKind.INTERFACE
          && Annotations.has(type, Annotations.FACTORY)) {
        TypeMirror declared =
            Annotations.classValue(Annotations.find(type, Annotations.FACTORY), "parent");
        TypeElement named = declared == null ? null : Annotations.typeElement(declared);
        into.add(new Declared(type, named == null ? "" : named.getQualifiedName().toString()));
      }
      collectFactories(type, into);
    }
  }

  /** {@code Steelmill<Name>}, or {@code Steelmill<Outer>_<Inner>} for a nested interface. */
  public static String generatedName(TypeElement factory) {
    StringBuilder name = new StringBuilder(factory.getSimpleName());
    Element enclosing = factory.getEnclosingElement();
    while (enclosing.getKind().isClass() || enclosing.getKind().isInterface()) {
      name.insert(0, enclosing.getSimpleName() + "_");
      enclosing = enclosing.getEnclosingElement();
    }
    return "Steelmill" + name;
  }

  /**
   * The abstract methods of the interface, in declaration order, then those its superinterfaces
   * add (an override counts once, at its first place, with the narrowest return type any of
   * them declares: the one the generated class must return).
   */
  private List<EntryPoint> entryPoints(TypeElement factory) {
    Map<String, EntryPoint> bySignature = new java.util.LinkedHashMap<>();
    for (ExecutableElement method : EntryPoint.declarations(factory)) {
      TypeMirror returned = entryPointTypes.returnType(factory, method);
      EntryPoint earlier = bySignature.get(signature(method));
      if (earlier == null || entryPointTypes.narrower(returned, earlier.returnType())) {
        bySignature.put(signature(method),
            new EntryPoint(method, returned, bindings.dependency(returned, method)));
      }
    }
    return List.copyOf(bySignature.values());
  }

  /** {@code name[a.B, c.D]}: the method's name and parameter types (a loop: a cold path). */
  private static String signature(ExecutableElement method) {
    StringBuilder text = new StringBuilder().append(method.getSimpleName()).append('[');
    String separator = "";
    for (javax.lang.model.element.VariableElement parameter : method.getParameters()) {
      text.append(separator).append(parameter.asType().toString());
      separator = ", ";
    }
    return text.append(']').toString();
  }

  /** The types once each, by name: a type injected twice is one binding, not a duplicate. */
  private static List<TypeMirror> distinct(List<TypeMirror> types) {
    java.util.Map<String, TypeMirror> byName = new java.util.LinkedHashMap<>();
    for (TypeMirror type : types) {
      byName.putIfAbsent(type.toString(), type);
    }
    return List.copyOf(byName.values());
  }

  private static List<ExecutableElement> providesIn(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (Annotations.has(method, Annotations.PROVIDES)
          && method.getModifiers().contains(Modifier.STATIC)
          && method.getReturnType().getKind() != javax.lang.model.type.TypeKind.VOID) {
        methods.add(method);
      }
    }
    return methods;
  }
}
