package io.steelmill.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.runtime.FactoryException;
import io.steelmill.runtime.NodeState;
import io.steelmill.runtime.NodeStoppingException;
import io.steelmill.runtime.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hostile case, run and checked: the faults, who closes the node and how, and the
 * invariants every case must keep (bounded close, exactly-once reverse stop, every fault named
 * exactly once, nothing self-suppressed).
 */
final class HostileCase {

  /** Who closes the node, and how. */
  enum Closer {
    SEQUENTIAL, // try (node) { node.start(); } as the README shows it
    CONCURRENT, // close() from another thread while start() runs
    TWICE, // close() twice in a row
    INTERRUPTED_CALLER // the thread calling start() and close() is interrupted
  }

  /** Time and threads, real or simulated. */
  interface Env {
    long nanos();

    Thread spawn(String name, Runnable body);

    void await(java.util.concurrent.CountDownLatch latch) throws InterruptedException;

    /** How far past the bound a close() may return: zero in virtual time. */
    Duration slack();

    /**
     * The node's grace period: what a hung call costs, and how long a call that is not hung may
     * take before it is reported as hung (in real time, on a loaded machine, longer than 100 ms).
     */
    Duration grace();
  }

  private final List<Script.Fault> faults;
  private final Closer closer;
  private final Env env;
  private final Script script;
  private final SteelmillHostile node;
  private final List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> closeNanos = Collections.synchronizedList(new ArrayList<>());
  private volatile Throwable startError;
  private volatile Throwable buildError;
  private Thread builder;

  HostileCase(List<Script.Fault> faults, Closer closer, Env env) {
    this.faults = faults;
    this.closer = closer;
    this.env = env;
    this.script = new Script(faults);
    this.node = SteelmillHostile.create("h");
    node.setGracePeriod(env.grace());
    node.inject(Script.class, script);
    script.node(node);
  }

  @Override
  public String toString() {
    return faults + " closed " + closer;
  }

  /** Runs the case, then checks every invariant. */
  void runAndCheck() throws Exception {
    build();
    drive();
    // every wait of the node is bounded: it terminates even with its hangs still hanging
    assertThat(node.awaitTermination(Duration.ofSeconds(60))).as("terminated").isTrue();
    script.release(); // no thread outlives the case
    if (builder != null) {
      builder.join();
    }
    close(); // what was found in the background after close() gave up, if anything
    check();
  }

  private void build() throws InterruptedException {
    if (faults.stream().anyMatch(f -> f.phase().equals("construct") && hangs(f.kind()))) {
      builder = env.spawn("builder", this::buildQuietly);
      script.awaitFired();
    } else {
      buildQuietly();
      if (buildError != null && buildError.getCause() instanceof InterruptedException) {
        assertThat(Thread.interrupted()).as("a constructor's interrupt is kept").isTrue();
      }
    }
  }

  private void buildQuietly() {
    try {
      node.d3();
    } catch (Throwable e) {
      buildError = e;
    }
  }

  private void drive() throws Exception {
    switch (closer) {
      case SEQUENTIAL, TWICE -> {
        tryWithResources(false);
        if (closer == Closer.TWICE) {
          close();
        }
      }
      case CONCURRENT -> {
        Thread other = env.spawn("closer", this::close);
        start(false);
        other.join();
      }
      case INTERRUPTED_CALLER -> {
        Thread.currentThread().interrupt();
        tryWithResources(true);
        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
      }
      default -> throw new AssertionError(closer);
    }
  }

  /** What {@code try (node) { node.start(); }} does, with the close timed. */
  private void tryWithResources(boolean interrupted) throws InterruptedException {
    Throwable caught = start(!interrupted && faults.size() == 1);
    Throwable closing = closeOnce();
    if (caught != null && closing != null) {
      caught.addSuppressed(closing); // throws IllegalArgumentException on self-suppression
    }
  }

  private Throwable start(boolean awaitRunFault) throws InterruptedException {
    try {
      node.start();
      if (awaitRunFault && faults.get(0).phase().equals("run")) {
        script.awaitFired(); // the fault happens while running, not while stopping
      }
      return null;
    } catch (Throwable e) {
      startError = e;
      thrown.add(e);
      return e;
    }
  }

