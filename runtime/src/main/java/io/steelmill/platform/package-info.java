/**
 * The interfaces daemon code uses instead of the JDK's sources of nondeterminism: {@link
 * io.steelmill.platform.Clock}, {@link io.steelmill.platform.RandomSource}, {@link
 * io.steelmill.platform.Daemons} (threads and executors) and {@link
 * io.steelmill.platform.Network}. Each names its {@code @Production} implementation (real time,
 * real threads, TCP) and its {@code @Simulation} one (in {@link io.steelmill.sim}); users inject
 * only the interface, and the build mode picks. The production network authenticates every
 * peer ({@link io.steelmill.platform.ClusterSecret}) and budgets every buffer ({@link
 * io.steelmill.platform.TcpLimits}); names that reach a file system are checked by {@code Names}.
 */
package io.steelmill.platform;
