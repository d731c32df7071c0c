package io.steelmill.processor.writing;

import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.BindingKind;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.FactoryReader;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * Writes what one generated node class (a factory, or its nested ambient factory) needs for the
 * bindings it owns: the binding table, a one-line accessor per key, and {@code buildForChildren}
 * (split into chunks, so no method grows with the graph). {@link DispatchWriter} writes how each
 * binding id is made.
 */
final class ScopeWriter {
  /** Statements per prebuild method. */
  static final int CHUNK = 100;

  /**
   * Characters per text block of the binding table: a string constant holds at most 65,535 bytes
   * of modified UTF-8, three per character at worst.
   */
  private static final int TABLE_BLOCK_CHARS = 20_000;

  /** Aliases followed from one dependency at most (validation rejects alias cycles). */
  private static final int MAX_ALIASES = 32;

  /** Ids per line of {@code buildAll}'s list. */
  private static final int IDS_PER_LINE = 20;

  /** At most this many characters of a key's name go into the table: see {@link #shown}. */
  private static final int SHOWN_NAME_CHARS = 1_000;

  private final BindingGraph graph;
  private final Accessors names;
  private final Set<String> publicAccessors;
  private final Map<Key, Integer> ids = new LinkedHashMap<>();
  /** Each key's type name, made once: the fields, accessors and casts name it several times. */
  private final Map<Key, Code> types = new HashMap<>();

  /**
   * @param owned the keys whose instances this class holds, in id order
   * @param publicAccessors accessor names that are also entry points of the interface
   */
  ScopeWriter(BindingGraph graph, Accessors names, List<Key> owned, Set<String> publicAccessors) {
    this.graph = graph;
    this.names = names;
    this.publicAccessors = publicAccessors;
    for (Key key : owned) {
      ids.put(key, ids.size());
    }
  }

  /** Whether this class holds {@code key}'s instance. */
  boolean owns(Key key) {
    return ids.containsKey(key);
  }

