package io.steelmill.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method inside a deterministic simulation, once per seed (shown as {@code seed=N}).
 * The method body is the simulation's main task; its parameters may be the {@code Simulation},
 * the {@code SimCluster} of {@link #factory()}, or, with {@link Host}, a node or one of a node's
 * daemons. The cluster is started before the body and stopped after it.
 *
 * <pre>{@code
 * @SimulationTest(factory = PingPong.class, nodes = 3, seeds = 50)
 * void pongsArrive(Simulation sim, @Host("n0") Stats stats) throws Exception {
 *   sim.sleep(Duration.ofSeconds(10));
 *   assertThat(stats.answered()).isPositive();
 * }
 * }</pre>
 *
 * <p>On a failure it prints the seed, the virtual time, the exact command that replays it, the
 * last trace events and the blocked tasks, and writes the same report under {@code
 * target/steelmill-reports/}. System properties: {@code -Dsteelmill.seed=N} replays one seed,
 * {@code -Dsteelmill.seeds=K} changes the count.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(SimulationExtension.class)
public @interface SimulationTest {
  /**
   * How many seeds: {@code 1..seeds} (shifted by {@link #baseSeed()}), from 1 to 1,000,000 (also
   * for {@code -Dsteelmill.seeds}); split a larger sweep into shards.
   */
  int seeds() default 20;

  /** Added to every seed number. */
  long baseSeed() default 0;

  /** The virtual time a run may take: {@code 10m}, {@code 30s}, {@code 1h}. */
  String maxVirtualTime() default "10m";

  /**
   * Runs the first seed twice and compares the traces; on a difference, fails with the first
   * differing event (a hash-order iteration, a static leaking between runs).
   */
  boolean checkDeterminism() default true;

  /** The {@code @Factory} interface whose nodes form the cluster; {@code void}: no cluster. */
  Class<?> factory() default void.class;

  /** How many hosts, named {@code n0, n1, ...}. */
  int nodes() default 3;

  /**
   * The model ({@code register}, {@code cas-register}, {@code kv}) that the history recorded
   * through a {@code History} parameter is checked against after each seed; empty: no check. A
   * history that is not linearizable (or not decided within {@link #checkTimeout()}) fails the
   * seed, and its EDN and the verdict are written beside the report.
   */
  String linearizable() default "";

  /** How long the linearizability check of one seed's history may take. */
  String checkTimeout() default "60s";

  /**
   * Whether BUGGIFY sites may fire (each seed switches on a quarter of the sites its code calls,
   * see {@code io.steelmill.platform.Buggify}).
   */
  boolean buggify() default true;

  /**
   * Replays a failing seed may use to shrink its faults (0: no shrinking). The report then names
   * the fewest faults that still fail it the same way, and the command that replays just those
   * ({@code -Dsteelmill.faults=f3,b7}); a picture of that run ({@code seed-N.html}) is written
   * beside the report.
   */
  int shrinkBudget() default 100;
}
