import io.steelmill.benchmarks.graph.n1000.Contenders1000;

/**
 * The first build of the N=1000 graph as {@code ColdStart} measures it, printing where its window
 * lies on the clock {@code perf record -k CLOCK_MONOTONIC} stamps samples with ({@code
 * System.nanoTime()} reads it on Linux): {@code ColdWindow <handWritten|steelmill>} prints the
 * contender, the window's first and last nanosecond, whether it built, and the process id. {@code
 * cold-perf.sh} then keeps the samples of the main thread inside it (BENCHMARKS.md, "Issue 12, the
 * first build, ninth pass"). Nothing is loaded before the window that {@code ColdStart} would not
 * load.
 */
public final class ColdWindow {
  private ColdWindow() {}

  public static void main(String[] args) {
    long begin = System.nanoTime();
    Object graph =
        args[0].equals("steelmill") ? Contenders1000.steelmill() : Contenders1000.handWritten();
    long end = System.nanoTime();
    // the process id after the window: the perf map's file is named after it
    System.out.println(args[0] + " " + begin + " " + end + " " + (graph != null) + " "
        + ProcessHandle.current().pid());
  }
}
