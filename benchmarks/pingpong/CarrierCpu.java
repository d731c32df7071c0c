import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Runs the examples' {@code Main} with the given arguments and prints, when the JVM exits, the CPU
 * time of the simulations' carrier threads. On a machine that other processes load, a run's wall
 * time says how busy the neighbours were; the carrier's own CPU time says how fast the simulation
 * itself ran (a simulation is one carrier thread), while the JIT compiles on the other core. So a
 * cold run is compared by this figure under load (BENCHMARKS.md, the sixth pass of issue 13 item
 * 6), and by its wall time only on an idle machine.
 *
 * <pre>
 * javac -d target/carrier-cpu benchmarks/pingpong/CarrierCpu.java
 * java --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.attach.allowAttachSelf=true \
 *   -XX:+EnableDynamicAgentLoading <more options> -cp "target/carrier-cpu:$CP" CarrierCpu \
 *   pingpong --nodes 5 --virtual 30m --seed 42
 * </pre>
 *
 * A watcher thread looks for threads named {@code steelmill-sim-carrier-*} (by id, without
 * stacks, so it stops no thread) and reads the CPU time of the current one every 2 ms; a carrier
 * that ended counts with its last reading, so the figure may miss up to 2 ms per run.
 */
public final class CarrierCpu {
  private static final String CARRIER = "steelmill-sim-carrier-";
  private static volatile long endedNanos;
  private static volatile long currentNanos;
  private static volatile int carriers;

  private CarrierCpu() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Thread watcher = new Thread(() -> watch(threads), "carrier-cpu-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
        "carrier CPU s: %.3f (%d carrier threads)%n",
        (endedNanos + currentNanos) / 1e9, carriers)));
    Class.forName("io.steelmill.examples.Main")
        .getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }

  private static void watch(ThreadMXBean threads) {
    long carrier = -1;
    while (true) {
      if (carrier < 0) {
        carrier = findCarrier(threads);
        if (carrier >= 0) {
          carriers++;
        }
      } else {
        long nanos = threads.getThreadCpuTime(carrier);
        if (nanos < 0) { // ended: keep its last reading
          endedNanos += currentNanos;
          currentNanos = 0;
          carrier = -1;
        } else {
          currentNanos = nanos;
        }
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long findCarrier(ThreadMXBean threads) {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
      if (info != null && info.getThreadName().startsWith(CARRIER)
          && info.getThreadState() != Thread.State.TERMINATED) {
        return info.getThreadId();
      }
    }
    return -1;
  }
}
