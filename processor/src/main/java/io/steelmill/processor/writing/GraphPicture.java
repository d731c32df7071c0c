package io.steelmill.processor.writing;

import io.steelmill.processor.model.Binding;
import io.steelmill.processor.model.BindingGraph;
import io.steelmill.processor.model.Dependency;
import io.steelmill.processor.model.EntryPoint;
import io.steelmill.processor.model.Key;
import io.steelmill.processor.model.Mode;
import io.steelmill.processor.model.Resolution;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One factory's graph in both modes, as a picture independent of its file format: the factory,
 * a node per key with how each mode binds it, an edge per dependency, and the modes each exists
 * in. Keys taken from the parent factory form the parent's group, {@code @Ambient} ones the
 * ambient group. Built in the graphs' resolution order, so the same sources give the same files.
 */
final class GraphPicture {
  /** Where a node is drawn. */
  enum Group {
    NODE,
    AMBIENT,
    PARENT
  }

  /** How a node is bound, for its shape. */
  enum Shape {
    FACTORY,
    DAEMON,
    PROVIDES,
    INTERFACE,
    INJECTED,
    FROM_PARENT
  }

  /** A drawn key; {@code lines} are its label, the first one the key's name. */
  record Node(String id, List<String> lines, Shape shape, Group group, Set<Mode> modes) {}

  /** A dependency; {@code label} names an entry point or a Provider, or is empty. */
  record Edge(String from, String to, String label, boolean deferred, Set<Mode> modes) {}

  static final String FACTORY_ID = "factory";

  private final String title;
  private final String parentName;
  private final Map<Key, NodeBuilder> nodes = new LinkedHashMap<>();
  private final Map<String, Edge> edges = new LinkedHashMap<>();
  private final Node factory;
  /** {@link #nodes()}, made once: both formats ask for it once per group and once more. */
  private List<Node> built;

  private GraphPicture(BindingGraph any) {
    this.title = any.factory().element().getQualifiedName().toString();
    this.parentName =
        any.parent() == null ? null : any.parent().factory().displayName();
    this.factory =
        new Node(
            FACTORY_ID,
            List.of(any.factory().displayName(), "@Factory"),
            Shape.FACTORY,
            Group.NODE,
            EnumSet.allOf(Mode.class));
  }

  /** The picture of the graphs of one factory, one per mode. */
  static GraphPicture of(Map<Mode, BindingGraph> graphs) {
    GraphPicture picture = new GraphPicture(graphs.values().iterator().next());
    for (Map.Entry<Mode, BindingGraph> entry : graphs.entrySet()) {
      picture.add(entry.getKey(), entry.getValue());
    }
    return picture;
  }

  /** The factory interface's qualified name. */
  String title() {
    return title;
  }

  /** The parent factory's name, or null for a root factory. */
  String parentName() {
    return parentName;
  }

  /** The factory first, then every key in resolution order. */
  List<Node> nodes() {
    if (built == null) {
      List<Node> all = new ArrayList<>(nodes.size() + 1);
      all.add(factory);
      for (NodeBuilder builder : nodes.values()) {
        all.add(builder.build());
      }
      built = List.copyOf(all);
    }
    return built;
  }

  List<Edge> edges() {
    return new ArrayList<>(edges.values());
  }

  private void add(Mode mode, BindingGraph graph) {
    built = null;
    for (EntryPoint entryPoint : graph.factory().entryPoints()) {
      NodeBuilder target = node(entryPoint.request().key());
      edge(mode, FACTORY_ID, target.id, entryPoint.name() + "()", entryPoint.request().isProvider());
    }
    for (Resolution resolution : graph.resolutions().values()) {
      NodeBuilder node = node(resolution.key());
      if (resolution.fromParent()) {
        node.fromParent(mode);
        continue;
      }
      Binding binding = resolution.binding();
      if (binding == null) {
        continue;
      }
      node.bind(mode, binding, graph.ambientKeys().contains(binding.key()));
      for (Dependency dependency : binding.dependencies()) {
        NodeBuilder target = node(dependency.key());
        edge(mode, node.id, target.id, dependency.isProvider() ? "Provider" : "", dependency.isProvider());
      }
    }
  }

  private NodeBuilder node(Key key) {
    return nodes.computeIfAbsent(key, k -> new NodeBuilder("n" + nodes.size(), k));
  }

  private void edge(Mode mode, String from, String to, String label, boolean deferred) {
    String id = from + "->" + to + ":" + label;
    Edge old = edges.get(id);
    Set<Mode> modes = old == null ? EnumSet.noneOf(Mode.class) : EnumSet.copyOf(old.modes());
    modes.add(mode);
    edges.put(id, new Edge(from, to, label, deferred, modes));
  }

  /** Collects what each mode says about one key. */
  private static final class NodeBuilder {
    private final String id;
    private final Key key;
    private final Map<Mode, String> how = new LinkedHashMap<>();
    private final Set<Mode> modes = EnumSet.noneOf(Mode.class);
    private Shape shape = Shape.DAEMON;
    private boolean ambient;
    private boolean fromParent;

    NodeBuilder(String id, Key key) {
      this.id = id;
      this.key = key;
    }

    void fromParent(Mode mode) {
      fromParent = true;
      shape = Shape.FROM_PARENT;
      modes.add(mode);
    }

    void bind(Mode mode, Binding binding, boolean inAmbient) {
      modes.add(mode);
      ambient |= inAmbient;
      shape =
          switch (binding.kind()) {
            case CONSTRUCTOR -> Shape.DAEMON;
            case PROVIDES -> Shape.PROVIDES;
            case ALIAS -> Shape.INTERFACE;
            case INJECTED -> Shape.INJECTED;
            case CREATOR -> Shape.FACTORY;
            case SIMULATOR -> Shape.INTERFACE;
          };
      how.put(mode, describe(binding));
    }

    private static String describe(Binding binding) {
      return switch (binding.kind()) {
        case CONSTRUCTOR -> binding.ambient() ? "@Ambient @Daemon" : "@Daemon";
        case PROVIDES ->
            "@Provides "
                + binding.owner().getSimpleName()
                + "."
                + binding.executable().getSimpleName()
                + "()";
        case ALIAS ->
            "uses "
                + (binding.dependencies().isEmpty()
                    ? "?"
                    : binding.dependencies().get(0).key().displayName());
        case INJECTED -> "injected";
        case SIMULATOR -> "from steelmill-sim";
        case CREATOR -> "creates child factories";
      };
    }

    Node build() {
      List<String> lines = new ArrayList<>();
      lines.add(key.displayName());
      if (fromParent) {
        lines.add("from the parent");
      } else if (how.size() == 2 && !how.get(Mode.PRODUCTION).equals(how.get(Mode.SIMULATION))) {
        lines.add("production: " + how.get(Mode.PRODUCTION));
        lines.add("simulation: " + how.get(Mode.SIMULATION));
      } else if (!how.isEmpty()) {
        lines.add(how.values().iterator().next());
      }
      if (modes.size() == 1) {
        lines.add(modes.iterator().next() + " only");
      }
      Group group = fromParent ? Group.PARENT : ambient ? Group.AMBIENT : Group.NODE;
      return new Node(id, List.copyOf(lines), shape, group, EnumSet.copyOf(modes));
    }
  }
}
