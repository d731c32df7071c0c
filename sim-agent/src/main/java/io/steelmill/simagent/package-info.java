/**
 * The simulation agent: makes the time that simulated code reads virtual, and reports the
 * escapes of simulated tasks when they happen.
 *
 * <p>{@code -Dsteelmill.agent.verbose=true} prints, once, how many loaded classes were scanned
 * and retransformed and what installing took.
 *
 * <h2>Contract (for the kernel and for integrations such as steelmill-grpc)</h2>
 *
 * <ul>
 *   <li><b>What is rewritten.</b> In <em>every</em> class the JVM loads or has loaded, from any
 *       class loader and any module, the JDK's included: each call of {@code System.nanoTime()},
 *       {@code System.currentTimeMillis()} and {@code jdk.internal.misc.VM
 *       .getNanoTimeAdjustment(long)} (behind {@code Instant.now()}, {@code Clock.systemUTC()},
 *       {@code LocalDateTime.now()}), as an instruction or as a method reference ({@code
 *       System::nanoTime}), calls {@code java.lang.SteelmillVirtualClock} (a copy of {@code
 *       io.steelmill.simagent.boot.VirtualClock} the agent defines in {@code java.base})
 *       instead. So a
 *       library's deadlines (grpc-java's {@code Deadline}, Netty's timers when they run on a
 *       simulated task, {@code ScheduledThreadPoolExecutor}) are virtual without any change.
 *       Only the classes that call one of them change: the agent reads each class's constant
 *       pool ({@code ClockReads}) when it is loaded, and when it installs itself it retransforms
 *       only the already-loaded classes whose own class file references a clock read, plus those
 *       whose class file it cannot read (generated at run time, {@code LoadedClasses}), instead
 *       of all of them: installing costs about a second instead of tens inside a build tool.
 *   <li><b>Which time.</b> The answer depends only on the calling thread: a task of a running
 *       simulation reads that simulation's virtual time ({@code nanoTime}: virtual nanoseconds
 *       since the run began; the wall clock: the run's epoch plus that); any other thread reads
 *       the real clocks. A library thread of its own (a platform thread) is not simulated.
 *   <li><b>Randomness.</b> The JDK's own sources ({@code new Random()}'s seed, {@code
 *       Math.random}, {@code ThreadLocalRandom}'s per-thread seeds, {@code SecureRandom}'s bytes,
 *       the {@code defaultGen} of {@code SplittableRandom} and the {@code RandomGenerator}
 *       algorithms, {@code Collections.shuffle(list)}) ask the kernel first ({@code
 *       RandomHooks}): simulated code draws from the run's seed, any other thread as before.
 *   <li><b>Escapes.</b> {@code Thread.start} of a platform thread, {@code Object.wait}, a
 *       park that pins the carrier, work put on a {@code ForkJoinPool} from outside it, a delayed
 *       action on a {@code ForkJoinPool} ({@code CompletableFuture.orTimeout}), a task given to a
 *       {@code java.util.Timer}, work given to a {@code ThreadPoolExecutor} and a draw from a
 *       {@code java.util.Random} report to the kernel first, on the calling thread, which fails
 *       the run at that virtual instant when the caller is a simulated task and the kernel judges
 *       it an escape (a platform thread, the common pool, a pool's delay thread, a timer's
 *       thread, a pool or a Random its run did not make). The ends of the constructors of {@code
 *       Random}, {@code ThreadPoolExecutor} and {@code ForkJoinPool} report too, so the kernel
 *       knows which run made them.
 *   <li><b>What is not rewritten.</b> Reflective calls of those methods ({@code
 *       Method.invoke}, a {@code MethodHandle} looked up at run time), native code, classes of
 *       the agent's own package, and classes that read a clock but could not be rewritten (the
 *       JVM refused to redefine them: named on standard error, in one line at install). A class
 *       loaded before the agent is judged by the class file at its code source, so bytes a
 *       loader or another agent changed at load time (say, timing probes woven in) are not seen.
 *   <li><b>Installing.</b> {@code -javaagent:steelmill-sim-agent.jar}, {@code
 *       Launcher-Agent-Class: io.steelmill.simagent.SimAgent} in an executable jar, or nothing:
 *       the kernel calls {@link
 *       io.steelmill.simagent.SimAgent#ensureInstalled()} before a run, which attaches the
 *       agent to the running JVM, and fails the run in one line when that is impossible.
 * </ul>
 */
package io.steelmill.simagent;
