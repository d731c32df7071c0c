package io.steelmill.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.runtime.Node;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile battery for factory hierarchies, at depth 1, 2 and 3, each program compiled in both
 * modes. What an ancestor declares ({@code @Provides}, {@code injected}) or the ambient factory
 * owns ({@code @Ambient}) works in every descendant even when nothing in the ancestor asks for
 * it: the program compiles, and its generated factories run, children created before and after
 * their parent started sharing one instance built and prepared before the parent sealed. A
 * descendant rebinding an ancestor's key, a qualifier that does not match, a cycle across the
 * parent/child boundary and a parent's binding that needs what only a child binds are compile
 * errors on the right line, whose trace goes through the child's injecting line.
 */
class HierarchyBatteryTest {
  private static final String HEAD =
      "package h;\nimport io.steelmill.*;\nimport io.steelmill.runtime.Lifecycle;\n"
          + "import io.steelmill.runtime.Provider;\n";

  /** Every program's event log: one per compilation, since each has its own class loader. */
  private static final String LOG =
      HEAD
          + "public final class Log {\n"
          + "  public static final java.util.List<String> EVENTS =\n"
          + "      new java.util.concurrent.CopyOnWriteArrayList<>();\n"
          + "  static void add(String event) { EVENTS.add(event); }\n"
          + "}\n";

  /** A daemon that logs its construction and its prepare and stop. */
  private static String logged(String name, String parameters) {
    return "@Daemon final class " + name + " implements Lifecycle {\n"
        + "  final Object[] deps;\n"
        + "  " + name + "(" + parameters + ") { deps = new Object[] {"
        + argumentNames(parameters) + "}; Log.add(\"new " + name + "\"); }\n"
        + "  @Override public void prepare() { Log.add(\"prepare " + name + "\"); }\n"
        + "  @Override public void stop() { Log.add(\"stop " + name + "\"); }\n"
        + "}\n";
  }

