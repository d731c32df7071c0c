import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs the Steelmill processor inside javac and prints, after the last round, the CPU time and
 * the bytes allocated on its thread ({@code ThreadMXBean}) in {@code init} and in each round. On
 * a loaded machine the whole compile's time says how busy the neighbours were; these figures say
 * what the processor itself did, the allocation exactly (BENCHMARKS.md, "javac with the
 * processor, sixth pass"). Used by {@code javac-probe.sh}; give it on the processor path ahead of
 * the processor's classes, with {@code -processor ProcessorMeter}.
 */
public final class ProcessorMeter extends AbstractProcessor {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final Processor steelmill;
  private final StringBuilder rounds = new StringBuilder();
  private long cpuNanos;
  private long allocatedBytes;
  private int round;

  public ProcessorMeter() throws ReflectiveOperationException {
    steelmill =
        (Processor)
            Class.forName("io.steelmill.processor.SteelmillProcessor")
                .getDeclaredConstructor()
                .newInstance();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return steelmill.getSupportedAnnotationTypes();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return steelmill.getSupportedOptions();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return steelmill.getSupportedSourceVersion();
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    long cpu = THREADS.getCurrentThreadCpuTime();
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    steelmill.init(environment);
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocated;
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment environment) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long allocated = THREADS.getCurrentThreadAllocatedBytes();
    boolean claimed = steelmill.process(annotations, environment);
    long roundCpu = THREADS.getCurrentThreadCpuTime() - cpu;
    long roundAllocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
    cpuNanos += roundCpu;
    allocatedBytes += roundAllocated;
    round++;
    rounds.append(
        String.format(" round%d=%.1fms/%.2fMB", round, roundCpu / 1e6, roundAllocated / 1e6));
    if (environment.processingOver()) {
      System.err.printf(
          "processor: cpu_ms=%.1f allocated_mb=%.2f (init and%s)%n",
          cpuNanos / 1e6, allocatedBytes / 1e6, rounds);
    }
    return claimed;
  }
}
