import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the main thread's CPU samples of a first build by what the JVM was doing (BENCHMARKS.md,
 * "Issue 12, the first build, ninth pass"): reads {@code perf script -F ip,sym} of the samples
 * inside the window ({@code cold-perf.sh} selects them) from standard input, one call stack per
 * sample, and prints {@code <category>\t<ms>} per category, given the sampling period in
 * milliseconds. A sample counts once, for the first category its stack matches, in the order
 * below: the class file's parse and verification before the class loader's Java code that asked
 * for them, a class initializer (a generated class's binding table) before what it runs.
 * Interpreted frames are one blob to perf, so "interpreted" is every Java method run by the
 * interpreter (a first build runs nearly all of it so); natives called from Java, resolution
 * and the rest are the JVM's own code, named after the function on the stack.
 */
public final class PerfSplit {
  private PerfSplit() {}

  private static final Pattern RUNTIME_CALL = Pattern.compile("InterpreterRuntime::(\\w+)");
  private static final Pattern COMPILED = Pattern.compile("^\\S+ [\\w$.]+\\.[\\w$<>]+\\(");

  public static void main(String[] args) throws IOException {
    double periodMs = Double.parseDouble(args[0]);
    Map<String, Integer> counts = new TreeMap<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    List<String> frames = new ArrayList<>();
    for (String line = in.readLine(); ; line = in.readLine()) {
      if (line == null || line.isBlank()) {
        if (!frames.isEmpty()) {
          counts.merge(category(frames), 1, Integer::sum);
          counts.merge("total", 1, Integer::sum);
          frames.clear();
        }
        if (line == null) {
          break;
        }
        continue;
      }
      String frame = line.strip();
      int space = frame.indexOf(' ');
      frames.add(space < 0 ? frame : frame.substring(space + 1)); // the address, then the symbol
    }
    counts.forEach((name, n) -> System.out.printf("%s\t%.2f%n", name, n * periodMs));
  }

  /** What the sample whose stack is {@code frames} (the leaf first) was doing. */
  private static String category(List<String> frames) {
    String stack = String.join("\n", frames);
    String leaf = frames.get(0);
    if (stack.contains("ClassFileParser")) {
      return "parse";
    }
    if (stack.contains("Verifier::verify")) {
      return "verify";
    }
    if (stack.contains("link_class_impl")) {
      return "link (rewrite, vtables, method entries)";
    }
    if (stack.contains("inflate")) {
      return "inflate (reading the jar)";
    }
    if (stack.contains("call_class_initializer")) {
      return "class initializers (a binding table's parse)";
    }
    if (stack.split("JavaCalls::call_helper", -1).length > 2) {
      return "Java code called by the JVM (class loaders)";
    }
    if (leaf.startsWith("Interpreter")) {
      return "interpreted";
    }
    if (stack.contains("Unsafe_") || stack.contains("JVM_")) {
      return "natives called from Java";
    }
    Matcher call = RUNTIME_CALL.matcher(stack);
    if (call.find()) {
      return "interpreter runtime: " + call.group(1);
    }
    if (stack.contains("SharedRuntime") || leaf.contains("I2C") || leaf.contains("C2I")) {
      return "calls from compiled code";
    }
    if (COMPILED.matcher(leaf).find()) {
      return "compiled";
    }
    return "other (kernel, libc, the JVM)";
  }
}
