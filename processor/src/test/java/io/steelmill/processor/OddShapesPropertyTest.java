package io.steelmill.processor;

import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The crash hunt beyond the catalog: {@link RandomProgramPropertyTest} injects one mistake per
 * {@code ErrorCode}; this one gives random multi-file programs the odd shapes users write that
 * no single code names (generic, nested, local, abstract, record, annotation and interface
 * daemons; arrays, wildcards, raw providers, primitives and type variables where keys go; checked
 * exceptions and varargs in constructors; modules and injected types that are not classes;
 * javac's own errors next to ours), alone and combined. For each program: the processor never
 * crashes, every error sits on a line of one of the user's files, and a program whose shapes are
 * all legal compiles. Plain JUnit over a seeded generator; the seed is in every failure message.
 */
class OddShapesPropertyTest {
  private static final long BASE_SEED = 0x0DD5L;
  private static final int COMBINED = 24;

  /** A shape: the files it adds, the entry points it adds to App, whether it is legal. */
  record Shape(String name, boolean legal, List<String[]> files, List<String> entries) {}

  static List<Shape> shapes() {
    List<Shape> shapes = new ArrayList<>();
    shapes.add(illegal("genericDaemon", "GdStore",
        "@Daemon final class GdStore<T> { GdStore() {} }", "GdStore<String> gdStore();"));
    shapes.add(illegal("rawGenericEntry", "RgStore",
        "@Daemon final class RgStore<T> { RgStore() {} }", "RgStore rgStore();"));
    shapes.add(illegal("abstractDaemon", "AbStore", "@Daemon abstract class AbStore {}",
        "AbStore abStore();"));
    shapes.add(illegal("interfaceDaemon", "IdStore", "@Daemon interface IdStore {}",
        "IdStore idStore();"));
    shapes.add(illegal("annotationDaemon", "AnStore", "@Daemon @interface AnStore {}", null));
    shapes.add(legalOrNot("recordDaemon", "RcStore", "@Daemon record RcStore(D0 d) {}",
        "RcStore rcStore();"));
    shapes.add(illegal("innerDaemon", "Outer",
        "final class Outer { @Daemon final class Inner { Inner() {} } }",
        "Outer.Inner inner();"));
    shapes.add(legal("nestedStaticDaemon", "Holder",
        "final class Holder { @Daemon static final class Kept { Kept(D0 d) {} } }",
        "Holder.Kept kept();"));
    // javac hands processors no local class, so this @Daemon cannot be seen (nor built)
    shapes.add(legalOrNot("localDaemon", "Local",
        "final class Local { void m() { @Daemon final class Here {} } }", null));
    shapes.add(illegal("arrayEntry", null, null, "D0[] d0s();"));
    shapes.add(illegal("primitiveEntry", null, null, "int count();"));
    shapes.add(illegal("wildcardProvider", "Wp",
        "@Daemon final class Wp { Wp(io.steelmill.runtime.Provider<?> p) {} }", "Wp wp();"));
    shapes.add(illegal("rawProvider", "Rp",
        "@Daemon final class Rp { Rp(io.steelmill.runtime.Provider p) {} }", "Rp rp();"));
    shapes.add(illegal("typeVariableProvides", "TvModule",
        "final class TvModule { @Provides static <T> T any() { return null; } }", null));
    shapes.add(illegal("genericEntry", null, null, "<T> T anything();"));
    shapes.add(illegal("listEntry", null, null, "java.util.List<D0> all();"));
    shapes.add(legalOrNot("checkedException", "CeStore",
        "@Daemon final class CeStore { CeStore(D0 d) throws java.io.IOException {} }",
        "CeStore ceStore();"));
    shapes.add(legalOrNot("varargs", "VaStore",
        "@Daemon final class VaStore { VaStore(D0... ds) {} }", "VaStore vaStore();"));
    shapes.add(illegal("unknownParameter", "UpStore",
        "@Daemon final class UpStore { UpStore(Nowhere n) {} }", "UpStore upStore();"));
    shapes.add(illegal("unknownSuper", "UsStore",
        "@Daemon final class UsStore extends Nowhere {}", "UsStore usStore();"));
    shapes.add(illegal("syntaxError", "SeStore", "@Daemon final class SeStore { SeStore( {} }",
        null));
    shapes.add(illegal("enumFactory", "EfFactory", "@Factory enum EfFactory { ONE }", null));
    shapes.add(illegal("annotationFactory", "AfFactory", "@Factory @interface AfFactory {}",
        null));
    shapes.add(illegal("genericFactory", "GfFactory", "@Factory interface GfFactory<T> { T t(); }",
        null));
    // a default method is the user's own helper, not an entry point (as in Dagger)
    shapes.add(legalOrNot("factoryEntryDefault", "FdFactory",
        "@Factory interface FdFactory { default D0 d0() { return null; } }", null));
    shapes.add(illegal("moduleNotAClass", "MnFactory",
        "@Factory(modules = {int.class}) interface MnFactory { D0 d0(); }", null));
    shapes.add(illegal("moduleArray", "MaFactory",
        "@Factory(modules = {String[].class}) interface MaFactory { D0 d0(); }", null));
    shapes.add(illegal("injectedArray", "IaFactory",
        "@Factory(injected = {D0[].class}) interface IaFactory { D0 d0(); }", null));
    shapes.add(illegal("injectedInterfaceTwice", "ItFactory",
        "@Factory(injected = {Token.class, Token.class}) interface ItFactory { D0 d0(); }",
        null));
    shapes.add(illegal("selfParent", "SpFactory",
        "@Factory(parent = SpFactory.class) interface SpFactory { D0 d0(); }", null));
    shapes.add(illegal("providesInInterface", "PiModule",
        "interface PiModule { @Provides static Long pi() { return 1L; } }", null));
    shapes.add(legalOrNot("unicodeNames", "\u00dcber",
        "@Daemon final class \u00dcber { \u00dcber(D0 d\u00e9p) {} }", "\u00dcber \u00fcber();"));
    shapes.add(illegal("entryReturnsFactory", null, null, "App app();"));
    // a Provider breaks the cycle: the daemon may look itself up after construction
    shapes.add(legalOrNot("daemonSelfProvider", "SelfP",
        "@Daemon final class SelfP { SelfP(io.steelmill.runtime.Provider<SelfP> me) {} }",
        "SelfP selfP();"));
    shapes.add(illegal("twoFactoriesSameDaemonCycle", "TwA",
        "@Daemon final class TwA { TwA(TwB b) {} } @Daemon final class TwB {"
            + " TwB(io.steelmill.runtime.Provider<TwA> a, TwA again) {} }", "TwA twA();"));
    return shapes;
  }

  private static Shape illegal(String name, String file, String text, String entry) {
    return new Shape(name, false, file == null ? List.of() : List.<String[]>of(
        new String[] {file, text}), entry == null ? List.of() : List.of(entry));
  }

  /** A shape we do not judge: legal or an error, it must not crash. */
  private static Shape legalOrNot(String name, String file, String text, String entry) {
    UNJUDGED.add(name);
    return illegal(name, file, text, entry);
  }

  private static final Set<String> UNJUDGED = new java.util.HashSet<>(
      Set.of("injectedInterfaceTwice", "providesInInterface"));

  private static Shape legal(String name, String file, String text, String entry) {
    return new Shape(name, true, List.<String[]>of(new String[] {file, text}), List.of(entry));
  }

  @Test
  void oddShapesAloneAndCombinedNeverCrashTheProcessor() throws Exception {
    List<Shape> shapes = shapes();
    List<String> problems = new ArrayList<>();
    int programs = 0;
    for (Shape shape : shapes) {
      checkInto(problems, BASE_SEED + programs++, List.of(shape));
    }
    for (int i = 0; i < COMBINED; i++) {
      long seed = BASE_SEED + programs++;
      Random random = new Random(seed);
      Set<Shape> chosen = new LinkedHashSet<>();
      int count = 2 + random.nextInt(4);
      while (chosen.size() < count) {
        chosen.add(shapes.get(random.nextInt(shapes.size())));
      }
      checkInto(problems, seed, List.copyOf(chosen));
    }
    assertThat(problems).as("%d programs", programs).isEmpty();
    assertThat(programs).isGreaterThanOrEqualTo(55);
  }

  /** Checks one program; a problem is kept (with its seed), so one run shows them all. */
  private static void checkInto(List<String> problems, long seed, List<Shape> shapes) {
    try {
      check(seed, shapes);
    } catch (AssertionError e) {
      problems.add(e.getMessage().lines().limit(3).collect(Collectors.joining(" | "))
          + " ..." + e.getMessage().lines().skip(Math.max(0, e.getMessage().lines().count() - 4))
          .collect(Collectors.joining(" | ")));
    }
  }

  private static void check(long seed, List<Shape> shapes) {
    Random random = new Random(seed);
    Map<String, String[]> files = new LinkedHashMap<>();
    int daemons = 2 + random.nextInt(4);
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < daemons; i++) {
      String parameters = i == 0 ? "Token t" : "D" + random.nextInt(i) + " d";
      files.put("D" + i, new String[] {"@Daemon final class D" + i + " { D" + i + "("
          + parameters + ") {} }"});
      entries.add("D" + i + " d" + i + "();");
    }
    files.put("Token", new String[] {"final class Token {}"});
    for (Shape shape : shapes) {
      for (String[] file : shape.files()) {
        files.put(file[0], new String[] {file[1]});
      }
      entries.addAll(shape.entries());
    }
    files.put("App", new String[] {"@Factory(injected = Token.class) interface App {",
        "  " + String.join("\n  ", entries), "}"});
    List<JavaFileObject> sources = new ArrayList<>();
    StringBuilder described = new StringBuilder();
    files.forEach((name, lines) -> {
      List<String> all = new ArrayList<>(List.of("package p;", "import io.steelmill.*;"));
      all.addAll(List.of(lines));
      sources.add(source("p." + name, all.toArray(String[]::new)));
      described.append("// p.").append(name).append('\n').append(String.join("\n", all))
          .append('\n');
    });
    String context = "seed " + seed + ", shapes " + shapes.stream().map(Shape::name).toList()
        + "\n" + described;
    Compilation compilation;
    try {
      compilation = Compiler.compile(List.of(), sources.toArray(JavaFileObject[]::new));
    } catch (RuntimeException e) {
      throw new AssertionError("javac with the processor threw: " + context, e);
    }
    Set<URI> userFiles = sources.stream().map(JavaFileObject::toUri).collect(Collectors.toSet());
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String text = DiagnosticsTest.text(error);
      assertThat(text).as(context).doesNotContain("ProcessorCrash")
          .doesNotContain("a bug in Steelmill");
      assertThat(error.getSource()).as(context + "\nerror without a file: " + text).isNotNull();
      assertThat(userFiles).as(context + "\nfile of " + text).contains(error.getSource().toUri());
      assertThat(error.getLineNumber()).as(context + "\nline of " + text).isPositive();
      if (text.startsWith("[Steelmill/")) {
        assertThat(text).as(context).contains("Fix:");
      }
    }
    if (shapes.stream().allMatch(Shape::legal)) {
      assertThat(compilation.errors()).as(context).isEmpty();
    } else if (shapes.stream().anyMatch(s -> !s.legal() && !UNJUDGED.contains(s.name()))) {
      assertThat(compilation.status()).as(context).isEqualTo(Compilation.Status.FAILURE);
    }
  }
}
