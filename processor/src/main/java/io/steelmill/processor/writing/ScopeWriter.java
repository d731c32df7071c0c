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

  private final BindingGraph graph;
  private final Accessors names;
  private final Set<String> publicAccessors;
  private final Map<Key, Integer> ids = new LinkedHashMap<>();
  /** Each key's type name, made once: the fields, accessors and casts name it several times. */
  private final Map<Key, Code> types = new HashMap<>();
  private boolean accessorsBuild;

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

  /**
   * Makes each accessor of a binding this class constructs construct it itself, between the
   * runtime's {@code begin} and {@code end}: no dispatch and no call by id on the way (the
   * dispatch then routes an id to its accessor). Unset, the dispatch constructs.
   */
  void accessorsBuild(boolean build) {
    this.accessorsBuild = build;
  }

  /** Whether the accessors construct their bindings (see {@link #accessorsBuild(boolean)}). */
  boolean accessorsBuild() {
    return accessorsBuild;
  }

  /**
   * Whether entry points keep their instance in a field of their own: not where the accessors
   * construct, whose built instance is a read of the node's slot (two lines fewer per entry
   * point, and no volatile write per construction).
   */
  boolean memoFields() {
    return names.memoFields() && !accessorsBuild;
  }

  /** The accessor's name of {@code key}: {@code getIndex}, or the entry point's. */
  String accessorName(Key key) {
    return names.name(key);
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
   * {@code daemon test.Store [1] Store}: kind (with the method of a provided one), the class
   * {@code inject} accepts or -, the ids its construction asks for (left out when none), name.
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
    String type = isPlainClass(key) ? binaryName(key) : "-";
    String name = key.displayName().replace("\\", "\\\\").replace("\"\"\"", "\\\"\"\"");
    String needs = needs(binding);
    return kind + " " + type + (needs.isEmpty() ? "" : " [" + needs + "]") + " " + name;
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
    Code value = value(key, elsewhere);
    boolean builds = accessorsBuild && constructs(key);
    String name = entryPoint != null ? entryPoint.name() : names.name(key);
    // no @Override on an entry point: javac checks an annotation per entry point for it
    boolean isPublic = entryPoint != null || publicAccessors.contains(name);
    out.add(indent).add(isPublic ? "public " : "").add(typeOf(key)).add(" ").add(name);
    out.add("() {\n").add(indent);
    String field = entryPoint != null && memoFields() ? Accessors.field(entryPoint) : null;
    if (field != null) {
      // the memo field's read first: an entry point called again is one field read
      out.add("  ").add(typeOf(key)).add(" instance = this.").add(field).add(";\n").add(indent);
    }
    if (builds) {
      out.add("  try {\n").add(indent).add("  ");
    }
    out.add("  return ");
    if (field != null) {
      out.add("instance != null ? instance : (this.").add(field).add(" = ").add(value).add(")");
    } else {
      out.add(value);
    }
    out.add(";\n");
    if (builds) {
      out.add(indent).add("  } catch (").add(RuntimeNames.THROWABLE).add(" t) {\n");
      out.add(indent).add("    throw failed(t);\n").add(indent).add("  }\n");
    }
    out.add(indent).add("}\n");
  }

  /** Whether this class constructs {@code key}'s instance (it holds it, and it is not injected). */
  private boolean constructs(Key key) {
    return ids.containsKey(key) && graph.resolutions().get(key).binding().isMemoized();
  }

  /**
   * {@code new GuestBook(getClock())} or {@code Module.config(node.getEnv())}: how {@code
   * binding} is made, its dependencies taken on {@code receiver} (or this node, if null).
   */
  void construction(Code code, Binding binding, String receiver) {
    if (binding.kind() == BindingKind.PROVIDES) {
      code.add(ClassRef.of(binding.owner())).add(".");
      code.add(binding.executable().getSimpleName().toString()).add("(");
    } else {
      code.add("new ").add(binding.owner().asType()).add("(");
    }
    List<Dependency> dependencies = binding.dependencies();
    for (int i = 0; i < dependencies.size(); i++) {
      code.add(i == 0 ? "" : ", ").add(argument(dependencies.get(i), receiver));
    }
    code.add(")");
  }

  /** An entry point's field when it is its key's accessor: {@code private volatile Store s;}. */
  void memoField(Members members, EntryPoint entryPoint, boolean first) {
    (first ? members.next() : members.nextInGroup()).add(members.indent()).add("private volatile ")
        .add(typeOf(entryPoint.request().key())).add(" ").add(Accessors.field(entryPoint))
        .add(";\n");
  }

  /**
   * What an accessor returns: {@code (Store) (begin(0) ? end(new Store(getClock())) : get(0))}
   * when it constructs (one cast, no generic method for javac to infer), {@code (Store) get(0)}, {@code parentFactory.getDisk()}, ...
   */
  private Code value(Key key, Code elsewhere) {
    if (accessorsBuild && constructs(key)) {
      int id = ids.get(key);
      Code value = new Code().add("(").add(typeOf(key)).add(") (begin(").add(id).add(") ? end(");
      construction(value, graph.resolutions().get(key).binding(), null);
      return value.add(") : get(").add(id).add("))");
    }
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
        target.add(indent).add("  ").add(names.name(key)).add("();\n");
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
    if (ids.containsKey(key) && accessorsBuild) { // its accessor, which constructs it if need be
      return new Code().add(accessor).add("()");
    }
    if (ids.containsKey(key)) { // by id: an entry point's field is for its callers, not for wiring
      return new Code().add("(").add(typeOf(key)).add(") ").add(node == null ? "" : node + ".")
          .add("get(").add(ids.get(key)).add(")");
    }
    return new Code().add(node == null ? "" : node + ".").add(accessor).add("()");
  }

  /** The key's type; a child factory's creator by its generated name (it may not exist yet). */
  Code typeOf(Key key) {
    return types.computeIfAbsent(key, this::nameOf);
  }

  private Code nameOf(Key key) {
    Resolution resolution = graph.resolutions().get(key);
    Binding binding = resolution == null ? null : resolution.binding();
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

  /** {@code a.b.Outer$Inner}: what {@code Class.getName()} returns. */
  private static String binaryName(Key key) {
    Element element = ((DeclaredType) key.type()).asElement();
    StringBuilder name = new StringBuilder(element.getSimpleName());
    Element enclosing = element.getEnclosingElement();
    while (enclosing instanceof TypeElement outer) {
      name.insert(0, outer.getSimpleName() + "$");
      enclosing = outer.getEnclosingElement();
    }
    String pkg = ((javax.lang.model.element.PackageElement) enclosing).getQualifiedName().toString();
    return pkg.isEmpty() ? name.toString() : pkg + "." + name;
  }
}
