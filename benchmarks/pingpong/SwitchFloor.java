import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under any simulation kernel built on virtual threads: the JDK's own cost of one task
 * switch (an unpark from the carrier, a mount, a park, an unmount) with a scheduler that does
 * nothing but run the continuation it was given. Two virtual threads park in turn on one carrier
 * thread; the loop unparks one, runs it until it parks again, and so on. pingpong makes about
 * 1.57 such switches per delivered message, so this floor times 1.57 is what a message costs
 * before the kernel, the network model and the example's own code add anything.
 *
 * <p>Run it on one core, with the options pingpong runs with, compiled first (run from source, its
 * class sits in the launcher's in-memory loader and measured several times slower here):
 *
 * <pre>
 * javac -d target/switch-floor benchmarks/pingpong/SwitchFloor.java
 * taskset -c 1 java -XX:ActiveProcessorCount=1 --add-opens java.base/java.lang=ALL-UNNAMED \
 *   -XX:+UnlockExperimentalVMOptions -XX:-DoJVMTIVirtualThreadTransitions \
 *   -cp target/switch-floor SwitchFloor [DEPTH]
 * </pre>
 *
 * DEPTH (default 0) adds that many plain Java frames under each park: the JDK copies the frames
 * of a parked task off the carrier's stack and back, so deeper stacks switch more slowly.
 */
public final class SwitchFloor {
  private static final long SWITCHES = 3_000_000;

  public static void main(String[] args) throws Exception {
    int depth = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    Constructor<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
        .getDeclaredConstructor(Executor.class);
    builder.setAccessible(true); // the JDK's test-only custom-scheduler builder, as the kernel's
    ArrayDeque<Runnable> runnable = new ArrayDeque<>();
    Executor scheduler = runnable::add;
    for (int round = 1; round <= 8; round++) {
      long[] count = {0};
      Thread[] tasks = new Thread[2];
      for (int i = 0; i < 2; i++) {
        tasks[i] = ((Thread.Builder.OfVirtual) builder.newInstance(scheduler))
            .unstarted(() -> parkInTurn(depth, count));
      }
      long start = System.nanoTime();
      tasks[0].start();
      tasks[1].start();
      int turn = 0;
      while (tasks[0].getState() != Thread.State.TERMINATED
          || tasks[1].getState() != Thread.State.TERMINATED) {
        for (Runnable next; (next = runnable.poll()) != null; ) {
          next.run();
        }
        if (count[0] >= SWITCHES) {
          LockSupport.unpark(tasks[0]);
          LockSupport.unpark(tasks[1]);
        } else {
          LockSupport.unpark(tasks[turn]);
          turn ^= 1;
        }
      }
      long nanos = System.nanoTime() - start;
      System.out.printf("round %d: %d switches, %.1f ns a switch%n",
          round, count[0], nanos / (double) count[0]);
    }
  }

  private static void parkInTurn(int depth, long[] count) {
    if (depth > 0) {
      parkInTurn(depth - 1, count);
      return;
    }
    while (count[0] < SWITCHES) {
      count[0]++;
      LockSupport.park();
    }
  }
}