  /** {@code private static final Bindings BINDINGS = Bindings.of("""...""");} */
  void table(Members members) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = new StringBuilder();
    String indent = members.indent();
    int chars = 0; // of the lines, without their indentation
    for (Key key : ids.keySet()) {
      String line = line(key);
      if (chars > 0 && chars + line.length() >= TABLE_BLOCK_CHARS) {
        blocks.add(block.toString());
        block.setLength(0);
        chars = 0;
      }
      block.append(indent).append(line).append('\n');
      chars += line.length() + 1;
    }
    if (!block.isEmpty() || blocks.isEmpty()) {
      blocks.add(block.toString());
    }
    Code out = members.next().add(indent).add("private static final ");
    out.add(RuntimeNames.BINDINGS).add(" BINDINGS = ").add(RuntimeNames.BINDINGS).add(".of(");
    for (int i = 0; i < blocks.size(); i++) {
      out.add(i == 0 ? "\"\"\"\n" : ", \"\"\"\n").add(blocks.get(i)).add(indent).add("\"\"\"");
    }
    out.add(");\n");
  }

  /**
   * {@code daemon Store [1] Store}: kind (with the method of a provided one), the class {@code
   * inject} accepts or -, the ids its construction asks for (left out when none), name. The class
   * is its binary name, without the package when it is the generated class's own ({@code Store}
   * for {@code test.Store} in a factory of package {@code test}): most of a large graph's classes
   * are, and the package written on every line was a third of the table, which a fresh JVM reads
   * from the class file and makes a string of before the first build (BENCHMARKS.md, "Issue 12,
   * the first build, eighth pass").
   */
  private String line(Key key) {
    Binding binding = graph.resolutions().get(key).binding();
    String kind =
        switch (binding.kind()) {
          case CONSTRUCTOR -> "daemon";
          case PROVIDES ->
              "provided "
                  + binding.owner().getQualifiedName()
                  + "#"
                  + binding.executable().getSimpleName();
          default -> "injected";
        };
    String type = isPlainClass(key) ? tableName(key) : "-";
    String name = shown(key.displayName()).replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
    String needs = needs(binding);
    return kind + " " + type + (needs.isEmpty() ? "" : " [" + needs + "]") + " " + name;
  }

  /**
   * The name the table shows for a key, cut after {@link #SHOWN_NAME_CHARS} characters. It is
   * for people (errors, {@code built:} lists) only, and a text block line is one constant of at
   * most 65,535 bytes: a qualifier's strings or a class's name, each legal in the user's class
   * file, can make a longer one once the line holds them, escaped, next to the type's name (a
   * {@code @Named} of 40,000 quotes made "constant string too long" in the generated class).
   */
  static String shown(String name) {
    if (name.length() <= SHOWN_NAME_CHARS) {
      return name;
    }
    int end = SHOWN_NAME_CHARS;
    if (Character.isHighSurrogate(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end) + "... (" + name.length() + " characters)";
  }

  /**
   * {@code 1,2}: the ids of this class that {@code binding}'s construction asks for, through an
   * alias too; not through a {@code Provider}, nor what another node holds.
   */
  private String needs(Binding binding) {
    Set<Integer> needs = new LinkedHashSet<>();
    if (binding.isMemoized()) {
      for (Dependency dependency : binding.dependencies()) {
        collectNeeds(dependency, needs, 0);
      }
    }
    StringBuilder list = new StringBuilder();
    for (int id : needs) {
      list.append(list.isEmpty() ? "" : ",").append(id);
    }
    return list.toString();
  }

  private void collectNeeds(Dependency dependency, Set<Integer> needs, int aliases) {
    if (dependency.isProvider()) {
      return;
    }
    Integer id = ids.get(dependency.key());
    if (id != null) {
      needs.add(id);
      return;
    }
    Resolution resolution = graph.resolutions().get(dependency.key());
    Binding alias = resolution == null ? null : resolution.binding();
    if (alias != null && alias.kind() == BindingKind.ALIAS && aliases < MAX_ALIASES) {
      for (Dependency target : alias.dependencies()) {
        collectNeeds(target, needs, aliases + 1);
      }
    }
  }

  /**
   * The accessor of {@code key}: one line, its instance by id or from where it lives; or, when an
   * entry point is the accessor, that entry point keeping the instance in its field.
   *
   * @param elsewhere the call that returns the instance of a key another class holds, or null
   */
  void accessor(Members members, Key key, Code elsewhere) {
    EntryPoint entryPoint = names.entryPointFor(key);
    String indent = members.indent();
    Code out = members.next();
    if (entryPoint != null) { // no @Override: javac checks an annotation per entry point for it
      out.add(indent).add("public ").add(typeOf(key)).add(" ");
      out.add(entryPoint.name()).add("() {\n").add(indent);
      if (!names.memoFields()) {
        out.add("  return ").add(value(key, elsewhere)).add(";\n");
      } else {
        // the memo write stays a one-line slow path: the accessor must stay under C1's 35-byte
        // inlining limit (an own key's form takes 35 with a three-byte id), or the hot lookup
        // pays a call wherever C2 has not inlined it yet
        String field = Accessors.field(entryPoint);
        out.add("  ").add(typeOf(key)).add(" instance = this.").add(field).add(";\n").add(indent);
        if (plainMemo(key)) {
          out.add("  return present(instance) ? instance : (this.").add(field);
          out.add(" = (").add(typeOf(key)).add(") memo(").add(ids.get(key)).add("));\n");
        } else {
          out.add("  return instance != null ? instance : (this.").add(field).add(" = ");
          out.add(value(key, elsewhere)).add(");\n");
        }
      }
      out.add(indent).add("}\n");
      return;
    }
    String name = names.name(key);
    out.add(indent).add(publicAccessors.contains(name) ? "public " : "").add(typeOf(key));
    out.add(" ").add(name).add("() {\n").add(indent).add("  return ").add(value(key, elsewhere));
    out.add(";\n").add(indent).add("}\n");
  }

  /**
   * An entry point's field when it is its key's accessor: {@code private Store store;} for a key
   * this class holds (see {@link #plainMemo}), {@code private volatile Clock clock;} for one that
   * lives elsewhere (the ambient factory, a parent).
   */
  void memoField(Members members, EntryPoint entryPoint, boolean first) {
    Key key = entryPoint.request().key();
    (first ? members.next() : members.nextInGroup()).add(members.indent())
        .add(plainMemo(key) ? "private " : "private volatile ").add(typeOf(key)).add(" ")
        .add(Accessors.field(entryPoint)).add(";\n");
  }

  /**
   * Whether an entry point keeps {@code key}'s instance in a plain field: when this class holds
   * the key, the runtime's {@code memo(id)} ends with a release fence, so the field's write is a
   * release write, and the entry point reads it back through {@code present} (an acquire read).
   * A volatile field's write would cost each first call a full fence (a locked instruction on
   * x86): a tenth of the warmed build of 1,000 entry points. An instance from elsewhere comes
   * without that fence, so its field stays volatile.
   */
  private boolean plainMemo(Key key) {
    return ids.containsKey(key);
  }

  /** What an accessor returns: {@code (Store) get(0)}, {@code parentFactory.getDisk()}, ... */
  private Code value(Key key, Code elsewhere) {
    if (ids.containsKey(key)) {
      return new Code().add("(").add(typeOf(key)).add(") get(").add(ids.get(key)).add(")");
    }
    if (elsewhere != null) {
      return elsewhere;
    }
    Binding binding = graph.resolutions().get(key).binding();
    if (binding.kind() == BindingKind.CREATOR) {
      return new Code().add("new ").add(typeOf(key)).add("(this)");
    }
    return argument(binding.dependencies().get(0));
  }

  /** The keys this class holds, in id order. */
  List<Key> owned() {
    return List.copyOf(ids.keySet());
  }

  /**
   * {@code buildForChildren()}: the accessor of each key; past {@link #IDS_PER_LINE} keys that
   * this class holds, one {@code buildAll} of their ids instead (a list in a text block: javac
   * reads one constant where it would resolve a call per key).
   */
  void buildForChildren(Members members, List<Key> keys) {
    if (keys.isEmpty()) {
      return;
    }
    String indent = members.indent();
    Code method = RuntimeNames.override(new Code(), indent).add(indent);
    method.add("protected void buildForChildren() {\n");
    StringBuilder owned = new StringBuilder();
    int onLine = 0;
    boolean byIds = keys.stream().filter(ids::containsKey).count() > IDS_PER_LINE;
    for (Key key : keys) {
      Integer id = byIds ? ids.get(key) : null;
      if (id != null) {
        owned.append(onLine == 0 ? indent + "    " : " ").append(id);
        if (++onLine == IDS_PER_LINE) {
          owned.append('\n');
          onLine = 0;
        }
      }
    }
    if (!owned.isEmpty()) {
      if (onLine > 0) {
        owned.append('\n');
      }
      method.add(indent).add("  buildAll(\"\"\"\n").add(owned.toString()).add(indent);
      method.add("    \"\"\");\n");
    }
    List<Code> chunks = new ArrayList<>();
    List<Key> elsewhere = keys.stream().filter(key -> !byIds || !ids.containsKey(key)).toList();
    for (int start = 0, chunk = 0; start < elsewhere.size(); start += CHUNK, chunk++) {
      boolean split = elsewhere.size() > CHUNK;
      Code target = split ? new Code() : method;
      if (split) {
        target.add(indent).add("private void buildForChildren").add(chunk).add("() {\n");
        method.add(indent).add("  buildForChildren").add(chunk).add("();\n");
        chunks.add(target);
      }
      for (Key key : elsewhere.subList(start, Math.min(elsewhere.size(), start + CHUNK))) {
        target.add(indent).add("  ").add(unqualified(names.name(key))).add("();\n");
      }
      if (split) {
        target.add(indent).add("}\n");
      }
    }
    members.next().add(method.add(indent).add("}\n"));
    for (Code chunk : chunks) {
      members.next().add(chunk);
    }
  }

  /** {@code getDisk()} for an instance, {@code this::getDisk} for a provider. */
  Code argument(Dependency dependency) {
    return argument(dependency, null);
  }

  /**
   * The same on {@code node} (a nested class's parameter holding the generated node), or on this
   * node if null: {@code node.getDisk()}, {@code node::getDisk}.
   */
  Code argument(Dependency dependency, String node) {
    String accessor = names.name(dependency.key());
    if (dependency.isProvider()) {
      return new Code().add(node == null ? "this" : node).add("::").add(accessor);
    }
    Key key = dependency.key();
    if (ids.containsKey(key)) { // by id: an entry point's field is for its callers, not for wiring
      return new Code().add("(").add(typeOf(key)).add(") ").add(node == null ? "" : node + ".")
          .add("get(").add(ids.get(key)).add(")");
    }
    return new Code().add(node == null ? unqualified(accessor) : node + "." + accessor).add("()");
  }

  /**
   * A call of this node's {@code accessor} without a receiver. An entry point may be named {@code
   * yield}, which Java lets a method be called only with one (JLS 15.12: {@code yield()} alone
   * reads as a yield statement), so that one gets {@code this.}.
   */
  static String unqualified(String accessor) {
    return accessor.equals("yield") ? "this.yield" : accessor;
  }

  /**
   * An argument of a {@code construct} case on {@code node} (or this node if null): {@code (Disk)
   * built[3]} for a key this class holds, which the runtime built before it called {@code
   * construct} (the binding's line lists its id); otherwise as {@link #argument(Dependency,
   * String)} writes it.
   */
  Code constructArgument(Dependency dependency, String node) {
    Integer id = dependency.isProvider() ? null : ids.get(dependency.key());
    if (id == null) {
      return argument(dependency, node);
    }
    return new Code().add("(").add(typeOf(dependency.key())).add(") ")
        .add(node == null ? "" : node + ".").add("built[").add(id).add("]");
  }

  /** The key's type; a child factory's creator by its generated name (it may not exist yet). */
  Code typeOf(Key key) {
    return types.computeIfAbsent(key, this::nameOf);
  }

  private Code nameOf(Key key) {
    Binding binding = null;
    // a creator taken from an ancestor (a child that extends its parent's interface inherits the
    // entry point returning its own creator) is bound where the ancestor resolved it
    for (BindingGraph g = graph; g != null && binding == null; g = g.parent()) {
      Resolution resolution = g.resolutions().get(key);
      if (resolution == null || !resolution.fromParent()) {
        binding = resolution == null ? null : resolution.binding();
        break;
      }
    }
    if (binding != null && binding.kind() == BindingKind.CREATOR) {
      return new Code().add(creatorName((TypeElement) binding.element()));
    }
    return new Code().add(key.type());
  }

  static ClassRef creatorName(TypeElement child) {
    Element scope = child;
    while (!(scope instanceof javax.lang.model.element.PackageElement)) {
      scope = scope.getEnclosingElement();
    }
    String pkg = ((javax.lang.model.element.PackageElement) scope).getQualifiedName().toString();
    return ClassRef.of(pkg, FactoryReader.generatedName(child), "Creator");
  }

  static boolean isPlainClass(Key key) {
    return !key.isQualified()
        && key.type().getKind() == TypeKind.DECLARED
        && ((DeclaredType) key.type()).getTypeArguments().isEmpty();
  }

  /**
   * {@code a.b.Outer$Inner}, what {@code Class.getName()} returns, or {@code Outer$Inner} when
   * {@code a.b} is the generated class's package (the runtime's {@code Bindings.idOf} reads it so).
   */
  private String tableName(Key key) {
    Element element = ((DeclaredType) key.type()).asElement();
    StringBuilder name = new StringBuilder(element.getSimpleName());
    Element enclosing = element.getEnclosingElement();
    while (enclosing instanceof TypeElement outer) {
      name.insert(0, outer.getSimpleName() + "$");
      enclosing = outer.getEnclosingElement();
    }
    String pkg = ((javax.lang.model.element.PackageElement) enclosing).getQualifiedName().toString();
    return pkg.isEmpty() || pkg.equals(graph.factory().packageName())
        ? name.toString()
        : pkg + "." + name;
  }
}
