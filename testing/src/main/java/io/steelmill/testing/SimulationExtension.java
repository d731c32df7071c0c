package io.steelmill.testing;

import io.steelmill.platform.Durations;
import io.steelmill.sim.FaultLedger;
import io.steelmill.sim.FaultMask;
import io.steelmill.sim.Shard;
import io.steelmill.sim.SimCluster;
import io.steelmill.sim.SimResult;
import io.steelmill.sim.Simulation;
import io.steelmill.sim.Trace;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Drives {@link SimulationTest}: one invocation per seed, each run inside a simulation. */
public final class SimulationExtension implements TestTemplateInvocationContextProvider {
  static final String SEED_PROPERTY = "steelmill.seed";
  static final String SEEDS_PROPERTY = "steelmill.seeds";
  static final String SHARD_PROPERTY = "steelmill.shard";
  static final String FAULTS_PROPERTY = "steelmill.faults";

  /**
   * A setting from the JUnit configuration parameters (launcher, {@code
   * junit-platform.properties}) or else a system property; {@code fallback} when neither has it.
   */
  static String setting(ExtensionContext context, String key, String fallback) {
    String value = context.getConfigurationParameter(key).orElse(System.getProperty(key));
    if (value != null && value.isBlank()) {
      // an unset variable in a CI template (-Dsteelmill.shard=$SHARD) must not run every seed
      throw new org.junit.platform.commons.PreconditionViolationException("-D" + key
          + " is empty: set a value" + (key.equals(SHARD_PROPERTY) ? " I/N (0/4 for the first of"
          + " four)" : "") + ", or leave the property out for the default");
    }
    return value == null ? fallback : value.trim();
  }

  /** A setting that is {@code true} or {@code false} exactly: {@code yes} is a mistake. */
  static boolean flag(ExtensionContext context, String key, boolean fallback) {
    String value = setting(context, key, String.valueOf(fallback));
    if (!value.equals("true") && !value.equals("false")) {
      throw new org.junit.platform.commons.PreconditionViolationException(
          "-D" + key + " is true or false, not \"" + value + "\"");
    }
    return value.equals("true");
  }

  /**
   * A whole number in ASCII digits, with an optional minus sign: {@code Long.parseLong} also
   * takes other scripts' digits and a plus sign, which are typos here, not seeds.
   */
  private static long number(String key, String text) {
    try {
      if (!text.matches("-?[0-9]{1,19}")) {
        throw new NumberFormatException();
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new org.junit.platform.commons.PreconditionViolationException(
          "-D" + key + " must be a whole number" + (key.equals(SEEDS_PROPERTY) ? " from 1 to "
          + SimulationSetup.MAX_SEEDS : "") + ", not \"" + clip(text) + "\"");
    }
  }

  private static String clip(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }

  /** The shard this run takes ({@code -Dsteelmill.shard=I/N}): seeds s with s mod N = I. */
  static Shard shard(ExtensionContext context) {
    String text = setting(context, SHARD_PROPERTY, null);
    if (text == null) {
      return Shard.ALL;
    }
    try {
      return Shard.parse(text);
    } catch (IllegalArgumentException e) {
      throw new org.junit.platform.commons.PreconditionViolationException(
          "-D" + SHARD_PROPERTY + ": " + e.getMessage());
    }
  }

  @Override
  public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
    return true; // a shard may hold none of a method's seeds
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(SimulationTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    SimulationTest settings = context.getRequiredTestMethod().getAnnotation(SimulationTest.class);
    SimulationSetup.check(settings,
        context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName());
    FaultMask mask = FailureShrink.mask(setting(context, FAULTS_PROPERTY, null));
    String single = setting(context, SEED_PROPERTY, null);
    if (single != null) {
      return Stream.of(new SeedContext(number(SEED_PROPERTY, single), settings, false, mask));
    }
    String count = setting(context, SEEDS_PROPERTY, null);
    long seeds = count == null ? settings.seeds() : number(SEEDS_PROPERTY, count);
    if (seeds < 1 || seeds > SimulationSetup.MAX_SEEDS) {
      throw new org.junit.platform.commons.PreconditionViolationException(
          "-D" + SEEDS_PROPERTY + " must be a whole number from 1 to " + SimulationSetup.MAX_SEEDS
          + " (split more into shards with -D" + SHARD_PROPERTY + "=I/N), not " + seeds);
    }
    Shard shard = shard(context);
    // the run's report exists from here on, so a shard holding none of the seeds still writes
    // one (empty), and merging every shard's report never finds one missing
    SeedResults.of(context, shard);
    // the first seed of each shard is the one run twice, so every shard checks determinism
    boolean[] first = {settings.checkDeterminism()};
    return LongStream.rangeClosed(1, seeds)
        .map(i -> settings.baseSeed() + i)
        .filter(shard::contains)
        .mapToObj(seed -> {
          boolean check = first[0];
          first[0] = false;
          return new SeedContext(seed, settings, check, mask);
        });
  }

  static Simulation simulation(long seed, SimulationTest settings, boolean fullTrace) {
    return simulation(seed, settings, fullTrace, FailureShrink.options(settings, FaultMask.ALL,
        false));
  }

  static Simulation simulation(long seed, SimulationTest settings, boolean fullTrace,
      FaultLedger.Options faults) {
    return Simulation.builder()
        .seed(seed)
        .maxVirtualTime(Durations.parsePositive(settings.maxVirtualTime()))
        .trace(fullTrace ? Trace.Level.FULL : Trace.Level.TAIL)
        .faults(faults)
        .build();
  }

  /** The invocation of one seed. */
  private static final class SeedContext implements TestTemplateInvocationContext {
    private final long seed;
    private final SimulationTest settings;
    private final boolean checkDeterminism;
    private final SimSession session;
    private final FaultMask mask;

    SeedContext(long seed, SimulationTest settings, boolean checkDeterminism, FaultMask mask) {
      this.seed = seed;
      this.settings = settings;
      this.checkDeterminism = checkDeterminism;
      this.mask = mask;
      this.session = new SimSession(simulation(seed, settings,
          checkDeterminism || FreshJvmCheck.isChild(), FailureShrink.options(settings, mask, false)),
          settings);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "seed=" + seed;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new Resolver(session),
          new Runner(seed, settings, checkDeterminism, session, mask));
    }
  }

