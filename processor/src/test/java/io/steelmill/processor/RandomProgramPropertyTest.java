package io.steelmill.processor;

import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.runtime.Node;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Random multi-file programs (a graph of daemons, one per file, an aliased interface, a module, an
 * injected type, a child factory, a second factory) with random mistakes: first every mistake
 * alone, then random combinations, then valid programs. For each: the processor never crashes,
 * every error sits on a line of one of the user's files (only a wrong option has no line), every
 * mistake that must be seen is reported with its code, and a program without mistakes compiles,
 * and its factories build and run.
 *
 * <p>Plain JUnit over a seeded generator; the seed of each program is in every failure message.
 */
class RandomProgramPropertyTest {
  private static final long BASE_SEED = 0x57EE1L;
  private static final int COMBINED = 14;
  private static final int VALID = 8;

  /**
   * Codes that no single source mistake produces: a crash is what the test looks for, a factory
   * too large for a class file takes some 13,000 bindings (DiagnosticsTest has one), and the
   * simulator's platform module has DiagnosticsTest and SimulatorModuleTest, and a child compiled
   * apart from its parent takes two compilations or another processor (RedTeam12cHostileTest).
   */
  private static final Set<ErrorCode> NOT_INJECTED =
      EnumSet.of(
          ErrorCode.ProcessorCrash,
          ErrorCode.FactoryTooLarge,
          ErrorCode.SimulatorMissing,
          ErrorCode.SimulatorLacksBinding,
          ErrorCode.ParentCompiledApart);

  /** Mistakes on the second factory, Side, which keep it from being written. */
  private static final Set<ErrorCode> SIDE =
      EnumSet.of(
          ErrorCode.EntryPointHasParameters,
          ErrorCode.EntryPointNameClash,
          ErrorCode.TypeNotInjectable,
          ErrorCode.GeneratedNameTaken);

  @Test
  void processorNeverCrashesAndReportsEveryMistakeOnTheUsersLines() throws Exception {
    List<ErrorCode> codes = new ArrayList<>(EnumSet.complementOf(EnumSet.copyOf(NOT_INJECTED)));
    Set<ErrorCode> seen = EnumSet.noneOf(ErrorCode.class);
    int programs = 0;
    for (ErrorCode code : codes) {
      check(BASE_SEED + programs, EnumSet.of(code), seen);
      programs++;
    }
    for (int i = 0; i < COMBINED; i++) {
      long seed = BASE_SEED + programs++;
      Random random = new Random(seed);
      Set<ErrorCode> mistakes = EnumSet.noneOf(ErrorCode.class);
      int count = 2 + random.nextInt(4);
      while (mistakes.size() < count) {
        mistakes.add(codes.get(random.nextInt(codes.size())));
      }
      if (mistakes.contains(ErrorCode.GeneratedNameTaken)) {
        mistakes.remove(ErrorCode.GeneratedFileNotWritten);
      }
      check(seed, mistakes, seen);
    }
    for (int i = 0; i < VALID; i++) {
      check(BASE_SEED + programs++, EnumSet.noneOf(ErrorCode.class), seen);
    }
    assertThat(seen).as("codes reported over %d programs", programs).containsAll(codes);
  }

