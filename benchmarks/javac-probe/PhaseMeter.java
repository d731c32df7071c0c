import com.sun.management.OperatingSystemMXBean;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A javac plugin ({@code -Xplugin:PhaseMeter}, on the processor path) that prints, when the
 * compile ends, the main thread's CPU per javac phase ({@code PARSE=ms/events ...}, nested events
 * of a kind counted once), the main thread's and the process's CPU, and the CPU of every thread
 * by its name, read from {@code /proc/self/task} (Linux): the JIT compiler threads are not Java
 * threads and are two thirds of a fresh javac's CPU (BENCHMARKS.md, "Issue 12, javac, eighth
 * pass"). Used by {@code javac-probe.sh} with {@code PHASES=1}.
 */
public final class PhaseMeter implements Plugin {
  @Override
  public String getName() {
    return "PhaseMeter";
  }

  @Override
  public void init(JavacTask task, String... args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, long[]> spent = new TreeMap<>();
    Map<String, Long> started = new HashMap<>();
    Map<String, Integer> depth = new HashMap<>();
    long begin = threads.getCurrentThreadCpuTime();
    task.addTaskListener(new TaskListener() {
      @Override
      public void started(TaskEvent e) {
        String kind = e.getKind().name();
        if (depth.merge(kind, 1, Integer::sum) == 1) {
          started.put(kind, threads.getCurrentThreadCpuTime());
        }
      }

      @Override
      public void finished(TaskEvent e) {
        String kind = e.getKind().name();
        if (depth.merge(kind, -1, Integer::sum) == 0 && started.containsKey(kind)) {
          long[] total = spent.computeIfAbsent(kind, k -> new long[2]);
          total[0] += threads.getCurrentThreadCpuTime() - started.get(kind);
          total[1]++;
        }
        if (e.getKind() == TaskEvent.Kind.COMPILATION) {
          System.err.println(report(threads, spent, begin));
        }
      }
    });
  }

  private static String report(ThreadMXBean threads, Map<String, long[]> spent, long begin) {
    StringBuilder out = new StringBuilder("phases:");
    spent.forEach((kind, total) ->
        out.append(' ').append(kind).append('=').append(total[0] / 1_000_000).append('/')
            .append(total[1]));
    out.append(" main=").append((threads.getCurrentThreadCpuTime() - begin) / 1_000_000);
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.append(" proc=").append(os.getProcessCpuTime() / 1_000_000);
    Map<String, Long> byName = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path thread : tasks) {
        String stat = Files.readString(thread.resolve("stat"));
        int close = stat.lastIndexOf(')');
        String name = stat.substring(stat.indexOf('(') + 1, close)
            .replaceAll("[#0-9 ]+$", "").replace(' ', '_');
        String[] fields = stat.substring(close + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        byName.merge(name, ticks * 10, Long::sum); // USER_HZ 100: ms
      }
    } catch (Exception unreadable) {
      out.append(" threads-unreadable=").append(unreadable);
    }
    return out.append(" threads=").append(byName).toString();
  }
}
