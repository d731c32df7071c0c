package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.HostileInputMoreTest.Program;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.runtime.Node;
import io.steelmill.runtime.Provider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A red team's battery of the classes of hostile input that earlier batteries missed, each
 * compiled in both modes: type-use annotations on keys (a second instance of one daemon, or a
 * legal generic key refused), entry points named by restricted identifiers ({@code yield}), and
 * a child factory's creator asked for where it cannot be (an {@code @Ambient} daemon, a factory
 * that is not the child's parent, with a qualifier) or returned by an entry point. Programs that
 * compile are run: every entry point of every root (before it starts) and of every child and
 * grandchild created after its parent started returns an instance, and no key gets two.
 */
class KeysAndChildrenHostileTest {
  private static final String TYPE_USE =
      "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface Nn {}\n";

  private static Program ok(String name, String text) {
    return new Program(name, null, true, text);
  }

  private static Program wrong(String name, ErrorCode code, String text) {
    return new Program(name, code, false, text);
  }

  static Stream<Program> programs() {
    return Stream.of(typeUse(), qualifierMembers(), restrictedNames(), creators(), children(),
            longNames()).flatMap(List::stream);
  }

  /** A type-use annotation names no binding: the key is the type without it. */
  static List<Program> typeUse() {
    return List.of(
        ok("type-use annotation on a constructor parameter", TYPE_USE
            + "@Daemon class Disk {}\n@Daemon class Store { Store(@Nn Disk d) {} }\n"
            + "@Factory interface App { Store s(); Disk d(); }"),
        ok("type-use annotation on an entry point", TYPE_USE
            + "@Daemon class Store {}\n@Factory interface App { @Nn Store s(); Store t(); }"),
        ok("type-use annotation inside a generic key", TYPE_USE
            + "@Factory interface App { java.util.List<@Nn String> s();\n"
            + "  @Provides static java.util.List<String> m() {"
            + " return java.util.List.of(\"x\"); } }"),
        ok("type-use annotation on a provides method and an array", TYPE_USE
            + "@Daemon class Store { Store(String @Nn [] names, @Nn String name) {} }\n"
            + "@Factory interface App { Store s();\n"
            + "  @Provides static @Nn String name() { return \"n\"; }\n"
            + "  @Provides static String[] names() { return new String[0]; } }"),
        ok("type-use annotation on a wildcard-free nested generic", TYPE_USE
            + "class Outer<T> { class Inner {} }\n"
            + "@Factory interface App { Outer<@Nn String>.Inner n();\n"
            + "  @Provides static Outer<String>.Inner n0() {"
            + " return new Outer<String>().new Inner();"
            + " } }"),
        ok("type-use annotation on a child's request of a parent daemon", TYPE_USE
            + "@Daemon class Store {}\n@Factory interface App { Store s(); }\n"
            + "@Factory(parent = App.class) interface Lease { @Nn Store s(); }"),
        wrong("type-use annotation does not make a second binding", ErrorCode.DuplicateBinding,
            TYPE_USE + "@Factory interface App { String s();\n"
                + "  @Provides static String a() { return \"\"; }\n"
                + "  @Provides static @Nn String b() { return \"\"; } }"),
        ok("type-use qualifier still tells keys apart",
            "@Qualifier @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)"
                + " @interface Tq {}\n"
                + "@Factory interface App { java.util.List<@Tq String> a(); java.util.List<String>"
                + " b();\n"
                + "  @Provides static java.util.List<@Tq String> a0() { return java.util.List.of();"
                + " }\n"
                + "  @Provides static java.util.List<String> b0() {"
                + " return java.util.List.of(); } }"));
  }

