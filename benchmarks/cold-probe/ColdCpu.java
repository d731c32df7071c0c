import io.steelmill.benchmarks.graph.n1000.Contenders1000;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The first build of the N=1000 graph in a fresh JVM as {@code ColdStart} measures it (nothing
 * loaded before, the same call), in the main thread's CPU time as well as in wall time, for a
 * loaded machine where only CPU time compares (BENCHMARKS.md, "Issue 12, the first build, eighth
 * pass"): {@code ColdCpu <handWritten|steelmill>} prints the window's CPU microseconds, then its
 * wall microseconds. The thread-CPU clock is read once before the window, so that its own first
 * use (loading the management classes) is outside it. Run by {@code cold-ab.sh} with {@code
 * PROBE=ColdCpu}.
 */
public final class ColdCpu {
  private ColdCpu() {}

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    threads.getCurrentThreadCpuTime();
    long cpu = threads.getCurrentThreadCpuTime();
    long begin = System.nanoTime();
    Object graph =
        args[0].equals("steelmill") ? Contenders1000.steelmill() : Contenders1000.handWritten();
    long wall = System.nanoTime() - begin;
    cpu = threads.getCurrentThreadCpuTime() - cpu;
    System.out.println(args[0] + " " + cpu / 1000 + " " + wall / 1000 + " " + (graph != null));
  }
}