  private static String argumentNames(String parameters) {
    if (parameters.isBlank()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (String parameter : parameters.split(",")) {
      String[] words = parameter.trim().split(" ");
      names.add(words[words.length - 1]);
    }
    return String.join(", ", names);
  }

  /** What a compiled program does at run time, through reflection on its generated classes. */
  interface Script {
    void run(World world) throws Exception;
  }

  /**
   * One program: compiles in both modes, and either runs {@code script} or fails with {@code
   * code} on the line containing {@code line}, its message containing each of {@code texts}.
   */
  record Case(String name, String text, ErrorCode code, String line, List<String> texts,
      Script script) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case ok(String name, String text, Script script) {
    return new Case(name, text, null, null, List.of(), script);
  }

  private static Case wrong(String name, ErrorCode code, String line, String text,
      String... texts) {
    return new Case(name, text, code, line, List.of(texts), null);
  }

  static Stream<Case> cases() {
    return Stream.of(declared(), ambient(), creators(), shadows(), mistakes(), deep())
        .flatMap(List::stream);
  }

  private static final int DEPTH = 24;

  /**
   * A chain of {@link #DEPTH} factories, each providing a value only the leaf below the last one
   * needs: every factory takes its own in for the leaf (this once took time exponential in the
   * depth).
   */
  static List<Case> deep() {
    StringBuilder text = new StringBuilder();
    List<String> parameters = new ArrayList<>();
    for (int i = 0; i < DEPTH; i++) {
      text.append("record V").append(i).append("(int v) {}\n");
      text.append(i == 0 ? "@Factory" : "@Factory(parent = F" + (i - 1) + ".class)")
          .append(" interface F").append(i).append(" {\n  @Provides static V").append(i)
          .append(" v").append(i).append("() { return new V").append(i).append("(")
          .append(i).append("); } }\n");
      parameters.add("V" + i + " v" + i);
    }
    text.append(logged("Worker", String.join(", ", parameters)));
    text.append("@Factory(parent = F").append(DEPTH - 1).append(".class)")
        .append(" interface Leaf { Worker worker(); }\n");
    return List.of(
        ok("a chain of " + DEPTH + " factories, each declaring one value only the leaf uses",
            text.toString(),
            world -> {
              Node node = world.root("F0").start();
              for (int i = 1; i < DEPTH; i++) {
                node = world.child(node, "F" + i, "f" + i).start();
              }
              Object[] deps = world.deps(world.call(world.child(node, "Leaf", "leaf"), "worker"));
              for (int i = 0; i < DEPTH; i++) {
                assertThat(deps[i].toString()).isEqualTo("V" + i + "[v=" + i + "]");
              }
            }));
  }

  /** A provides method or injected type of an ancestor nothing in that ancestor asks for. */
  static List<Case> declared() {
    String config = "record Config(String value) {}\n";
    String rootProvides =
        "@Factory interface Root {\n"
            + "  @Provides static Config config() { Log.add(\"provide Config\");"
            + " return new Config(\"c\"); }\n}\n";
    return List.of(
        ok("depth 1: a child uses its parent's provides method, unused by the parent",
            config + rootProvides + logged("Worker", "Config config")
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root");
              root.start();
              assertThat(world.events()).containsExactly("provide Config");
              Node one = world.child(root, "Lease", "one");
              Node two = world.child(root, "Lease", "two");
              Object first = world.deps(world.call(one, "worker"))[0];
              assertThat(world.deps(world.call(two, "worker"))[0]).isSameAs(first);
              assertThat(world.events()).containsOnlyOnce("provide Config");
              world.afterStop(root, "Lease", "worker");
            }),
        ok("depth 2: a grandchild uses its grandparent's provides method",
            config + rootProvides + logged("Worker", "Config config")
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root");
              root.start();
              assertThat(world.events()).containsExactly("provide Config");
              Node mid = world.child(root, "Mid", "mid");
              mid.start();
              Object a = world.deps(world.call(world.child(mid, "Leaf", "a"), "worker"))[0];
              Node otherMid = world.child(root, "Mid", "other").start();
              Object b = world.deps(world.call(world.child(otherMid, "Leaf", "b"), "worker"))[0];
              assertThat(b).isSameAs(a);
              world.afterStop(mid, "Leaf", "worker");
            }),
        ok("depth 3: a great-grandchild uses a provides method and an injected type of the root",
            config + "record Token(int id) {}\n"
                + "@Factory(injected = Token.class) interface Root {\n"
                + "  @Provides static Config config(Token token) { Log.add(\"provide Config\");"
                + " return new Config(\"c\" + token.id()); }\n}\n"
                + logged("Worker", "Config config, Token token")
                + "@Factory(parent = Root.class) interface A {}\n"
                + "@Factory(parent = A.class) interface B {}\n"
                + "@Factory(parent = B.class) interface C { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root");
              world.inject(root, "Token", world.make("Token", 7));
              root.start();
              assertThat(world.events()).containsExactly("provide Config");
              Node a = world.child(root, "A", "a").start();
              Node b = world.child(a, "B", "b").start();
              Object[] deps = world.deps(world.call(world.child(b, "C", "c"), "worker"));
              assertThat(deps[0].toString()).isEqualTo("Config[value=c7]");
              assertThat(deps[1].toString()).isEqualTo("Token[id=7]");
              world.afterStop(b, "C", "worker");
            }),
        ok("an injected type of the root only a grandchild uses: a missing inject fails start",
            "record Token(int id) {}\n" + logged("Worker", "Token token")
                + "@Factory(injected = Token.class) interface Root {}\n"
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            world -> {
              Node bare = world.root("Root");
              Throwable thrown = catchThrowable(bare::start);
              assertThat(thrown).as("start without the injected Token").isNotNull();
              assertThat(thrown.getMessage()).contains("Token");
              Node root = world.root("Root");
              Object token = world.make("Token", 3);
              world.inject(root, "Token", token);
              root.start();
              Node mid = world.child(root, "Mid", "mid").start();
              assertThat(world.deps(world.call(world.child(mid, "Leaf", "l"), "worker"))[0])
                  .isSameAs(token);
            }),
        ok("a parent's provides needing other parent-only provides and a daemon, all prepared"
                + " before the parent seals",
            "record Host(String name) {}\nrecord Port(int number) {}\nrecord Url(String text) {}\n"
                + logged("Resolver", "")
                + "@Factory interface Root {\n"
                + "  @Provides static Host host() { return new Host(\"h\"); }\n"
                + "  @Provides static Port port(Resolver resolver) { return new Port(80); }\n"
                + "  @Provides static Url url(Host host, Port port) {"
                + " return new Url(host.name() + \":\" + port.number()); }\n}\n"
                + logged("Worker", "Url url, Resolver resolver")
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root");
              root.start();
              assertThat(world.events()).containsExactly("new Resolver", "prepare Resolver");
              Node one = world.child(root, "Lease", "one");
              Object[] deps = world.deps(world.call(one, "worker"));
              one.start();
              assertThat(deps[0].toString()).isEqualTo("Url[text=h:80]");
              Node two = world.child(root, "Lease", "two");
              assertThat(world.deps(world.call(two, "worker"))[1]).isSameAs(deps[1]);
              assertThat(world.events()).containsOnlyOnce("new Resolver");
              world.afterStop(root, "Lease", "worker");
            }),
        ok("two sibling children need one provided type: one instance, made once",
            config + rootProvides + logged("Worker", "Config config")
                + logged("Reader", "Config config")
                + "@Factory(parent = Root.class) interface Writes { Worker worker(); }\n"
                + "@Factory(parent = Root.class) interface Reads { Reader reader(); }\n",
            world -> {
              Node root = world.root("Root");
              root.start();
              Object a = world.deps(world.call(world.child(root, "Writes", "w"), "worker"))[0];
              Object b = world.deps(world.call(world.child(root, "Reads", "r"), "reader"))[0];
              assertThat(b).isSameAs(a);
              assertThat(world.events()).containsOnlyOnce("provide Config");
            }),
        ok("a child created before its parent starts uses the parent's provides",
            config + rootProvides + logged("Worker", "Config config")
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root");
              Node early = world.child(root, "Lease", "early");
              Object made = world.deps(world.call(early, "worker"))[0];
              root.start();
              early.start();
              Node late = world.child(root, "Lease", "late");
              assertThat(world.deps(world.call(late, "worker"))[0]).isSameAs(made);
            }),
        ok("a daemon only children need, reached by no ancestor, is each child's own",
            logged("Scratch", "") + logged("Worker", "Scratch scratch")
                + "@Factory interface Root {}\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root").start();
              Object a = world.deps(world.call(world.child(root, "Lease", "a"), "worker"))[0];
              Object b = world.deps(world.call(world.child(root, "Lease", "b"), "worker"))[0];
              assertThat(b).isNotSameAs(a);
            }),
        ok("a daemon a parent's provides needs is the parent's, also for a child asking itself",
            "record Url(String text) {}\n" + logged("Resolver", "")
                + "@Factory interface Root {\n"
                + "  @Provides static Url url(Resolver resolver) { return new Url(\"u\"); }\n}\n"
                + logged("Worker", "Url url, Resolver resolver")
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root").start();
              Object a = world.deps(world.call(world.child(root, "Lease", "a"), "worker"))[1];
              Object b = world.deps(world.call(world.child(root, "Lease", "b"), "worker"))[1];
              assertThat(b).isSameAs(a);
              assertThat(world.events()).containsOnlyOnce("new Resolver");
            }),
        ok("a qualified provides of the root, asked for with the same qualifier by a grandchild",
            "@Factory interface Root {\n"
                + "  @Provides @Named(\"region\") static String region() { return \"eu\"; }\n"
                + "  @Provides @Named(\"zone\") static String zone() { return \"z1\"; }\n}\n"
                + logged("Worker", "@Named(\"zone\") String zone")
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root").start();
              Node mid = world.child(root, "Mid", "m").start();
              assertThat(world.deps(world.call(world.child(mid, "Leaf", "l"), "worker"))[0])
                  .isEqualTo("z1");
            }),
        ok("a child's own provides uses its parent's declared provides",
            config + rootProvides + "record Derived(String text) {}\n"
                + "@Factory(parent = Root.class) interface Lease {\n"
                + "  Derived derived();\n"
                + "  @Provides static Derived derived(Config config) {"
                + " return new Derived(config.value() + \"!\"); }\n}\n",
            world -> {
              Node root = world.root("Root").start();
              assertThat(world.call(world.child(root, "Lease", "l"), "derived").toString())
                  .isEqualTo("Derived[text=c!]");
            }),
        ok("a middle factory's provides, unused by it, serves its child; the root knows nothing",
            config + "@Factory interface Root {}\n"
                + "@Factory(parent = Root.class) interface Mid {\n"
                + "  @Provides static Config config() { Log.add(\"provide Config\");"
                + " return new Config(\"m\"); }\n}\n"
                + logged("Worker", "Config config")
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root").start();
              Node mid = world.child(root, "Mid", "m").start();
              assertThat(world.events()).containsExactly("provide Config");
              Object a = world.deps(world.call(world.child(mid, "Leaf", "a"), "worker"))[0];
              Object b = world.deps(world.call(world.child(mid, "Leaf", "b"), "worker"))[0];
              assertThat(b).isSameAs(a);
              world.afterStop(mid, "Leaf", "worker");
            }),
        ok("a provider of a parent's declared binding, asked for by a child",
            config + rootProvides
                + "@Daemon final class Worker { final Provider<Config> config;"
                + " Worker(Provider<Config> config) { this.config = config; } }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            world -> {
              Node root = world.root("Root").start();
              Object worker = world.call(world.child(root, "Lease", "l"), "worker");
              Field field = worker.getClass().getDeclaredField("config");
              field.setAccessible(true);
              Object provider = field.get(worker);
              Method get = provider.getClass().getMethod("get");
              get.setAccessible(true);
              assertThat(get.invoke(provider).toString()).isEqualTo("Config[value=c]");
            }));
  }

  /** An {@code @Ambient} daemon asked for only by descendants. */
  static List<Case> ambient() {
    return List.of(
        ok("a child needs an @Ambient daemon its host never asks for",
            "@Ambient @Daemon final class Pool implements Lifecycle {\n"
                + "  @Override public void prepare() { Log.add(\"prepare Pool\"); } }\n"
                + logged("Worker", "Pool pool")
                + "@Factory interface Host {}\n"
                + "@Factory(parent = Host.class) interface Lease { Worker worker(); }\n",
            world -> {
              Object ambient = world.ambient("Host");
              Node first = world.node(ambient, "Host", "first").start();
              assertThat(world.events()).containsExactly("prepare Pool");
              Node second = world.node(ambient, "Host", "second").start();
              Object a = world.deps(world.call(world.child(first, "Lease", "a"), "worker"))[0];
              Object b = world.deps(world.call(world.child(second, "Lease", "b"), "worker"))[0];
              assertThat(b).isSameAs(a);
              assertThat(world.events()).containsOnlyOnce("prepare Pool");
              ((Node) ambient).close();
            }),
        ok("a grandchild needs an @Ambient daemon that needs a provides of the root",
            "record Limit(int value) {}\n"
                + "@Ambient @Daemon final class Pool { final Limit limit;"
                + " Pool(Limit limit) { this.limit = limit; } }\n"
                + logged("Worker", "Pool pool")
                + "@Factory interface Host {\n"
                + "  @Provides static Limit limit() { return new Limit(4); } }\n"
                + "@Factory(parent = Host.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            world -> {
              Object ambient = world.ambient("Host");
              Node host = world.node(ambient, "Host", "h").start();
              Node mid = world.child(host, "Mid", "m").start();
              Object pool = world.deps(world.call(world.child(mid, "Leaf", "l"), "worker"))[0];
              Field limit = pool.getClass().getDeclaredField("limit");
              limit.setAccessible(true);
              assertThat(limit.get(pool).toString()).isEqualTo("Limit[value=4]");
              ((Node) ambient).close();
            }));
  }

  /** A daemon of the parent creating lease-scoped children from the child's injected creator. */
  static List<Case> creators() {
    return List.of(
        ok("a parent daemon creates lease children that use the parent's declared provides",
            "record Config(String value) {}\n"
                + "@Factory interface Root { Spawner spawner();\n"
                + "  @Provides static Config config() { return new Config(\"c\"); } }\n"
                + logged("Worker", "Config config")
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n"
                + "@Daemon final class Spawner {\n"
                + "  final SteelmillLease.Creator leases;\n"
                + "  Spawner(SteelmillLease.Creator leases) { this.leases = leases; }\n"
                + "  public Object spawn(String name) {\n"
                + "    SteelmillLease lease = leases.create(name);\n"
                + "    Object config = lease.worker().deps[0];\n"
                + "    lease.start();\n"
                + "    lease.close();\n"
                + "    return config;\n"
                + "  }\n}\n",
            world -> {
              Node root = world.root("Root");
              Object spawner = world.call(root, "spawner");
              root.start();
              Method spawn = spawner.getClass().getMethod("spawn", String.class);
              spawn.setAccessible(true);
              Object a = spawn.invoke(spawner, "a");
              Object b = spawn.invoke(spawner, "b");
              assertThat(b).isSameAs(a);
              assertThat(world.events()).containsSubsequence(
                  "new Worker", "prepare Worker", "stop Worker", "new Worker");
            }));
  }

  /** A descendant binding a key an ancestor binds too. */
  static List<Case> shadows() {
    String config = "record Config(String value) {}\n";
    return List.of(
        wrong("depth 1: a child's provides of a key its parent provides and uses",
            ErrorCode.DuplicateBinding, "static Config leaseConfig()",
            config + "@Factory interface Root { Config config();\n"
                + "  @Provides static Config rootConfig() { return new Config(\"r\"); } }\n"
                + "@Daemon final class Worker { Worker(Config config) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker();\n"
                + "  @Provides static Config leaseConfig() { return new Config(\"l\"); } }\n",
            "Config is bound more than once:",
            "@Provides Root.rootConfig() (in ancestor factory Root)",
            "@Provides Lease.leaseConfig() (in factory Lease)",
            "[Root > Lease] Worker(Config config)",
            "Fix: keep one binding, or tell them apart with a qualifier"),
        wrong("depth 1: a child's provides of a key its parent declares but never uses",
            ErrorCode.DuplicateBinding, "static Config leaseConfig()",
            config + "@Factory interface Root {\n"
                + "  @Provides static Config rootConfig() { return new Config(\"r\"); } }\n"
                + "@Factory(parent = Root.class) interface Lease { Config config();\n"
                + "  @Provides static Config leaseConfig() { return new Config(\"l\"); } }\n",
            "@Provides Root.rootConfig() (in ancestor factory Root)",
            "[Root > Lease] Lease.config()"),
        wrong("depth 1: a child injects a type its parent injects",
            ErrorCode.DuplicateBinding, "interface Lease",
            "record Token(int id) {}\n@Factory(injected = Token.class) interface Root {}\n"
                + "@Daemon final class Worker { Worker(Token token) {} }\n"
                + "@Factory(parent = Root.class, injected = Token.class)\n"
                + "interface Lease { Worker worker(); }\n",
            "@Factory(injected = Token.class) on Root",
            "@Factory(injected = Token.class) on Lease"),
        wrong("depth 1: a child injects a type its parent provides",
            ErrorCode.DuplicateBinding, "interface Lease",
            config + "@Factory interface Root {\n"
                + "  @Provides static Config rootConfig() { return new Config(\"r\"); } }\n"
                + "@Factory(parent = Root.class, injected = Config.class)\n"
                + "interface Lease { Config config(); }\n",
            "@Provides Root.rootConfig()", "@Factory(injected = Config.class) on Lease"),
        wrong("depth 2: a grandchild provides what its grandparent provides",
            ErrorCode.DuplicateBinding, "static Config leafConfig()",
            config + "@Factory interface Root {\n"
                + "  @Provides static Config rootConfig() { return new Config(\"r\"); } }\n"
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Config config();\n"
                + "  @Provides static Config leafConfig() { return new Config(\"l\"); } }\n",
            "(in ancestor factory Root)", "[Root > Mid > Leaf] Leaf.config()"),
        wrong("depth 3: a middle factory and the root both declare what a leaf needs",
            ErrorCode.DuplicateBinding, "static Config midConfig()",
            config + "@Factory interface Root {\n"
                + "  @Provides static Config rootConfig() { return new Config(\"r\"); } }\n"
                + "@Factory(parent = Root.class) interface A {}\n"
                + "@Factory(parent = A.class) interface B {\n"
                + "  @Provides static Config midConfig() { return new Config(\"b\"); } }\n"
                + "@Daemon final class Worker { Worker(Config config) {} }\n"
                + "@Factory(parent = B.class) interface C { Worker worker(); }\n",
            "@Provides Root.rootConfig() (in ancestor factory Root)",
            "@Provides B.midConfig() (in factory B)",
            "[Root > A > B > C] Worker(Config config)"),
        wrong("a child's provides of a daemon class its parent's graph builds",
            ErrorCode.DuplicateBinding, "static Store store()",
            "@Daemon final class Store {}\n@Factory interface Root { Store store(); }\n"
                + "@Factory(parent = Root.class) interface Lease { Store mine();\n"
                + "  @Provides static Store store() { return new Store(); } }\n",
            "@Daemon Store()", "@Provides Lease.store()"),
        wrong("a child's provides in a module, of a key its parent's module provides",
            ErrorCode.DuplicateBinding, "static Config second()",
            config + "final class RootModule {\n"
                + "  @Provides static Config first() { return new Config(\"1\"); } }\n"
                + "final class LeaseModule {\n"
                + "  @Provides static Config second() { return new Config(\"2\"); } }\n"
                + "@Factory(modules = RootModule.class) interface Root {}\n"
                + "@Factory(parent = Root.class, modules = LeaseModule.class)\n"
                + "interface Lease { Config config(); }\n",
            "@Provides RootModule.first() (in ancestor factory Root)",
            "@Provides LeaseModule.second() (in factory Lease)"));
  }

  /** Qualifier mismatches, cycles across the boundary, a parent needing a child's binding. */
  static List<Case> mistakes() {
    return List.of(
        wrong("a qualifier that no ancestor's provides carries", ErrorCode.MissingBinding,
            "Worker(@Named(\"b\") String name)",
            "@Factory interface Root {\n"
                + "  @Provides @Named(\"a\") static String a() { return \"a\"; } }\n"
                + "@Daemon final class Worker {\n  Worker(@Named(\"b\") String name) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            "@Named(\"b\") String cannot be provided", "nor its parent factory",
            "[Root > Lease] Worker(String name)"),
        wrong("an unqualified request of a type the root provides qualified only",
            ErrorCode.MissingBinding, "Worker(String name)",
            "@Factory interface Root {\n"
                + "  @Provides @Named(\"a\") static String a() { return \"a\"; } }\n"
                + "@Daemon final class Worker {\n  Worker(String name) {} }\n"
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            "String cannot be provided", "[Root > Mid > Leaf] Leaf.worker()"),
        wrong("a qualified request of a type the root provides unqualified",
            ErrorCode.MissingBinding, "Worker(@Named(\"a\") String name)",
            "@Factory interface Root {\n"
                + "  @Provides static String a() { return \"a\"; } }\n"
                + "@Daemon final class Worker {\n  Worker(@Named(\"a\") String name) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            "@Named(\"a\") String cannot be provided"),
        wrong("a cycle through a parent's provides, needed only by a child",
            ErrorCode.DependencyCycle, "static Url url(Resolver resolver)",
            "record Url(String text) {}\n"
                + "@Factory interface Root {\n"
                + "  @Provides static Url url(Resolver resolver) { return new Url(\"u\"); } }\n"
                + "@Daemon final class Resolver { Resolver(Url url) {} }\n"
                + "@Daemon final class Worker { Worker(Url url) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            "Found a dependency cycle:", "The cycle is requested via:",
            "[Root > Lease] Worker(Url url)", "[Root > Lease] Lease.worker()"),
        wrong("a cycle across the boundary: a parent's provides needs the child's daemon",
            ErrorCode.DependencyCycle, "static Url url(Worker worker)",
            "record Url(String text) {}\n"
                + "@Factory interface Root {\n"
                + "  @Provides static Url url(Worker worker) { return new Url(\"u\"); } }\n"
                + "@Daemon final class Worker { Worker(Url url) {} }\n"
                + "@Factory(parent = Root.class) interface Mid {}\n"
                + "@Factory(parent = Mid.class) interface Leaf { Worker worker(); }\n",
            "Found a dependency cycle:", "[Root] Root.url(Worker worker)",
            "Worker is requested at\n        [Root > Mid > Leaf] Leaf.worker()"),
        wrong("a parent's provides needs a type only its child injects",
            ErrorCode.MissingBinding, "static Url url(Token token)",
            "record Token(int id) {}\nrecord Url(String text) {}\n"
                + "@Factory interface Root {\n"
                + "  @Provides static Url url(Token token) { return new Url(\"u\"); } }\n"
                + "@Daemon final class Worker { Worker(Url url) {} }\n"
                + "@Factory(parent = Root.class, injected = Token.class)\n"
                + "interface Lease { Worker worker(); }\n",
            "Token cannot be provided",
            "child factory Lease declares it, but a binding of Root cannot use what its child"
                + " binds",
            "[Root] Root.url(Token token)", "[Root > Lease] Worker(Url url)",
            "Or move that binding from Lease to Root."),
        wrong("a parent's provides, needed only by a child, with a missing dependency",
            ErrorCode.MissingBinding, "static Url url(Host host)",
            "final class Host {}\nrecord Url(String text) {}\n"
                + "@Factory interface Root {\n"
                + "  @Provides static Url url(Host host) { return new Url(\"u\"); } }\n"
                + "@Daemon final class Worker { Worker(Url url) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            "Host cannot be provided", "Host is injected at\n        [Root] Root.url(Host host)",
            "Url is injected at\n        [Root > Lease] Worker(Url url)",
            "Worker is requested at\n        [Root > Lease] Lease.worker()"),
        wrong("a root's provides for one mode only, needed by a child in both",
            ErrorCode.ModeOnlyBinding, "Worker(Config config)",
            "record Config(String value) {}\n"
                + "@Factory interface Root {\n"
                + "  @Simulation @Provides static Config config() { return new Config(\"s\"); } }\n"
                + "@Daemon final class Worker { Worker(Config config) {} }\n"
                + "@Factory(parent = Root.class) interface Lease { Worker worker(); }\n",
            "Config has a binding in simulation mode only"),
        wrong("an @Ambient daemon only a child needs depends on a per-node daemon",
            ErrorCode.AmbientDependsOnNode, "Pool(Local local)",
            "@Daemon final class Local {}\n"
                + "@Ambient @Daemon final class Pool { Pool(Local local) {} }\n"
                + "@Daemon final class Worker { Worker(Pool pool) {} }\n"
                + "@Factory interface Host {}\n"
                + "@Factory(parent = Host.class) interface Lease { Worker worker(); }\n",
            "@Ambient daemon Pool depends on Local, which is per node",
            "[Host > Lease] Worker(Pool pool)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesAndRunsOrFailsOnTheRightLine(Case c) throws Exception {
    JavaFileObject program = Compiler.source("h.Program", HEAD + c.text());
    JavaFileObject log = Compiler.source("h.Log", LOG);
    for (List<String> options :
        List.of(List.<String>of(), List.of("-Asteelmill.mode=simulation"))) {
      Compilation compilation =
          Compiler.compile(new Processor[] {new SteelmillProcessor()}, options, program, log);
      List<String> messages = HostileInputTest.messages(compilation);
      String shown = c + " " + options + ": " + messages;
      assertThat(messages).as(shown).noneMatch(m -> m.contains("ProcessorCrash"));
      if (c.code() == null) {
        assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.SUCCESS);
        c.script().run(new World(ClassFiles.loader(ClassFiles.of(compilation))));
        continue;
      }
      assertThat(compilation.status()).as(shown).isEqualTo(Compilation.Status.FAILURE);
      Diagnostic<? extends JavaFileObject> ours = compilation.errors().stream()
          .filter(d -> DiagnosticsTest.text(d).contains(c.code().tag()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + c.code().tag() + " in " + shown));
      String text = DiagnosticsTest.text(ours);
      for (String expected : c.texts()) {
        assertThat(text).as(shown).contains(expected);
      }
      assertThat(text).as(shown).contains("\nFix: ");
      assertThat(ours.getSource()).as(shown).isNotNull();
      assertThat(ours.getLineNumber()).as(shown).isEqualTo(lineOf(HEAD + c.text(), c.line()));
      for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
        assertThat(error.getSource()).as("file of " + DiagnosticsTest.text(error)).isNotNull();
        assertThat(error.getLineNumber()).as("line of " + DiagnosticsTest.text(error))
            .isPositive();
      }
    }
  }

  private static long lineOf(String text, String fragment) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError(fragment + " is in no line");
  }

  /** The generated classes of one compilation, driven through reflection. */
  static final class World {
    private final ClassLoader loader;

    World(ClassLoader loader) {
      this.loader = loader;
    }

    Class<?> type(String simpleName) throws ClassNotFoundException {
      return loader.loadClass("h." + simpleName);
    }

    /** {@code SteelmillX.create()}: a root node with an ambient factory of its own. */
    Node root(String factory) throws Exception {
      return (Node) type("Steelmill" + factory).getMethod("create").invoke(null);
    }

    /** {@code SteelmillX.ambient()}. */
    Object ambient(String factory) throws Exception {
      return type("Steelmill" + factory).getMethod("ambient").invoke(null);
    }

    /** {@code ambient.node(name)}: a host sharing the ambient factory's daemons. */
    Node node(Object ambient, String factory, String name) throws Exception {
      return (Node) invoke(ambient.getClass().getMethod("node", String.class), ambient, name);
    }

    /** {@code SteelmillChild.create(parent, name)}. */
    Node child(Node parent, String factory, String name) throws Exception {
      Class<?> child = type("Steelmill" + factory);
      for (Method create : child.getMethods()) {
        if (create.getName().equals("create") && create.getParameterCount() == 2) {
          return (Node) invoke(create, null, parent, name);
        }
      }
      throw new AssertionError("no create(parent, name) on " + child);
    }

    Object call(Node node, String entryPoint) throws Exception {
      return invoke(node.getClass().getMethod(entryPoint), node);
    }

    /** The dependencies a {@link #logged} daemon was constructed with. */
    Object[] deps(Object daemon) throws Exception {
      Field deps = daemon.getClass().getDeclaredField("deps");
      deps.setAccessible(true);
      return (Object[]) deps.get(daemon);
    }

    /** A record of the program, made through its one constructor. */
    Object make(String record, Object... arguments) throws Exception {
      var constructor = type(record).getDeclaredConstructors()[0];
      constructor.setAccessible(true);
      return constructor.newInstance(arguments);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void inject(Node node, String type, Object instance) throws Exception {
      node.inject((Class) type(type), instance);
    }

    @SuppressWarnings("unchecked")
    List<String> events() throws Exception {
      return (List<String>) type("Log").getField("EVENTS").get(null);
    }

    /**
     * Once {@code parent} stopped, a new child asking for its entry point is a clear error that
     * names the parent: never a hang, a null or an exception of ours.
     */
    void afterStop(Node parent, String factory, String entryPoint) {
      parent.close();
      Throwable thrown = catchThrowable(() -> {
        Node late = child(parent, factory, "after-stop");
        call(late, entryPoint);
        late.start();
      });
      assertThat(thrown).as("a child of a stopped parent").isNotNull();
      assertThat(thrown).isNotInstanceOfAny(NullPointerException.class, ClassCastException.class,
          ArrayIndexOutOfBoundsException.class, AssertionError.class);
      assertThat(thrown.getMessage()).contains(parent.name());
    }

    private static Object invoke(Method method, Object target, Object... arguments)
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