  /**
   * Qualifiers with members of every kind an annotation allows: one key when the values are equal
   * (a default spelled out, a one-element array written without braces), two when they differ.
   */
  static List<Program> qualifierMembers() {
    String q = "enum Color { RED, BLUE }\n@interface Tag { String value(); }\n"
        + "@Qualifier @interface Q { int[] ids() default {}; Color c() default Color.RED;"
        + " Class<?> k() default Object.class; Tag t() default @Tag(\"x\");"
        + " char ch() default '\\\\'; double d() default 1.5; }\n";
    return List.of(
        ok("qualifier members of every kind, defaults spelled out", q
            + "@Daemon class Store { Store(@Q String a, @Q(ids = {1, 2}) String b,"
            + " @Q(c = Color.BLUE, ch = '\"') String c,"
            + " @Q(t = @Tag(\"y*/\\\"\\\"\\\"\")) String d) {} }\n"
            + "@Factory interface App { Store s(); @Q String a();\n"
            + "  @Provides @Q(ids = {}, c = Color.RED, k = Object.class, t = @Tag(\"x\"),"
            + " ch = '\\\\', d = 1.5) static String x() { return \"1\"; }\n"
            + "  @Provides @Q(ids = {1, 2}) static String y() { return \"2\"; }\n"
            + "  @Provides @Q(ch = '\"', c = Color.BLUE) static String z() { return \"3\"; }\n"
            + "  @Provides @Q(t = @Tag(\"y*/\\\"\\\"\\\"\")) static String w() {"
            + " return \"4\"; } }"),
        ok("a one-element array qualifier without braces is the same key",
            "@Qualifier @interface Ids { int[] value(); }\n"
                + "@Factory interface App { @Ids(1) String a();\n"
                + "  @Provides @Ids({1}) static String x() { return \"1\"; } }"),
        wrong("qualifiers differing in an enum member are two keys", ErrorCode.MissingBinding, q
            + "@Factory interface App { @Q(c = Color.BLUE) String a();\n"
            + "  @Provides @Q static String x() { return \"1\"; } }"),
        wrong("qualifiers differing in a class member are two keys", ErrorCode.MissingBinding, q
            + "@Factory interface App { @Q(k = String.class) String a();\n"
            + "  @Provides @Q static String x() { return \"1\"; } }"));
  }

  /** Method names Java lets a method have but not every call of it. */
  static List<Program> restrictedNames() {
    return List.of(
        ok("entry point named yield, needed by a child",
            "@Daemon class Store {}\n@Daemon class Work { Work(Store s) {} }\n"
                + "@Factory interface App { Store yield(); }\n"
                + "@Factory(parent = App.class) interface Lease { Work w(); Store yield(); }"),
        ok("entry point named yield, needed by the factory's own daemon",
            "@Daemon class Store {}\n@Daemon class Work { Work(Provider<Store> s) {} }\n"
                + "@Factory interface App { Store yield(); Work w(); }"),
        ok("entry points named by contextual keywords, used by a grandchild",
            "@Daemon class Store {}\n@Daemon class Disk {}\n@Daemon class Log {}\n"
                + "@Daemon class Work { Work(Store s, Disk d, Log l) {} }\n"
                + "@Factory interface App { Store record(); Disk var(); Log permits();"
                + " Store sealed(); Disk when(); Log module(); Store yield(); }\n"
                + "@Factory(parent = App.class) interface Mid { Disk exports(); }\n"
                + "@Factory(parent = Mid.class) interface Leaf { Work w(); Store yield(); }"),
        ok("ambient daemon behind an entry point named yield",
            "@Ambient @Daemon class Pool {}\n@Factory interface App { Pool yield(); }\n"
                + "@Factory(parent = App.class) interface Lease { Pool yield(); }"));
  }

