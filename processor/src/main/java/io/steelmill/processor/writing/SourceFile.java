package io.steelmill.processor.writing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.lang.model.element.Element;

/**
 * One generated compilation unit: its package, its top-level class, and its text with the classes
 * it names still open. {@link #render} decides the imports and writes each class name as short as
 * is safe: a class is written by its simple name only when that name means it everywhere in the
 * file. A name is taken first by the file's own class and its nested classes, then by the member
 * classes the file's class inherits, then by a class of the file's package, then by a {@code
 * java.lang} class (unless a class of the package shadows it: then it is imported explicitly),
 * then by the first other class named that way (imported); every other class of that simple name
 * is written in full.
 */
public final class SourceFile {
  private final String packageName;
  private final String name;
  private final Element origin;
  private final Set<String> hidden;
  private final Set<String> fields;
  private final Code body;
  private String longestNested = "";

  /**
   * @param hidden simple names that the file's class declares or inherits as member classes
   *     (they shadow any import inside the class)
   * @param body the text after the imports: the class, its annotations and Javadoc
   */
  SourceFile(String packageName, String name, Element origin, Set<String> hidden, Code body) {
    this(packageName, name, origin, hidden, Set.of(), body);
  }

  /**
   * @param fields names of the fields (and {@code construct}'s parameter) in scope in the class:
   *     in a static call such as {@code io.steelmill.runtime.internal.Bindings.of(...)} a field
   *     named like the first segment of the package hides the package
   */
  SourceFile(
      String packageName,
      String name,
      Element origin,
      Set<String> hidden,
      Set<String> fields,
      Code body) {
    this.packageName = packageName;
    this.name = name;
    this.origin = origin;
    this.hidden = hidden;
    this.fields = fields;
    this.body = body;
  }

  public String packageName() {
    return packageName;
  }

  /**
   * The binary suffix of the longest class nested in the file's class ({@code $Ambient$Part12}),
   * or "" when it has none: its class file has the longest name the file produces.
   */
  public String longestNested() {
    return longestNested;
  }

  SourceFile longestNested(String suffix) {
    this.longestNested = suffix;
    return this;
  }

  /** {@code a.b.SteelmillApp}. */
  public String qualifiedName() {
    return packageName.isEmpty() ? name : packageName + "." + name;
  }

  /** The element the file was generated from (the factory interface). */
  public Element origin() {
    return origin;
  }

  /**
   * The file's text.
   *
   * @param inPackage whether the file's package has a class of the given simple name (asked only
   *     for the {@code java.lang} classes the file names, which such a class would shadow, and for
   *     the first segments of the names the file must write in full)
   * @throws NameHidden when a name the file must write would mean another class or a field there
   */
  public String render(Predicate<String> inPackage) {
    List<Object> parts = body.parts();
    Set<String> imports = new TreeSet<>();
    Map<String, String> owners = owners(parts, inPackage, imports);
    StringBuilder text = new StringBuilder(body.parts().size() * 8 + 1024);
    Set<String> checked = new HashSet<>();
    ClassRef last = null;
    String lastWritten = null;
    for (Object part : parts) {
      if (part instanceof ClassRef ref) {
        if (ref != last) {
          last = ref;
          lastWritten = nameOf(ref, owners);
          if (checked.add(lastWritten)) {
            checkReachable(ref, lastWritten, owners, inPackage);
          }
        }
        text.append(lastWritten);
      } else {
        text.append((String) part);
      }
    }
    StringBuilder file = new StringBuilder(text.length() + 64 * imports.size() + 64);
    if (!packageName.isEmpty()) {
      file.append("package ").append(packageName).append(";\n\n");
    }
    for (String imported : imports) {
      file.append("import ").append(imported).append(";\n");
    }
    if (!imports.isEmpty()) {
      file.append('\n');
    }
    return file.append(text).toString();
  }

