package io.steelmill.runtime;

/**
 * The phases of a daemon, driven by the {@link Node} that built it. Every method defaults to a
 * no-op, so a daemon implements only the phases it needs.
 *
 * <p>The order is the contract:
 *
 * <ol>
 *   <li>{@link #prepare()} is called in construction order, which is a topological order of the
 *       dependency graph: a daemon is prepared after everything it depends on. No daemon's {@link
 *       #run()} starts before every daemon of its node is prepared.
 *   <li>{@link #run()} is called on its own virtual thread, named {@code <node>/<daemon>},
 *       concurrently with every other daemon's, in no order.
 *   <li>{@link #stop()} is called in reverse construction order, so a daemon is stopped before
 *       its dependencies. After the last {@code stop()} the node waits for every {@code run()} to
 *       return.
 * </ol>
 *
 * <p>A {@code run()} that throws stops its node, and every node of its cluster. A {@code
 * prepare()} that throws stops, in reverse order, every daemon already prepared. Every error is
 * kept, wrapped in a {@link FactoryException} naming the node, the daemon and the phase.
 *
 * <p>Each call is bounded by the node's {@linkplain Node#setGracePeriod grace period}: a {@code
 * prepare()} or {@code stop()} that has not returned by then, or a {@code run()} that has not
 * returned that long after its {@code stop()}, is reported with its thread's stack and
 * interrupted, and the node goes on without it. Honour interrupts, and never wait in {@code
 * stop()} for {@code run()} to return.
 */
public interface Lifecycle {

  /**
   * Gets ready to accept calls: open files, bind sockets, load state. Dependencies are already
   * prepared. After this returns, other daemons may call into this one.
   */
  default void prepare() throws Exception {}

  /**
   * Does the daemon's work until {@link #stop()} asks it to quiesce. Returns only when nothing is
   * outstanding: new requests get a cancellation error. Returning early is allowed (a daemon with
   * no background work returns at once); throwing stops the node.
   */
  default void run() throws Exception {}

  /**
   * Asks the daemon to quiesce: stop admitting work and make outstanding requests end or fail
   * fast. Called once, from the stopping thread, after every daemon that depends on this one was
   * stopped; it should not block on {@link #run()} returning, which the node awaits afterwards.
   */
  default void stop() throws Exception {}
}
