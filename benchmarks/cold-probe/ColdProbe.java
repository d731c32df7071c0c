import io.steelmill.benchmarks.graph.n1000.Contenders1000;
import io.steelmill.benchmarks.graph.n1000.SteelmillGraph1000;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The first build of the N=1000 graph in a fresh JVM, phase by phase, in the main thread's CPU
 * time (BENCHMARKS.md, "javac and the first build, construct by construct"): {@code ColdProbe
 * <handWritten|steelmill>} prints the CPU microseconds of (1) loading the 1,000 daemon classes,
 * which both contenders need, (2) loading the wiring class (parsing), (3) linking and initializing
 * it (verification, static initializer), (4) creating a node that builds nothing (Steelmill
 * only: the runtime's classes), (5) the build itself (for Steelmill a second node, every entry
 * point called once, as {@code ColdStart} does). Run by {@code cold-probe.sh}.
 */
public final class ColdProbe {
  private ColdProbe() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ClassLoader loader = ColdProbe.class.getClassLoader();
    String wiring = "io.steelmill.benchmarks.graph.n1000."
        + (args[0].equals("steelmill") ? "SteelmillGraph1000" : "HandWritten1000");
    long t0 = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < 1000; i++) {
      Class.forName("io.steelmill.benchmarks.graph.n1000.C" + i, true, loader);
    }
    long t1 = threads.getCurrentThreadCpuTime();
    Class<?> type = Class.forName(wiring, false, loader);
    long t2 = threads.getCurrentThreadCpuTime();
    Class.forName(wiring, true, loader);
    long t3 = threads.getCurrentThreadCpuTime();
    if (args[0].equals("steelmill")) {
      SteelmillGraph1000.create(); // a node, built by nobody: the runtime's classes, loaded
    }
    long t4 = threads.getCurrentThreadCpuTime();
    Object graph = args[0].equals("steelmill") ? Contenders1000.steelmill() : Contenders1000.handWritten();
    long t5 = threads.getCurrentThreadCpuTime();
    System.out.println(args[0] + " " + (t1 - t0) / 1000 + " " + (t2 - t1) / 1000 + " "
        + (t3 - t2) / 1000 + " " + (t4 - t3) / 1000 + " " + (t5 - t4) / 1000 + " "
        + (graph.getClass() == type));
  }
}