  /**
   * Each simple name usable unqualified, and the top-level class it then means; adds the imports
   * that this takes to {@code imports}.
   */
  private Map<String, String> owners(
      List<Object> parts, Predicate<String> inPackage, Set<String> imports) {
    Map<String, List<ClassRef>> bySimpleName = new LinkedHashMap<>();
    ClassRef last = null; // a key's type is one ClassRef: the next reference is often it again
    for (Object part : parts) {
      if (part instanceof ClassRef ref && ref != last) {
        last = ref;
        List<ClassRef> named =
            bySimpleName.computeIfAbsent(ref.topLevelName(), n -> new ArrayList<>(2));
        if (!holdsTopLevel(named, ref)) { // a loop: a stream per reference ran interpreted
          named.add(ref);
        }
      }
    }
    Map<String, String> owners = new HashMap<>();
    for (Map.Entry<String, List<ClassRef>> entry : bySimpleName.entrySet()) {
      String simple = entry.getKey();
      ClassRef owner = owner(simple, entry.getValue());
      if (owner == null) {
        continue;
      }
      owners.put(simple, owner.topLevelQualified());
      String pkg = owner.packageName();
      if (pkg.equals("java.lang") ? inPackage.test(simple) : !pkg.equals(packageName)) {
        imports.add(owner.topLevelQualified()); // java.lang only where the package shadows it
      }
    }
    return owners;
  }

  private static boolean holdsTopLevel(List<ClassRef> named, ClassRef ref) {
    for (ClassRef other : named) {
      if (other.packageName().equals(ref.packageName())
          && other.topLevelName().equals(ref.topLevelName())) {
        return true;
      }
    }
    return false;
  }

  private ClassRef owner(String simple, List<ClassRef> named) {
    if (simple.equals(name)) {
      return named.stream().filter(this::isSelf).findFirst().orElse(null);
    }
    if (hidden.contains(simple)) {
      return null;
    }
    for (ClassRef ref : named) {
      if (ref.packageName().equals(packageName)) {
        return ref;
      }
    }
    for (ClassRef ref : named) {
      if (ref.packageName().equals("java.lang")) {
        return ref;
      }
    }
    for (ClassRef ref : named) {
      if (!ref.packageName().isEmpty()) {
        return ref; // imported
      }
    }
    return null;
  }

  /**
   * Fails when {@code written}, the text naming {@code ref}, would mean something else in the
   * class: a name written in full whose first segment is also a member class, a class of the
   * package, an imported class or a field (Java has no way to say "the package {@code io}, not
   * the class"), or a class of the unnamed package that a member class hides.
   */
  private void checkReachable(
      ClassRef ref, String written, Map<String, String> owners, Predicate<String> inPackage) {
    boolean self = isSelf(ref);
    if (self && ref.names().size() > 1
        || !(self && hidden.contains(name))
            && ref.isTopLevel(owners.get(ref.topLevelName()))) {
      return; // a nested class of ours, or a simple name that means the class throughout
    }
    int dot = written.indexOf('.');
    String first = dot < 0 ? written : written.substring(0, dot);
    String meaning = null;
    if (hidden.contains(first)) {
      meaning = "a member class of the generated class (declared by it or by the factory interface)";
    } else if (fields.contains(first)) {
      meaning = "a field of the generated class (or a constant of the factory interface)";
    } else if (owners.containsKey(first) && !owners.get(first).equals(ref.topLevelQualified())) {
      meaning = "the class " + owners.get(first);
    } else if (!ref.packageName().isEmpty() && inPackage.test(first)) {
      meaning = "the class " + (packageName.isEmpty() ? first : packageName + "." + first);
    }
    if (meaning != null) {
      throw new NameHidden(ref.canonicalName(), first, meaning);
    }
  }

  /**
   * A class the generated file must name is unreachable there: {@code segment}, the first part of
   * its name, means {@code meaning} instead.
   */
  public static final class NameHidden extends RuntimeException {
    private final String className;
    private final String segment;
    private final String meaning;

    NameHidden(String className, String segment, String meaning) {
      super(className + ": " + segment + " is " + meaning, null, false, false);
      this.className = className;
      this.segment = segment;
      this.meaning = meaning;
    }

    public String className() {
      return className;
    }

    public String segment() {
      return segment;
    }

    public String meaning() {
      return meaning;
    }
  }

  private boolean isSelf(ClassRef ref) {
    return ref.packageName().equals(packageName) && ref.topLevelName().equals(name);
  }

  private String nameOf(ClassRef ref, Map<String, String> owners) {
    if (isSelf(ref) && ref.names().size() > 1) {
      return String.join(".", ref.names().subList(1, ref.names().size())); // our nested class
    }
    if (isSelf(ref) && hidden.contains(name)) {
      return ref.canonicalName(); // a member class of the factory interface takes our own name
    }
    String owner = owners.get(ref.topLevelName());
    if (!ref.isTopLevel(owner)) {
      return ref.canonicalName();
    }
    return ref.relativeName();
  }
}