  /** A creator makes children of one running node: only the child's parent graph has it. */
  static List<Program> creators() {
    return List.of(
        wrong("creator needed by an ambient daemon", ErrorCode.CreatorOutOfScope,
            "@Ambient @Daemon class Boss { Boss(SteelmillLease.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Lease {}"),
        wrong("creator needed by a provides method an ambient daemon needs",
            ErrorCode.CreatorOutOfScope,
            "class Pool {}\n@Ambient @Daemon class Boss { Boss(Pool p) {} }\n"
                + "@Factory interface App { Boss b();\n"
                + "  @Provides static Pool pool(SteelmillLease.Creator c) {"
                + " return new Pool(); } }\n"
                + "@Factory(parent = App.class) interface Lease {}"),
        wrong("creator of a grandchild in the root", ErrorCode.CreatorOutOfScope,
            "@Daemon class Boss { Boss(SteelmillLeaf.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf {}"),
        wrong("a child's own creator in its daemon", ErrorCode.CreatorOutOfScope,
            "@Daemon class Boss { Boss(SteelmillLease.Creator c) {} }\n"
                + "@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface Lease { Boss b(); }"),
        wrong("a sibling's creator in a child's daemon", ErrorCode.CreatorOutOfScope,
            "@Daemon class Boss { Boss(SteelmillL2.Creator c) {} }\n"
                + "@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface L1 { Boss b(); }\n"
                + "@Factory(parent = App.class) interface L2 {}"),
        wrong("a qualified creator", ErrorCode.CreatorOutOfScope,
            "@Daemon class Boss { Boss(@Named(\"x\") SteelmillLease.Creator c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Lease {}"),
        wrong("a creator as an entry point of a factory that is not the parent",
            ErrorCode.CreatorOutOfScope,
            "@Factory interface App {}\n@Factory(parent = App.class) interface Lease {}\n"
                + "@Factory interface Other { SteelmillLease.Creator c(); }"),
        wrong("a creator in another file apart from its misplaced user",
            ErrorCode.CreatorOutOfScope,
            "//FILE test.Boss\npackage test;\n"
                + "@io.steelmill.Daemon class Boss { Boss(SteelmillLeaf.Creator c) {} }\n"
                + "//FILE test.App\npackage test;\nimport io.steelmill.*;\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "//FILE test.Leaf\npackage test;\nimport io.steelmill.*;\n"
                + "@Factory(parent = Mid.class) interface Leaf {}"),
        ok("a creator as an entry point of the parent",
            "@Daemon class Store {}\n@Factory interface App { SteelmillLease.Creator leases(); }\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); }"),
        ok("a provider of a creator as an entry point of the parent",
            "@Daemon class Store {}\n"
                + "@Factory interface App { Provider<SteelmillLease.Creator> leases(); }\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); }"),
        ok("a creator through a provider, in the parent's daemon",
            "@Daemon class Store {}\n"
                + "@Daemon class Boss { Boss(Provider<SteelmillLease.Creator> c) {} }\n"
                + "@Factory interface App { Boss b(); }\n"
                + "@Factory(parent = App.class) interface Lease { Store s(); }"),
        ok("a grandchild's creator in the middle factory's daemon",
            "@Daemon class Store {}\n@Daemon class Boss { Boss(SteelmillLeaf.Creator c) {} }\n"
                + "@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class) interface Mid { Boss b(); }\n"
                + "@Factory(parent = Mid.class) interface Leaf { Store s(); }"));
  }

  /** Children and grandchildren created after their parent started, reaching far. */
  static List<Program> children() {
    return List.of(
        ok("a grandchild reaches a root daemon and a middle daemon nobody asked for",
            "@Daemon class Store {}\n@Daemon class Mine {}\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Store s(); Mine m(); }"),
        ok("a grandchild's provider of a middle provides needing a root provides",
            "@Factory interface App { @Provides static Integer i() { return 1; } }\n"
                + "@Factory(parent = App.class) interface Mid {\n"
                + "  @Provides static String s(Integer i) { return \"\" + i; } }\n"
                + "@Factory(parent = Mid.class) interface Leaf { String s(); Provider<Integer>"
                + " i(); }"),
        ok("a grandchild's provider of an ambient daemon needing another",
            "@Ambient @Daemon class Pool {}\n@Ambient @Daemon class Big { Big(Pool p) {} }\n"
                + "@Factory interface App {}\n@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Provider<Big> b(); Pool p(); }"),
        ok("two children reaching different parent daemons of one chain",
            "@Daemon class A {}\n@Daemon class B { B(A a) {} }\n@Factory interface App {}\n"
                + "@Factory(parent = App.class) interface L1 { A a(); }\n"
                + "@Factory(parent = App.class) interface L2 { B b(); Provider<A> a(); }"),
        ok("a child's provides over a parent's provider and qualified provides",
            "@Factory interface App { @Provides static Integer i() { return 1; }\n"
                + "  @Provides @Named(\"a.b\") static Long l() { return 2L; } }\n"
                + "@Factory(parent = App.class) interface Lease { String s(); @Named(\"a.b\") Long"
                + " l();\n"
                + "  @Provides static String s0(Provider<Integer> i, @Named(\"a.b\") Long l) {"
                + " return \"\" + i.get() + l; } }"),
        ok("a child factory extending its parent factory",
            "@Daemon class Store {}\n@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class) interface Lease extends App {}"),
        ok("a child factory extending a sibling child factory",
            "@Daemon class Store {}\n@Daemon class Work {}\n@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class) interface L0 { Work w(); }\n"
                + "@Factory(parent = App.class) interface Lease extends L0 { Store s(); }"),
        ok("a grandchild extending the root and its parent",
            "@Daemon class Store {}\n@Factory interface App { Store s(); }\n"
                + "@Factory(parent = App.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf extends App, Mid {}"),
        ok("a root extending its own child factory",
            "@Daemon class Store {}\n@Factory interface App extends Lease { Store s(); }\n"
                + "@Factory(parent = App.class) interface Lease { Store t(); }"),
        ok("children in the unnamed package, nested three deep",
            "//FILE App\nimport io.steelmill.*;\n@Daemon class Store {}\n"
                + "class A { static class B { @Factory interface App { Store s();\n"
                + "  @Factory(parent = App.class) interface Lease { Store s(); } } } }"));
  }