  private static void check(long seed, Set<ErrorCode> mistakes, Set<ErrorCode> seen)
      throws Exception {
    Program program = new Program(new Random(seed));
    mistakes.forEach(program::inject);
    RecordingProcessor steelmill =
        new RecordingProcessor(
            mistakes.contains(ErrorCode.ProcessorPathIncomplete)
                ? ProcessorPaths.partialJar()
                : new SteelmillProcessor());
    List<Processor> processors = new ArrayList<>(program.otherProcessors);
    processors.add(steelmill);
    List<JavaFileObject> sources = program.sources();
    Compilation compilation =
        Compiler.compile(
            processors.toArray(Processor[]::new),
            program.options,
            sources.toArray(JavaFileObject[]::new));
    String context = "seed " + seed + ", mistakes " + mistakes + "\n" + program.describe();

    Set<URI> userFiles = sources.stream().map(JavaFileObject::toUri).collect(Collectors.toSet());
    List<String> messages = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String text = DiagnosticsTest.text(error);
      messages.add(text);
      assertThat(text).as(context).doesNotContain("ProcessorCrash");
      if (error.getSource() == null) {
        assertThat(text)
            .as(context)
            .matches("(?s)\\[Steelmill/(UnknownMode|InvalidOption|UnknownOption)].*");
      } else {
        assertThat(userFiles).as(context + "\nfile of " + text).contains(error.getSource().toUri());
        assertThat(error.getLineNumber()).as(context + "\nline of " + text).isPositive();
      }
      for (ErrorCode code : ErrorCode.values()) {
        if (text.startsWith(code.tag()) || text.contains("] " + code.tag())) {
          seen.add(code);
        }
      }
    }
    if (mistakes.isEmpty()) {
      assertThat(messages).as(context).isEmpty();
      program.run(compilation, steelmill.created(), context);
      return;
    }
    assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.FAILURE);
    for (ErrorCode code : mistakes) {
      if (mustBeSeen(code, mistakes)) {
        assertThat(messages).as(context + "\n" + code).anyMatch(m -> m.contains(code.tag()));
      }
    }
  }

  /**
   * Whether {@code code} must be reported next to the other {@code mistakes}: a wrong mode stops
   * every write, so the mistakes found only when writing are hidden by it; a name taken or a
   * partial processor path shows only where a factory reaches its write.
   */
  private static boolean mustBeSeen(ErrorCode code, Set<ErrorCode> mistakes) {
    boolean writes = !mistakes.contains(ErrorCode.UnknownMode);
    // a build without steelmill-runtime writes nothing, so no write can fail
    boolean runtime = !mistakes.contains(ErrorCode.RuntimeMissing)
        && !mistakes.contains(ErrorCode.SupertypeMissing)
        && !mistakes.contains(ErrorCode.AnnotationMissing);
    return switch (code) {
      // a partial processor path fails as the writer is named, before the name is checked
      case GeneratedNameTaken ->
          writes && runtime && !mistakes.contains(ErrorCode.ProcessorPathIncomplete);
      case GeneratedFileNotWritten, NameHidden ->
          writes && runtime && !mistakes.contains(ErrorCode.ProcessorPathIncomplete);
      case ProcessorPathIncomplete ->
          writes && runtime && mistakes.stream().noneMatch(SIDE::contains);
      case RuntimeMissing, SupertypeMissing, AnnotationMissing -> mistakes.size() == 1;
      default -> true;
    };
  }

  /** One generated program: its files, options and the other processors of its build. */
  private static final class Program {
    private final Random random;
    private final Map<String, List<String>> files = new LinkedHashMap<>();
    private final List<String> appEntries = new ArrayList<>();
    private final List<String> sideEntries = new ArrayList<>();
    private final List<String> modules = new ArrayList<>(List.of("Config.class"));
    private final List<String> options = new ArrayList<>();
    private final List<Processor> otherProcessors = new ArrayList<>();
    private final int daemons;
    private final boolean simulation;

    Program(Random random) {
      this.random = random;
      this.daemons = 2 + random.nextInt(5);
      this.simulation = random.nextBoolean();
      if (simulation) {
        options.add("-Asteelmill.mode=simulation");
      }
      for (int i = 0; i < daemons; i++) {
        List<String> parameters = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          if (random.nextInt(3) == 0) {
            parameters.add(
                (random.nextInt(4) == 0 ? "io.steelmill.runtime.Provider<D" + j + ">" : "D" + j)
                    + " d" + j);
          }
        }
        if (i == 0) {
          parameters.add("Clock clock");
          parameters.add("String name");
          parameters.add("Token token");
        }
        file("D" + i, "@Daemon final class D" + i + " {",
            "  D" + i + "(" + String.join(", ", parameters) + ") {}", "}");
        if (i == 0 || i == daemons - 1 || random.nextInt(3) == 0) {
          appEntries.add("D" + i + " d" + i + "();");
        }
      }
      file("Clock", "@Production(SystemClock.class) @Simulation(SimClock.class)",
          "interface Clock {}");
      file("SystemClock", "@Daemon @Production final class SystemClock implements Clock {}");
      file("SimClock", "@Daemon @Simulation final class SimClock implements Clock {}");
      file("Config", "final class Config {",
          "  @Provides static String name() { return \"n\"; }", "}");
      file("Token", "final class Token {}");
      file("S", "@Daemon final class S {}");
      sideEntries.add("S s();");
      if (random.nextBoolean()) {
        int parentDaemon = random.nextInt(daemons);
        file("W", "@Daemon final class W { W(D" + parentDaemon + " d) {} }");
        file("Lease", "@Factory(parent = App.class) interface Lease { W w(); }");
      }
    }

    private void file(String name, String... lines) {
      List<String> all = new ArrayList<>(List.of("package p;", "import io.steelmill.*;"));
      all.addAll(List.of(lines));
      files.put("p." + name, all);
    }

    /**
     * Compiles with {@code path}; a second class path mistake removes the runtime from the first
     * (the only two: the runtime left out, a library lacking a supertype).
     */
    private void classPath(String path) {
      int at = options.indexOf("-classpath");
      if (at < 0) {
        options.add("-classpath");
        options.add(path);
        return;
      }
      String runtime = ClassPaths.withoutRuntime();
      String library = ClassPaths.withIncompleteLibrary();
      String folder = library.substring(0, library.indexOf(java.io.File.pathSeparator));
      options.set(at + 1, folder + java.io.File.pathSeparator + runtime);
    }

    /** Adds one mistake of the kind that {@code code} reports. */
    void inject(ErrorCode code) {
      switch (code) {
        case MissingBinding -> {
          file("MbUser", "@Daemon final class MbUser { MbUser(MbMissing m) {} }",
              "final class MbMissing {}");
          appEntries.add("MbUser mbUser();");
        }
        case ModeOnlyBinding -> {
          file("MoUser", "@Simulation @Daemon final class MoSim {}",
              "@Daemon final class MoUser { MoUser(MoSim s) {} }");
          appEntries.add("MoUser moUser();");
        }
        case DependencyCycle -> {
          file("CyA", "@Daemon final class CyA { CyA(CyB b) {} }");
          file("CyB", "@Daemon final class CyB { CyB(CyA a) {} }");
          appEntries.add("CyA cyA();");
        }
        case DuplicateBinding -> {
          file("Dup", "@Daemon final class Dup {}");
          appEntries.add("Dup dup();");
          appEntries.add("@Provides static Dup dup0() { return new Dup(); }");
        }
        case AmbientDependsOnNode -> {
          file("AdNet", "@Daemon final class AdHost {}",
              "@Ambient @Daemon final class AdNet { AdNet(AdHost h) {} }");
          appEntries.add("AdNet adNet();");
        }
        case CreatorOutOfScope -> {
          // a creator of a child of another factory: its own parent and child, in two files
          file("CosHost", "@Factory interface CosHost {}");
          file("CosLease", "@Factory(parent = CosHost.class) interface CosLease {}");
          file("CosBoss",
              "@Daemon final class CosBoss { CosBoss(SteelmillCosLease.Creator c) {} }");
          appEntries.add("CosBoss cosBoss();");
        }
        case NoUsableConstructor -> {
          file("NuStore", "@Daemon final class NuStore { private NuStore() {} }");
          appEntries.add("NuStore nuStore();");
        }
        case AmbiguousConstructor -> {
          file("AcStore", "@Daemon final class AcStore { AcStore() {} AcStore(String s) {} }");
          appEntries.add("AcStore acStore();");
        }
        case DaemonNotConstructible -> {
          file("DnStore", "@Daemon enum DnStore { ONE }");
          appEntries.add("DnStore dnStore();");
        }
        case ProvidesNotStatic -> {
          file("PnsModule", "final class PnsModule { @Provides Long pns() { return 1L; } }");
          modules.add("PnsModule.class");
        }
        case ProvidesReturnsVoid -> {
          file("PrvModule", "final class PrvModule { @Provides static void nothing() {} }");
          modules.add("PrvModule.class");
        }
        case ProvidesNullable -> {
          file("PnuModule", "@interface Nullable {}",
              "final class PnuModule { @Provides @Nullable static Integer pnu() { return 1; } }");
          modules.add("PnuModule.class");
        }
        case ProvidesNotListed ->
            file("PnlModule", "final class PnlModule { @Provides static Short pnl() { return 1; } }");
        case FactoryNotInterface -> file("FniBad", "@Factory abstract class FniBad {}");
        case EntryPointHasParameters -> sideEntries.add("S sWith(int shard);");
        case EntryPointNameClash -> sideEntries.add("S start();");
        case TypeNotInjectable -> sideEntries.add("void tniRun();");
        case ParentNotFactory ->
            file("PnfOrphan", "@Factory(parent = String.class) interface PnfOrphan {}");
        case UnknownMode -> {
          options.removeIf(o -> o.startsWith("-Asteelmill.mode"));
          options.add("-Asteelmill.mode=" + (random.nextBoolean() ? "PRODUCTION" : ""));
        }
        case InvalidOption -> options.add("-Asteelmill.strict=yes");
        case UnknownOption -> options.add("-Asteelmill.modus=production");
        case TypeNotVisible -> {
          files.put("q.TnvDb",
              List.of("package q;", "@io.steelmill.Daemon public final class TnvDb { TnvDb() {} }"));
          appEntries.add("q.TnvDb tnvDb();");
        }
        case BothModes -> file("BmX", "@Production @Simulation @Daemon final class BmX {}");
        case ModeValueMisplaced -> file("MvmX", "@Production(S.class) @Daemon final class MvmX {}");
        case QualifierWithoutEffect ->
            file("QweUtil", "final class QweUtil { @Named(\"q\") int port; }");
        case ModeWithoutEffect ->
            file("MweUtil", "final class MweUtil { @Simulation static int one() { return 1; } }");
        case EntryPointInheritedTwice ->
            file("Eit", "@Daemon final class EitDisk {}", "@Daemon final class EitStore {}",
                "interface EitA { EitDisk eit(); }", "interface EitB { EitStore eit(); }",
                "@Factory interface Eit extends EitA, EitB {}");
        case ImplementationMismatch ->
            file("ImClock", "final class ImOther {}", "@Production(ImOther.class) interface ImClock {}");
        case ImplementationNotConstructible ->
            file("InClock", "abstract class InBase implements InClock {}",
                "@Simulation(InBase.class) interface InClock {}");
        case UndefinedType -> file("UtLater", "@Factory interface UtLater { Nowhere nowhere(); }");
        case ChildOutsidePackage -> {
          file("CopParent", "@Factory public interface CopParent {}");
          files.put("q.CopChild", List.of("package q;",
              "@io.steelmill.Factory(parent = p.CopParent.class) public interface CopChild {}"));
        }
        case InjectWithoutEffect -> {
          files.put("jakarta.inject.Inject",
              List.of("package jakarta.inject;", "public @interface Inject {}"));
          file("IweX", "@Daemon final class IweX { @jakarta.inject.Inject String iweName; }");
        }
        case AmbientWithoutDaemon -> file("AwdRegistry", "@Ambient final class AwdRegistry {}");
        case GeneratedNameTaken ->
            files.put("p.SteelmillSide", List.of("package p;", "public final class SteelmillSide {}"));
        case NameHidden ->
            file("Nh", "@Factory interface Nh { S s(); class FactoryCore {} int io = 1; }");
        case GeneratedFileNotWritten -> {
          file("Gfw", "@Factory interface Gfw { S s(); }");
          otherProcessors.add(new SourceWriter("p.SteelmillGfw"));
        }
        case RuntimeMissing -> classPath(ClassPaths.withoutRuntime());
        case SupertypeMissing -> {
          classPath(ClassPaths.withIncompleteLibrary());
          file("SmModule", "final class SmModule {",
              "  @Provides static lib.Iface smIface() { return null; } }");
          modules.add("SmModule.class");
          appEntries.add("lib.Iface smIface();");
        }
        case AnnotationMissing -> {
          classPath(ClassPaths.withIncompleteLibrary());
          appEntries.add("lib.Tagged amTagged();");
        }
        case GeneratedNameTooLong ->
            file("Gntl", "@Factory interface " + "G".repeat(240) + " { S s(); }");
        case ProcessorPathIncomplete -> {
          // the processor is loaded without its writers, in check()
        }
        default -> throw new AssertionError("no mistake for " + code);
      }
    }

    List<JavaFileObject> sources() {
      file("App", "@Factory(modules = {" + String.join(", ", modules) + "},"
              + " injected = Token.class)",
          "interface App {", "  " + String.join("\n  ", appEntries), "}");
      file("Side", "@Factory interface Side {", "  " + String.join("\n  ", sideEntries), "}");
      List<JavaFileObject> sources = new ArrayList<>();
      files.forEach((name, lines) -> sources.add(source(name, lines.toArray(String[]::new))));
      return sources;
    }

    String describe() {
      StringBuilder out = new StringBuilder("options " + options + "\n");
      files.forEach((name, lines) -> out.append("// ").append(name).append('\n')
          .append(String.join("\n", lines)).append('\n'));
      return out.toString();
    }

    /** Builds, starts and closes the node of each root factory; every entry point answers. */
    void run(Compilation compilation, List<String> written, String context) throws Exception {
      assertThat(written).as(context).contains("p.SteelmillApp", "p.SteelmillSide");
      if (simulation) {
        assertThat(written).as(context).contains("p.SteelmillAppSim");
      }
      ClassLoader loader = ClassFiles.loader(ClassFiles.of(compilation));
      Node app = (Node) loader.loadClass("p.SteelmillApp").getMethod("create").invoke(null);
      var token = loader.loadClass("p.Token").getDeclaredConstructor();
      token.setAccessible(true);
      inject(app, loader.loadClass("p.Token"), token.newInstance());
      Set<String> requested = new LinkedHashSet<>();
      for (String entry : appEntries) {
        String method = entry.substring(entry.indexOf(' ') + 1, entry.indexOf('('));
        assertThat(app.getClass().getMethod(method).invoke(app)).as(context).isNotNull();
        requested.add(entry.substring(0, entry.indexOf(' ')));
      }
      assertThat(app.builtDaemons()).as(context).containsAll(requested);
      try (app) {
        app.start();
      }
      Node side = (Node) loader.loadClass("p.SteelmillSide").getMethod("create").invoke(null);
      assertThat(side.getClass().getMethod("s").invoke(side)).isNotNull();
      try (side) {
        side.start();
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void inject(Node node, Class type, Object instance) {
      node.inject(type, instance);
    }
  }
}