  private void close() {
    closeOnce();
  }

  private Throwable closeOnce() {
    long begin = env.nanos();
    try {
      node.close();
      return null;
    } catch (Throwable e) {
      thrown.add(e);
      return e;
    } finally {
      closeNanos.add(env.nanos() - begin);
    }
  }

  // ---- the invariants -----------------------------------------------------------------------

  private void check() {
    for (Throwable e : thrown) {
      assertThat(e).as("thrown").isNotInstanceOf(IllegalArgumentException.class);
    }
    Duration grace = env.grace();
    Duration margin = grace.compareTo(Duration.ofSeconds(1)) < 0 ? grace : Duration.ofSeconds(1);
    Duration bound = grace.plus(margin).plus(env.slack());
    boolean hung = faults.stream().anyMatch(f -> hangs(f.kind()) && firedIn(f));
    for (long nanos : closeNanos) {
      assertThat(Duration.ofNanos(nanos)).as("close() duration").isLessThanOrEqualTo(bound);
      if (!hung && env.slack().isZero()) { // in virtual time, only a hang may make close() wait
        assertThat(nanos).as("virtual nanoseconds close() waited with nothing hung").isZero();
      }
    }
    List<FactoryException> reported = walk();
    checkNoneLost(reported);
    checkNamed(reported);
    checkFaultsReported(reported);
    checkStops();
    checkStart();
    NodeState end = node.failure().isPresent() ? NodeState.FAILED : NodeState.TERMINATED;
    assertThat(node.state()).as("final state").isEqualTo(end);
  }

  /** Every error thrown by start() and close() calls, each once (identity), none twice. */
  private List<FactoryException> walk() {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    List<FactoryException> errors = new ArrayList<>();
    List<Throwable> queue = new ArrayList<>(thrown);
    while (!queue.isEmpty()) {
      Throwable next = queue.remove(0);
      assertThat(seen.put(next, true)).as("reported twice: " + next).isNull();
      if (next instanceof FactoryException e) {
        errors.add(e);
      }
      queue.addAll(List.of(next.getSuppressed()));
    }
    return errors;
  }

  private void checkNoneLost(List<FactoryException> reported) {
    Set<Throwable> thrownSet = Collections.newSetFromMap(new IdentityHashMap<>());
    thrownSet.addAll(reported);
    FactoryException summary = node.failure().orElse(null);
    if (summary != null) {
      List<Throwable> all = new ArrayList<>(List.of(summary.getSuppressed()));
      all.add(summary);
      for (Throwable error : all) {
        assertThat(thrownSet).as("kept but never thrown: " + error).contains(error);
      }
    }
  }

  private void checkNamed(List<FactoryException> reported) {
    for (FactoryException e : reported) {
      assertThat(e.node()).isEqualTo("h");
      assertThat(e.daemon()).matches("Hostile\\.D[0-3]");
      assertThat(e.phase()).isNotNull();
      assertThat(e.getMessage())
          .contains("Daemon " + e.daemon() + " of node \"h\" failed in phase " + e.phase());
      if (e.getCause() == null) { // a hang: the report has the thread and its stack
        assertThat(e.getMessage()).contains("; thread ").contains(" is at:").contains("Fix: ");
      }
    }
  }

  /** Each fault that fired and must be reported is reported exactly once; nothing else is. */
  private void checkFaultsReported(List<FactoryException> reported) {
    List<String> required = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    Set<Integer> fired = Set.copyOf(script.positions("fault"));
    for (Script.Fault fault : faults) {
      if (!fired.contains(fault.position()) || !firedIn(fault)) {
        continue;
      }
      String key = key(fault);
      if (fault.phase().equals("construct") && !hangs(fault.kind())) {
        if (mustReport(fault)) {
          checkConstructionError(fault);
        }
      } else if (mustReport(fault)) {
        required.add(key);
      } else if (fault.phase().equals("run") && fault.kind() == Script.Kind.INTERRUPTED) {
        allowed.add(key); // while stopping, an interrupted run() is the stop, not a failure
      }
    }
    if (faults.stream().anyMatch(f -> hangs(f.kind()) && firedIn(f))) {
      for (int position = 0; position < 4; position++) { // run() calls queued behind a hang
        allowed.add("Hostile.D" + position + " run-hang");
      }
    }
    List<String> keys = reported.stream().map(HostileCase::key).toList();
    for (String key : required) {
      assertThat(keys).as("reported once: " + key).containsOnlyOnce(key);
    }
    for (String key : keys) {
      assertThat(required.contains(key) || allowed.contains(key)).as("unexpected: " + key).isTrue();
    }
  }