  /** Resolves the simulation, the cluster, hosts and their daemons. */
  private record Resolver(SimSession session) implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return session.supports(parameter.getParameter());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return session.resolve(parameter.getParameter());
    }
  }

  /** Runs the body as the simulation's main task, checks determinism, reports failures. */
  private record Runner(long seed, SimulationTest settings, boolean checkDeterminism,
      SimSession session, FaultMask mask) implements InvocationInterceptor {

    @Override
    public void interceptTestTemplateMethod(
        Invocation<Void> invocation,
        ReflectiveInvocationContext<Method> call,
        ExtensionContext context) throws Throwable {
      SimResult first = session.simulation.run(() -> body(session, () -> {
        try {
          invocation.proceed();
        } catch (Exception | Error e) {
          throw e;
        } catch (Throwable t) {
          throw new IllegalStateException(t);
        }
      }));
      if (FreshJvmCheck.isChild()) {
        FreshJvmCheck.record(first); // the parent compares and reports
        return;
      }
      SeedResults results = SeedResults.of(context, shard(context));
      FailureShrink shrink = new FailureShrink(context, settings, seed, session.simulation.faults(),
          options -> {
            SimSession again = rerunSession(context, call, options);
            return new FailureShrink.Outcome(again.result, again.simulation.faults(),
                again.recordedHistory(), again.clusterNames());
          });
      if (!first.succeeded()) {
        results.add(context, first, null);
        throw SimReport.failure(context, first, shrink.report(first, null));
      }
      try {
        HistoryCheck.verify(context, settings, first, session.recordedHistory());
      } catch (AssertionError failed) {
        throw new AssertionError(failed.getMessage() + "\n"
            + shrink.report(first, session.recordedHistory()), failed.getCause());
      }
      if (checkDeterminism) {
        SimResult second = rerun(context, call);
        compare(context, results, first, second, "in this JVM (thread ids and identity hashes moved)");
        if (FreshJvmCheck.enabled(context)) {
          long limit = Math.max(120_000, 20 * first.wallNanos() / 1_000_000);
          compare(context, results, first, FreshJvmCheck.run(context, seed, limit),
              "in a fresh JVM");
        }
      }
      results.add(context, first, null);
    }

    private void compare(ExtensionContext context, SeedResults results, SimResult first,
        SimResult second, String where) {
      if (!first.traceSha256().equals(second.traceSha256())) {
        results.add(context, first, "Determinism check failed: seed " + seed + " run again "
            + where + " gave a different trace (" + first.traceSha256() + " and "
            + second.traceSha256() + ")");
        throw SimReport.nondeterministic(context, first, second, where);
      }
    }

    /**
     * Runs the method again in a fresh simulation of the same seed, with fresh parameters, after
     * moving what the seed does not decide ({@link JvmPerturbation}).
     */
    private SimResult rerun(ExtensionContext context, ReflectiveInvocationContext<Method> call)
        throws Exception {
      JvmPerturbation.apply(seed);
      return rerunSession(context, call, FailureShrink.options(settings, mask, false)).result;
    }

    /**
     * A fresh run of the method with {@code faults}, on test instances of its own ({@link
     * FreshInstance}); its session holds the result.
     */
    private SimSession rerunSession(ExtensionContext context,
        ReflectiveInvocationContext<Method> call, FaultLedger.Options faults) throws Exception {
      FreshInstance instance = FreshInstance.setUp(context);
      SimSession again = null;
      try {
        again = rerunSession(call, faults, instance);
        return again;
      } finally {
        instance.tearDown(again != null && again.result.succeeded());
      }
    }

    private SimSession rerunSession(ReflectiveInvocationContext<Method> call,
        FaultLedger.Options faults, FreshInstance instance) throws Exception {
      SimSession again = new SimSession(simulation(seed, settings, true, faults), settings);
      Method method = call.getExecutable();
      Parameter[] parameters = method.getParameters();
      List<Object> original = call.getArguments();
      Object[] given = new Object[parameters.length]; // made here, not inside the simulation
      for (int i = 0; i < parameters.length; i++) {
        given[i] = again.supports(parameters[i]) ? null
            : instance.argument(parameters[i], original.get(i));
      }
      Object target = instance.target();
      again.result = again.simulation.run(() -> {
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
          args[i] = again.supports(parameters[i]) ? again.resolve(parameters[i]) : given[i];
        }
        body(again, () -> {
          try {
            method.setAccessible(true);
            method.invoke(target, args);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
              throw cause;
            }
            throw (Error) e.getCause();
          }
        });
      });
      return again;
    }

    private static void body(SimSession session, Simulation.Body test) throws Exception {
      SimCluster<?, ?> cluster = session.cluster();
      if (cluster != null) {
        cluster.start();
      }
      test.run();
      if (cluster != null) {
        cluster.stop();
      }
    }
  }
}
