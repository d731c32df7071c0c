package io.steelmill.sim;

import io.steelmill.platform.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every fault a run injects, each with an identity that is stable within its seed: the kind's
 * letter and the ordinal of the decision within that kind ({@code f3}: the nemesis's third
 * fault). The ledger also applies the run's {@link FaultMask}: a fault the mask leaves out is
 * counted (so later faults keep their ordinals) but not applied, and the trace says so. The
 * nemesis, the simulated network and {@link SimBuggify} ask it before each fault.
 *
 * <p>Ordinals per kind, not one global counter: the nemesis draws from its own stream, so its
 * n-th fault stays the n-th when a replay leaves out message drops that change everything else.
 */
public final class FaultLedger {
  /** The kinds of injected faults and their letters in fault ids. */
  public enum Kind {
    /** A nemesis event: crash, partition, pause, clock skew, lease expiry. */
    NEMESIS('f'),
    /** A BUGGIFY site firing. */
    BUGGIFY('b'),
    /** A message lost by the network's drop probability. */
    DROP('d'),
    /** A message delivered twice by the network's duplicate probability. */
    DUPLICATE('c');

    private final char letter;

    Kind(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }

    /** The kind with this letter, or null. */
    public static Kind of(char letter) {
      for (Kind kind : values()) {
        if (kind.letter == letter) {
          return kind;
        }
      }
      return null;
    }

    /** The letters, for messages: {@code n (nemesis), b (buggify), ...}. */
    static String letters() {
      StringBuilder text = new StringBuilder();
      for (Kind kind : values()) {
        text.append(text.isEmpty() ? "" : ", ").append(kind.letter).append(" ")
            .append(kind.name().toLowerCase(java.util.Locale.ROOT));
      }
      return text.toString();
    }
  }

  /**
   * One injected fault.
   *
   * @param id the identity, e.g. {@code f3}
   * @param kind its kind
   * @param time virtual nanoseconds when it was injected
   * @param node the node it struck ("" for cluster-wide faults)
   * @param what what it did, as the trace says it
   * @param applied false when the run's mask left it out
   */
  public record Fault(String id, Kind kind, long time, String node, String what,
      boolean applied) {}

  /**
   * The fault options of a run.
   *
   * @param mask which faults apply
   * @param buggify whether BUGGIFY sites may fire at all
   * @param timeline whether to record a {@link Timeline} of messages and faults (for pictures)
   */
  public record Options(FaultMask mask, boolean buggify, boolean timeline) {
    /** Every fault, BUGGIFY on, no timeline: a normal run. */
    public static final Options DEFAULT = new Options(FaultMask.ALL, true, false);

    public Options {
      java.util.Objects.requireNonNull(mask, "mask");
    }
  }

  /** The share of BUGGIFY sites a seed switches on. */
  public static final double SITE_ACTIVATION = 0.25;

  /** Faults kept in {@link #faults()}; later ones are counted and masked, not listed. */
  static final int RECORD_BUDGET = 100_000;

  private final Simulation sim;
  private final Options options;
  private final Timeline timeline;
  private final int[] ordinals = new int[Kind.values().length];
  /** What {@link #faults()} lists, kept compact: most are message drops in a long run. */
  private final List<Recorded> faults = new ArrayList<>();
  private final Map<String, Site> sites = new HashMap<>();
  private long applied;
  private long suppressed;

  FaultLedger(Simulation sim, Options options) {
    this.sim = sim;
    this.options = options;
    this.timeline = options.timeline() ? new Timeline() : null;
  }

  /** The timeline of this run, or null when the options did not ask for one. */
  public Timeline timeline() {
    return timeline;
  }

  public Options options() {
    return options;
  }

  /** The faults injected so far (applied or left out by the mask), in order; bounded. */
  public List<Fault> faults() {
    return faults.stream().map(Recorded::fault).toList();
  }

  /** The ids of the faults that were applied, in order: what a shrinker starts from. */
  public List<String> appliedIds() {
    return faults.stream().filter(recorded -> recorded.applied).map(Recorded::id).toList();
  }

  /** How many faults were applied. */
  public long applied() {
    return applied;
  }

  /** How many faults the mask left out. */
  public long suppressed() {
    return suppressed;
  }

  /**
   * Gives the next fault of {@code kind} its identity and says whether it applies; records it,
   * and traces a left-out one (only a masked run has those, so normal traces do not change).
   */
  boolean admit(Kind kind, String node, String what) {
    return admit(kind, node, what, null, null);
  }