  private boolean firedIn(Script.Fault fault) {
    return script.events().contains("fault D" + fault.position() + " " + fault.phase());
  }

  private void checkConstructionError(Script.Fault fault) {
    assertThat(buildError).isInstanceOfSatisfying(FactoryException.class, e -> {
      assertThat(e.daemon()).isEqualTo("Hostile.D" + fault.position());
      assertThat(e.phase()).isEqualTo(Phase.CONSTRUCT);
    });
  }

  private static boolean mustReport(Script.Fault fault) {
    return switch (fault.kind()) {
      case THROWS, THROWS_ERROR, HANGS, HANGS_INTERRUPTIBLY -> true;
      case INTERRUPTED -> !fault.phase().equals("run");
      default -> false;
    };
  }

  private static String key(Script.Fault fault) {
    String phase = fault.phase().equals("run") && hangs(fault.kind()) ? "run-hang" : fault.phase();
    return "Hostile.D" + fault.position() + " " + phase;
  }

  /** A report's key: a run() that outlived the stop is reported in phase stop, as run(). */
  private static String key(FactoryException e) {
    boolean runHang = e.getCause() == null && e.getMessage().contains("failed in phase stop: run()");
    return e.daemon() + " " + (runHang ? "run-hang" : e.phase().toString());
  }

  static boolean hangs(Script.Kind kind) {
    return kind == Script.Kind.HANGS || kind == Script.Kind.HANGS_INTERRUPTIBLY;
  }

  /** stop() called exactly once for each daemon whose prepare() returned, in reverse order. */
  private void checkStops() {
    List<Integer> prepared = new ArrayList<>(script.positions("prepared"));
    for (Script.Fault fault : faults) { // a prepare() given up as hung returned too late to count
      if (fault.phase().equals("prepare") && hangs(fault.kind()) && firedIn(fault)) {
        prepared.remove(Integer.valueOf(fault.position()));
      }
    }
    Collections.reverse(prepared);
    assertThat(script.positions("stop")).as("stop() calls").isEqualTo(prepared);
  }

  /** With one fault and an ordinary caller, start() ends exactly as documented. */
  private void checkStart() {
    if (faults.size() != 1 || closer == Closer.CONCURRENT) {
      return;
    }
    Script.Fault fault = faults.get(0);
    boolean reentrant = fault.kind() == Script.Kind.STOPS_REENTRANTLY
        || fault.kind() == Script.Kind.CLOSES_REENTRANTLY;
    switch (fault.phase()) {
      case "construct" -> {
        if (reentrant) {
          assertThat(startError).isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("to be NEW");
        } else if (hangs(fault.kind())) {
          assertThat(startError).isInstanceOfSatisfying(FactoryException.class,
              e -> assertThat(e.phase()).isEqualTo(Phase.CONSTRUCT));
        } else {
          assertThat(startError).isNull();
        }
      }
      case "prepare" -> {
        if (reentrant) {
          assertThat(startError).isInstanceOf(NodeStoppingException.class)
              .hasMessageContaining("was cancelled");
        } else {
          assertThat(startError).isInstanceOfSatisfying(FactoryException.class, e -> {
            assertThat(e.daemon()).isEqualTo("Hostile.D" + fault.position());
            assertThat(e.phase()).isEqualTo(Phase.PREPARE);
          });
        }
      }
      default -> assertThat(startError).isNull();
    }
  }
}
