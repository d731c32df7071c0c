package io.steelmill.processor.model;

import java.util.HashSet;
import java.util.Set;

/**
 * What a generated factory class spends of its class file's constant pool, which holds at most
 * 65,535 entries (javac says "too many constants" past that). The class keeps one accessor per
 * key of its graph whatever its size (entry points, child factories and ambient nodes call
 * them), plus a call per key its children reach; the construction of a large graph moves to
 * nested classes, which have pools of their own. Validation rejects a graph whose class cannot
 * fit, before javac would; the writer uses the same figures to decide what fits.
 */
public final class ClassBudget {
  /** Entries a generated class may use: the pool, less a margin for what is not counted. */
  public static final int LIMIT = 64_000;

  /** Memo fields a class gets at most: each costs {@link #PER_MEMO} entries of the pool. */
  public static final int MAX_MEMOIZED = 3_000;

  /** A field: its descriptor, its reference and their name-and-type. */
  public static final int PER_MEMO = 3;

  private static final int FIXED = 1_000; // the class's own members, the runtime's methods
  private static final int PER_KEY = 5; // an accessor: name, descriptor, its type's class, a call
  private static final int PER_REACHED = 2; // a call that builds it before the node starts
  private static final int PER_EXTRA_ENTRY = 6; // a provider entry point, a second for a key

  private ClassBudget() {}

  /** Entries the generated class of {@code graph} needs without memo fields. */
  public static long entries(BindingGraph graph) {
    long entries = FIXED;
    entries += (long) PER_KEY * graph.resolutions().size();
    entries += (long) PER_REACHED * graph.childReach().size();
    Set<Key> seen = new HashSet<>();
    for (EntryPoint entryPoint : graph.factory().entryPoints()) {
      if (entryPoint.request().isProvider() || !seen.add(entryPoint.request().key())) {
        entries += PER_EXTRA_ENTRY;
      }
    }
    return entries;
  }

  /** Whether the generated class of {@code graph} fits in a class file. */
  public static boolean fits(BindingGraph graph) {
    return atMost(graph) <= LIMIT || entries(graph) <= LIMIT;
  }

  /** Whether the class of {@code graph} also has room for {@code fields} memo fields. */
  public static boolean fitsMemoFields(BindingGraph graph, int fields) {
    long memo = (long) PER_MEMO * fields;
    return fields <= MAX_MEMOIZED
        && (atMost(graph) + memo <= LIMIT || entries(graph) + memo <= LIMIT);
  }

  /**
   * At least {@link #entries}, counting every entry point as an extra one: when that fits, the
   * exact count (a set of every entry point's key) is not needed.
   */
  private static long atMost(BindingGraph graph) {
    return FIXED
        + (long) PER_KEY * graph.resolutions().size()
        + (long) PER_REACHED * graph.childReach().size()
        + (long) PER_EXTRA_ENTRY * graph.factory().entryPoints().size();
  }

  /** About how many keys a class can hold: for messages. */
  public static int maxKeys() {
    return (LIMIT - FIXED) / PER_KEY;
  }
}