  /**
   * {@link #admit(Kind, String, String)} for a message fault ({@link Kind#DROP}, {@link
   * Kind#DUPLICATE}) on {@code from -> to}: its description is built only when asked for (a long
   * run drops tens of thousands of messages, and the ledger keeps them).
   */
  boolean admitMessage(Kind kind, Address from, Address to) {
    return admit(kind, from.node(), null, from, to);
  }

  private boolean admit(Kind kind, String node, String what, Address from, Address to) {
    int ordinal = ++ordinals[kind.ordinal()];
    FaultMask mask = options.mask();
    boolean applies = mask.isAll() || mask.allows(idOf(kind, ordinal));
    Recorded recorded = new Recorded(kind, ordinal, sim.nanoTime(), node, what, from, to, applies);
    if (faults.size() < RECORD_BUDGET) {
      faults.add(recorded);
    }
    if (applies) {
      applied++;
    } else {
      suppressed++;
      sim.trace("fault suppressed " + recorded.id() + " " + recorded.what());
    }
    return applies;
  }

  private static String idOf(Kind kind, int ordinal) {
    return String.valueOf(kind.letter) + ordinal;
  }

  /** A fault as the ledger keeps it: its id and text are built when listed. */
  private record Recorded(Kind kind, int ordinal, long time, String node, String text,
      Address from, Address to, boolean applied) {
    String id() {
      return idOf(kind, ordinal);
    }

    String what() {
      return text != null ? text
          : (kind == Kind.DROP ? "drop " : "duplicate ") + from + " -> " + to;
    }

    Fault fault() {
      return new Fault(id(), kind, time, node, what(), applied);
    }
  }

  /** Uses up the next ordinal of {@code kind} for a decision that was no fault this time. */
  void skip(Kind kind) {
    ordinals[kind.ordinal()]++;
  }

  /** The id the last admitted fault of {@code kind} got. */
  String lastId(Kind kind) {
    return idOf(kind, ordinals[kind.ordinal()]);
  }

  /**
   * A nemesis fault on {@code nodes} (empty: cluster-wide) is about to start: its handle, or null
   * when the mask leaves it out. The caller ends the handle when the fault heals.
   */
  Ongoing begin(String type, List<String> nodes, String what) {
    if (!admit(Kind.NEMESIS, nodes.size() == 1 ? nodes.get(0) : "", what)) {
      return null;
    }
    Timeline.Span span = timeline == null ? null
        : timeline.span(type, nodes, sim.nanoTime(), what, lastId(Kind.NEMESIS));
    return new Ongoing(span);
  }

  /** A started fault; {@link #end} marks when it healed (a restart, a heal, a resume). */
  final class Ongoing {
    private final Timeline.Span span;

    private Ongoing(Timeline.Span span) {
      this.span = span;
    }

    void end() {
      endAt(sim.nanoTime());
    }

    void endAt(long time) {
      if (span != null) {
        span.end(time);
      }
    }
  }

  /** The BUGGIFY decision for {@code site} (see {@link SimBuggify}). */
  boolean buggify(String site, double probability) {
    if (!options.buggify()) {
      return false;
    }
    Site state = sites.get(site);
    if (state == null) {
      SimBuggify.refuseInInitializer(sim, site); // before the site's first trace line
      state = site(site);
      sites.put(site, state);
    }
    if (!state.active) {
      return false;
    }
    SimBuggify.refuseInInitializer(sim, site); // before a draw of its firing stream
    if (!state.firing.chance(probability)) {
      return false;
    }
    String node = sim.node();
    String what = "buggify " + site + (node.isEmpty() ? "" : " on " + node);
    if (!admit(Kind.BUGGIFY, node, what)) {
      return false;
    }
    String id = lastId(Kind.BUGGIFY);
    sim.trace(what + " [" + id + "]");
    if (timeline != null) {
      timeline.span("buggify", node.isEmpty() ? List.of() : List.of(node), sim.nanoTime(), what,
          id);
    }
    return true;
  }

  /**
   * Whether {@code site} is on for this seed, from the seed and the site's name alone (not from
   * the order sites are first called in), and its own stream of firing decisions.
   */
  private Site site(String name) {
    boolean active = sim.random("buggify-site/" + name).nextDouble() < SITE_ACTIVATION;
    sim.trace("buggify site " + name + (active ? " on" : " off"));
    return new Site(active, sim.random("buggify/" + name));
  }

  /** Whether the seed switched the site on, and its firing stream. */
  private record Site(boolean active, SplitMix64 firing) {}

  /** Which sites this seed switched on, by name, in name order. */
  public Map<String, Boolean> sites() {
    Map<String, Boolean> result = new java.util.TreeMap<>();
    sites.forEach((name, site) -> result.put(name, site.active));
    return result;
  }
}