  /**
   * Names as long as a class file lets the user's own class hold: each string constant of the
   * user's class fits its 65,535 bytes, but the generated table of bindings shows a key's name
   * escaped ({@code "} as {@code \\"}) next to its type.
   */
  static List<Program> longNames() {
    String quotes = "\\\"".repeat(40_000);
    String euros = "\u20ac".repeat(21_000);
    String half = "x".repeat(33_000);
    String longClass = "D" + "a".repeat(20_000);
    return List.of(
        ok("a named qualifier of 40,000 quotes",
            "@Factory interface App { @Named(\"" + quotes + "\") String s();\n"
                + "  @Provides @Named(\"" + quotes + "\") static String m() { return \"\"; } }"),
        ok("a named qualifier of 21,000 euro signs, twice",
            "@Factory interface App { @Named(\"" + euros + "\") String s(); @Named(\"" + euros
                + "1\") String t();\n"
                + "  @Provides @Named(\"" + euros + "\") static String m() { return \"\"; }\n"
                + "  @Provides @Named(\"" + euros + "1\") static String n() { return \"\"; } }"),
        ok("a qualifier of two members of 33,000 characters each",
            "@Qualifier @interface Q { String a(); String b(); }\n"
                + "@Factory interface App { @Q(a = \"" + half + "\", b = \"" + half + "\") String"
                + " s();\n"
                + "  @Provides @Q(a = \"" + half + "\", b = \"" + half + "\") static String m() {"
                + " return \"\"; } }"),
        ok("a daemon class named with 20,001 characters, used by a child",
            "@Daemon class " + longClass + " {}\n@Factory interface App { " + longClass
                + " d(); }\n@Factory(parent = App.class) interface Lease { " + longClass
                + " d(); }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void neverCrashesAndNeverAcceptsAMistake(Program program) {
    new HostileInputMoreTest().neverCrashesAndNeverAcceptsAMistake(program);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("programs")
  void everyEntryPointOfEveryNodeWorks(Program program) throws Exception {
    if (!program.legal()) {
      return;
    }
    List<JavaFileObject> files = HostileInputMoreTest.files(program.text());
    for (List<String> options :
        List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation =
          Compiler.compile(
              new Processor[] {new SteelmillProcessor()}, options,
              files.toArray(JavaFileObject[]::new));
      assertThat(compilation.status()).as(program + " " + options)
          .isEqualTo(Compilation.Status.SUCCESS);
      int nodes = new Runner(program + " " + options, ClassFiles.of(compilation)).run();
      assertThat(nodes).as(program + " " + options + ": nodes run").isPositive();
    }
  }

  /**
   * Runs a compiled program's generated factories through reflection: two hosts of each root
   * (each asking every entry point before it starts), then every child factory of a started
   * node, depth first, each asking every entry point before it starts. Returns the nodes run.
   */
  static final class Runner {
    private final String context;
    private final List<Class<?>> roots = new ArrayList<>();
    private final List<Class<?>> children = new ArrayList<>();

    Runner(String context, Map<String, byte[]> classes) throws Exception {
      this.context = context;
      ClassLoader loader = ClassFiles.loader(classes);
      for (String name : classes.keySet()) {
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (!simple.startsWith("Steelmill") || simple.contains("$")) {
          continue;
        }
        Class<?> type = loader.loadClass(name);
        if (Node.class.isAssignableFrom(type)) {
          boolean root = Stream.of(type.getMethods())
              .anyMatch(m -> m.getName().equals("create") && m.getParameterCount() == 0);
          (root ? roots : children).add(type);
        }
      }
    }

    int run() throws Exception {
      int nodes = 0;
      for (Class<?> root : roots) {
        Object ambient = root.getMethod("ambient").invoke(null);
        Method node = ambient.getClass().getMethod("node", String.class);
        Node first = (Node) call(node, ambient, "a");
        askAll(first);
        first.start();
        Node second = (Node) call(node, ambient, "b");
        askAll(second);
        second.start();
        nodes += 2 + children(first, 0) + children(second, 0);
        second.close();
        first.close();
      }
      return nodes;
    }

    private int children(Node parent, int depth) throws Exception {
      int nodes = 0;
      for (Class<?> type : children) {
        for (Method create : type.getMethods()) {
          if (create.getName().equals("create") && create.getParameterCount() == 2
              && create.getParameterTypes()[0].isInstance(parent) && depth < 4) {
            Node child = (Node) call(create, null, parent, "late" + depth);
            askAll(child);
            child.start();
            nodes += 1 + children(child, depth + 1);
          }
        }
      }
      for (Method entry : entryPoints(parent)) {
        if (entry.getReturnType().getSimpleName().equals("Creator")) {
          Object creator = call(entry, parent);
          for (Method create : creator.getClass().getMethods()) {
            if (create.getName().equals("create") && create.getParameterCount() == 1) {
              Node child = (Node) call(create, creator, "created" + depth);
              askAll(child);
              child.start();
              nodes++;
            }
          }
        }
      }
      return nodes;
    }

    /** Asks every entry point twice: an instance, the same one each time. */
    private void askAll(Node node) throws Exception {
      for (Method entry : entryPoints(node)) {
        Object first = call(entry, node);
        Object again = call(entry, node);
        String shown = context + ": " + node.name() + "." + entry.getName() + "()";
        assertThat(first).as(shown).isNotNull();
        if (first instanceof Provider<?> provider) {
          assertThat(provider.get()).as(shown).isNotNull();
        } else if (!entry.getReturnType().getSimpleName().equals("Creator")) {
          assertThat(again).as(shown).isSameAs(first);
        }
      }
      // one instance per key: unqualified entry points of one type return the same instance
      for (Method a : entryPoints(node)) {
        for (Method b : entryPoints(node)) {
          if (a.getGenericReturnType().equals(b.getGenericReturnType()) && !qualified(a)
              && !qualified(b) && !a.getName().equals(b.getName())
              && !(call(a, node) instanceof Provider<?>)
              && !a.getReturnType().getSimpleName().equals("Creator")) {
            assertThat(call(a, node)).as(context + ": " + a.getName() + " and " + b.getName())
                .isSameAs(call(b, node));
          }
        }
      }
    }

    private static boolean qualified(Method method) {
      return Stream.of(method.getAnnotations()).anyMatch(a -> Stream.of(
              a.annotationType().getAnnotations())
          .anyMatch(meta -> meta.annotationType().getSimpleName().equals("Qualifier")));
    }

    private static List<Method> entryPoints(Node node) {
      List<Method> found = new ArrayList<>();
      for (Class<?> face : node.getClass().getInterfaces()) {
        for (Method m : face.getMethods()) {
          if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && !m.isDefault()
              && m.getDeclaringClass() != Object.class) {
            found.add(m);
          }
        }
      }
      return found;
    }

    private static Object call(Method method, Object target, Object... arguments)
        throws Exception {
      method.setAccessible(true);
      try {
        return method.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw e;
      }
    }
  }
}
