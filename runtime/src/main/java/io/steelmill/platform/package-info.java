/**
 * The interfaces daemon code uses instead of the JDK's sources of nondeterminism: {@link
 * io.steelmill.platform.Clock}, {@link io.steelmill.platform.RandomSource}, {@link
 * io.steelmill.platform.Daemons} (threads and executors), {@link io.steelmill.platform.Network},
 * {@link io.steelmill.platform.Disk} and {@link io.steelmill.platform.LeaseService}. Users inject
 * only the interface, and the build mode picks. The production network authenticates every peer
 * ({@link io.steelmill.platform.ClusterSecret}) and budgets every buffer ({@link
 * io.steelmill.platform.TcpLimits}); names that reach a file system are checked by {@code Names}.
 *
 * <h2>Production and simulated bindings</h2>
 *
 * <p>Each interface names its production implementation, in this package: {@code
 * @Production(SystemClock.class)}. Its simulated one lives in the simulator, {@code
 * steelmill-sim}, which depends on this artifact, not the other way round: the interface says
 * only {@code @Simulation(bySimulator = true)}, so this package (and the production jar) names no
 * simulator class. In a simulation build the annotation processor looks up the simulator's
 * platform module by its one well-known name, {@code io.steelmill.sim.SimulatedPlatform}, and
 * binds the interface with its {@code @Simulation @Provides} method. A production build without
 * {@code steelmill-sim} still validates the simulation graph (it trusts the simulator's bindings);
 * a simulation build without it fails with one error, {@code [Steelmill/SimulatorMissing]}, whose
 * {@code Fix:} line names the dependency to add.
 *
 * <h2>Adding a platform interface</h2>
 *
 * <p>For a new interface {@code Buggify}, with a production implementation that never injects a
 * fault and a simulated one that does:
 *
 * <ol>
 *   <li>here: {@code @Production(NoBuggify.class) @Simulation(bySimulator = true) public
 *       interface Buggify}, and the {@code @Ambient @Daemon @Production} class {@code NoBuggify};
 *   <li>in {@code steelmill-sim}, package {@code io.steelmill.sim}: the {@code @Ambient @Daemon
 *       @Simulation} class {@code SimBuggify implements Buggify};
 *   <li>in {@code SimulatedPlatform}: {@code @Simulation @Provides public static Buggify
 *       buggify(SimBuggify buggify) { return buggify; }}.
 * </ol>
 *
 * <p>Nothing else changes: the processor finds the method by its return type, and {@code
 * RuntimeHoldsNoSimulatorTest} fails if this package ever names the simulator again.
 */
package io.steelmill.platform;
