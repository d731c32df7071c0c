package io.steelmill.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One negative test per {@link ErrorCode}: the compilation fails with the tag, the text and the
 * {@code Fix:} line, on the right line of the right file, and the processor never crashes.
 */
class DiagnosticsTest {

  /** A failing compilation and what its error must say, where. */
  record Case(
      ErrorCode code,
      List<String> options,
      List<JavaFileObject> sources,
      String lineContaining,
      String text,
      Supplier<Processor[]> processors) {
    Case(ErrorCode code, List<String> options, List<JavaFileObject> sources,
        String lineContaining, String text) {
      this(code, options, sources, lineContaining, text,
          () -> new Processor[] {new SteelmillProcessor()});
    }

    @Override
    public String toString() {
      return code.name();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            ErrorCode.MissingBinding,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store { Store(Database db) {} }",
                    "class Database {}",
                    "@Factory interface App { Store store(); }")),
            "Store(Database db)",
            "Database cannot be provided: no @Daemon class, no @Provides method in App or its"
                + " modules binds it.\n"
                + "    Database is injected at\n"
                + "        [App] Store(Database db)\n"
                + "    Store is requested at\n"
                + "        [App] App.store()\n"
                + "Fix: annotate the class with @Daemon, or add a static @Provides method returning"
                + " Database to App."),
        new Case(
            ErrorCode.ModeOnlyBinding,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Simulation @Daemon class SimClock {}",
                    "@Daemon class Store { Store(SimClock clock) {} }",
                    "@Factory interface App { Store store(); }")),
            "Store(SimClock clock)",
            "In production mode, SimClock has a binding in simulation mode only, but is needed by a"
                + " binding present in production mode."),
        new Case(
            ErrorCode.DependencyCycle,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class A { A(B b) {} }",
                    "@Daemon class B { B(A a) {} }",
                    "@Factory interface App { A a(); }")),
            "class A",
            "Found a dependency cycle:\n"
                + "    B is injected at\n"
                + "        [App] A(B b)\n"
                + "    A is injected at\n"
                + "        [App] B(A a)\n"
                + "    ...\n"
                + "The cycle is requested via:\n"
                + "    A is requested at\n"
                + "        [App] App.a()\n"
                + "Fix: break the loop by injecting Provider<A> instead of A"),
        new Case(
            ErrorCode.DuplicateBinding,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Db {}",
                    "@Factory interface App {",
                    "  Db db();",
                    "  @Provides static Db provideDb() { return new Db(); }",
                    "}")),
            "class Db",
            "Db is bound more than once:\n    @Provides App.provideDb()\n    @Daemon Db()"),
        new Case(
            ErrorCode.CreatorOutOfScope,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Boss { Boss(SteelmillLeaf.Creator leaves) {} }",
                    "@Factory interface App { Boss boss(); }",
                    "@Factory(parent = App.class) interface Mid {}",
                    "@Factory(parent = Mid.class) interface Leaf {}")),
            "Boss(SteelmillLeaf.Creator leaves)",
            "Boss needs SteelmillLeaf.Creator, but SteelmillLeaf is not the generated class of a"
                + " child factory of App"),
        new Case(
            ErrorCode.CreatorOutOfScope,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Ambient @Daemon class Boss { Boss(SteelmillLease.Creator leases) {} }",
                    "@Factory interface App { Boss boss(); }",
                    "@Factory(parent = App.class) interface Lease {}")),
            "Boss(SteelmillLease.Creator leases)",
            "@Ambient daemon Boss needs SteelmillLease.Creator, but an @Ambient daemon is shared"
                + " by every node"),
        new Case(
            ErrorCode.AmbientDependsOnNode,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Host {}",
                    "@Ambient @Daemon class Net { Net(Host host) {} }",
                    "@Factory interface App { Net net(); }")),
            "Net(Host host)",
            "@Ambient daemon Net depends on Host, which is per node"),
        new Case(
            ErrorCode.AmbientDependsOnNode,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Host {}",
                    "class Pool {}",
                    "@Ambient @Daemon class Net { Net(Pool pool) {} }",
                    "@Factory interface App {",
                    "  Net net();",
                    "  @Provides static Pool pool(Host host) { return new Pool(); }",
                    "}")),
            "static Pool pool(Host host)",
            "Pool (@Provides App.pool()), shared because an @Ambient daemon needs it, depends on"
                + " Host, which is per node"),
        new Case(
            ErrorCode.NoUsableConstructor,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class X { private X() {} }")),
            "class X",
            "X has no constructor a factory can call: every constructor is private."),
        new Case(
            ErrorCode.AmbiguousConstructor,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class X {",
                    "  X() {}",
                    "  X(String name) {}",
                    "}")),
            "class X",
            "X has 2 candidate constructors and none is marked @Inject."),
        new Case(
            ErrorCode.DaemonNotConstructible,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Outer {",
                    "  @Daemon class Inner {}",
                    "}")),
            "class Inner",
            "@Daemon cannot annotate Inner: it is an inner (non-static) class."),
        new Case(
            ErrorCode.ProvidesNotStatic,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Mod { @Provides String name() { return \"n\"; } }",
                    "@Factory(modules = Mod.class) interface App { String name(); }")),
            "String name()",
            "@Provides method Mod.name() must be static."),
        new Case(
            ErrorCode.ProvidesReturnsVoid,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {",
                    "  @Provides static void nothing() {}",
                    "}")),
            "static void nothing()",
            "@Provides method App.nothing() returns void, so it provides nothing."),
        new Case(
            ErrorCode.ProvidesNotListed,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Config { @Provides static String name() { return \"n\"; } }",
                    "@Factory interface App {}")),
            "static String name()",
            "@Provides method Config.name() sits in Config, which no @Factory lists."),
        new Case(
            ErrorCode.FactoryNotInterface,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory abstract class App {}")),
            "abstract class App",
            "@Factory cannot annotate App: it is an abstract class, and a factory must be an"
                + " interface."),
        new Case(
            ErrorCode.EntryPointHasParameters,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store {}",
                    "@Factory interface App { Store store(int shard); }")),
            "Store store(int shard)",
            "Entry point App.store() must take no parameters and no type parameters."),
        new Case(
            ErrorCode.EntryPointNameClash,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store {}",
                    "@Factory interface App {",
                    "  Store start();",
                    "}")),
            "Store start()",
            "Entry point App.start() clashes with a method of io.steelmill.runtime.Node of the"
                + " generated factory."),
        new Case(
            ErrorCode.ParentNotFactory,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory(parent = String.class) interface App {}")),
            "interface App",
            "@Factory(parent = String.class): String is not a @Factory interface."),
        new Case(
            ErrorCode.ChildOutsidePackage,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory public interface App {}"),
                source(
                    "other.Plugin",
                    "package other;",
                    "import io.steelmill.*;",
                    "@Factory(parent = test.App.class) interface Plugin {}")),
            "interface Plugin",
            "Child factory Plugin is in package other, but its parent App is in package test"),
        new Case(
            ErrorCode.FactoryTooLarge,
            List.of(),
            tooLargeFactory(13_000),
            "public interface Huge",
            "Factory Huge reaches 13000 bindings (0 of them reached by its child factories) in"
                + " production mode: its generated class would hold an accessor for each, and a"
                + " class file has room for about 12600."),
        new Case(
            ErrorCode.UnknownMode,
            List.of("-Asteelmill.mode=staging"),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {}")),
            null,
            "-Asteelmill.mode=staging is not a mode; the accepted values are production and"
                + " simulation."),
        new Case(
            ErrorCode.InvalidOption,
            List.of("-Asteelmill.strict=yes"),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {}")),
            null,
            "-Asteelmill.strict=yes is not a value this option accepts; the accepted values are"
                + " false and true.\nFix: use -Asteelmill.strict=true, or remove the option"),
        new Case(
            ErrorCode.UnknownOption,
            List.of("-Asteelmill.strcit=true"),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {}")),
            null,
            "-Asteelmill.strcit is not a Steelmill option; the options are steelmill.lint,"
                + " steelmill.mode, steelmill.strict."),
        new Case(
            ErrorCode.ProvidesNullable,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@interface Nullable {}",
                    "@Factory interface App {",
                    "  String name();",
                    "  @Provides @Nullable static String name0() { return null; }",
                    "}")),
            "static String name0()",
            "@Provides method App.name0() is marked @Nullable, but Steelmill never injects null"),
        new Case(
            ErrorCode.TypeNotInjectable,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {",
                    "  void run();",
                    "}")),
            "void run()",
            "void (returned by entry point App.run()) cannot be requested: void has no"
                + " instances.\nFix: return the daemon or value to expose"),
        new Case(
            ErrorCode.TypeNotInjectable,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "import io.steelmill.runtime.Provider;",
                    "@Daemon class Store {}",
                    "@Factory interface App {",
                    "  Provider<Store> stores();",
                    "  @Provides static Provider<Store> custom() { return Store::new; }",
                    "}")),
            "static Provider<Store> custom()",
            "Provider<Store> (App.custom()) cannot be provided: a request of a Provider always"
                + " gets the provider the factory makes for the key it gives, so no request could"
                + " reach this method.\nFix: return Store itself; the factory makes its Provider."),
        new Case(
            ErrorCode.AmbientWithoutDaemon,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Ambient class Registry {}",
                    "@Factory interface App {}")),
            "class Registry",
            "@Ambient on Registry has no effect: only a @Daemon class can be shared by the nodes"
                + " of a cluster.\nFix: add @Daemon to Registry, or remove @Ambient."),
        new Case(
            ErrorCode.GeneratedNameTooLong,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface " + "F".repeat(240) + " {}")),
            "interface FFFF",
            "The factory " + "F".repeat(40) + "... generates the class Steelmill" + "F".repeat(31)
                + "..., whose class file Steelmill" + "F".repeat(31) + "...$Ambient.class takes"
                + " 263 bytes, more than the 255 bytes a file name can have on common file"
                + " systems."),
        new Case(
            ErrorCode.GeneratedNameTaken,
            List.of(),
            List.of(
                source(
                    "test.Outer",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Outer {",
                    "  @Factory interface App {}",
                    "}"),
                source(
                    "test.Outer_App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface Outer_App {}")),
            "interface Outer_App",
            "The factory Outer_App generates the class SteelmillOuter_App, but the generated class"
                + " of the factory Outer.App already has that name.\nFix: rename Outer_App or"
                + " SteelmillOuter_App"),
        new Case(
            ErrorCode.NameHidden,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Bindings {}",
                    "@Factory interface App {",
                    "  Bindings b();",
                    "  int io = 1;",
                    "}")),
            "interface App",
            "The factory App generates the class SteelmillApp, which must name the class"
                + " io.steelmill.runtime.internal.Bindings; but there io is a field of the"
                + " generated class (or a constant of the factory interface), which hides it.\n"
                + "Fix: rename io (or the class or package it hides), or move App to another"
                + " package"),
        new Case(
            ErrorCode.GeneratedFileNotWritten,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {}")),
            "interface App",
            "Could not write SteelmillApp, the generated class of App: Attempt to recreate a file"
                + " for type test.SteelmillApp.",
            () -> new Processor[] {new SourceWriter("test.SteelmillApp"), new SteelmillProcessor()}),
        new Case(
            ErrorCode.ProcessorPathIncomplete,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store {}",
                    "@Factory interface App { Store store(); }")),
            "interface App",
            "The Steelmill processor cannot run: the class io.steelmill.processor.writing.",
            () -> new Processor[] {ProcessorPaths.partialJar()}),
        new Case(
            ErrorCode.TypeNotVisible,
            List.of(),
            List.of(
                source(
                    "other.Db",
                    "package other;",
                    "import io.steelmill.*;",
                    "@Daemon public class Db { Db() {} }"),
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory public interface App { other.Db db(); }")),
            "public class Db",
            "Db() is not visible from package test, where the generated factory SteelmillApp"
                + " lives: Db() is not public and sits in package other."),
        new Case(
            ErrorCode.BothModes,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Production @Simulation @Daemon class X {}")),
            "class X",
            "X is marked both @Production and @Simulation."),
        new Case(
            ErrorCode.EntryPointInheritedTwice,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Disk {}",
                    "@Daemon class Store {}",
                    "interface Reads { Disk store(); }",
                    "interface Writes { Store store(); }",
                    "@Factory interface App extends Reads, Writes {}")),
            "interface App extends",
            "App inherits the entry point store() twice, returning Disk and Store: its generated"
                + " class can implement only one."),
        new Case(
            ErrorCode.QualifierWithoutEffect,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "class X { @Named(\"x\") static String name() { return \"x\"; } }")),
            "static String name()",
            "@Named on name has no effect: only a @Provides method or an entry point of a @Factory"
                + " interface has a key."),
        new Case(
            ErrorCode.ModeWithoutEffect,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "class X { @Simulation static String name() { return \"x\"; } }")),
            "static String name()",
            "@Simulation on name has no effect: only a @Daemon class, a @Provides method or an"
                + " interface naming its implementation exists in one mode."),
        new Case(
            ErrorCode.ModeValueMisplaced,
            List.of(),
            List.of(
                source(
                    "test.X",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Y {}",
                    "@Production(Y.class) @Daemon class X {}")),
            "class X",
            "@Production(Y.class) names an implementation, which only an interface can have; X is"
                + " not one."),
        new Case(
            ErrorCode.ImplementationMismatch,
            List.of(),
            List.of(
                source(
                    "test.Clock",
                    "package test;",
                    "import io.steelmill.*;",
                    "class Other {}",
                    "@Production(Other.class) interface Clock {}")),
            "interface Clock",
            "@Production(Other.class) on Clock names a class that does not implement it."),
        new Case(
            ErrorCode.ImplementationNotConstructible,
            List.of(),
            List.of(
                source(
                    "test.Clock",
                    "package test;",
                    "import io.steelmill.*;",
                    "abstract class BaseClock implements Clock {}",
                    "@Simulation(BaseClock.class) interface Clock {}")),
            "interface Clock",
            "@Simulation(BaseClock.class) on Clock names a class a factory cannot construct: it is"
                + " an abstract class."),
        new Case(
            ErrorCode.SupertypeMissing,
            List.of("-classpath", ClassPaths.withIncompleteLibrary()),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store { Store(lib.Mid mid) {} }",
                    "@Factory interface App { Store store();",
                    "  @Provides static lib.Mid mid() { return new lib.Mid(); } }")),
            "Store(lib.Mid mid)",
            "lib.Mid cannot be used by the generated factory: its supertype lib.Base is not on the"
                + " class path"),
        new Case(
            ErrorCode.AnnotationMissing,
            List.of("-classpath", ClassPaths.withIncompleteLibrary()),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App { lib.Tagged tagged();",
                    "  @Provides static String plain() { return \"p\"; } }")),
            "lib.Tagged tagged()",
            "Parameter 1 of Tagged(String) cannot be read: its annotation @lib.Tag is not on"
                + " the class path, so Steelmill cannot tell whether it is a qualifier, and would"
                + " inject the unqualified key."),
        new Case(
            ErrorCode.RuntimeMissing,
            List.of("-classpath", ClassPaths.withoutRuntime()),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Store {}",
                    "@Factory interface App { Store store(); }",
                    "@Factory interface Other { Store store(); }")),
            "@Factory interface App",
            "The factory App is generated as code that uses io.steelmill.runtime.Node, which"
                + " io.steelmill:steelmill-runtime supplies"),
        new Case(
            ErrorCode.SimulatorMissing,
            List.of("-Asteelmill.mode=simulation", "-classpath", ClassPaths.withoutSimulator()),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "import io.steelmill.platform.Clock;",
                    "@Daemon class Store { Store(Clock clock) {} }",
                    "@Factory interface App { Store store(); }")),
            "interface App",
            "This is a simulation build (-Asteelmill.mode=simulation), but the simulator is not on"
                + " the class path: App needs the simulated Clock, which io.steelmill:steelmill-sim"
                + " supplies (its class io.steelmill.sim.SimulatedPlatform is missing).\n"
                + "    Clock is injected at\n"
                + "        [App] Store(Clock clock)\n"
                + "    Store is requested at\n"
                + "        [App] App.store()\n"
                + "Fix: add the dependency io.steelmill:steelmill-sim (the same version as"
                + " steelmill-runtime) to the simulation build"),
        new Case(
            ErrorCode.SimulatorLacksBinding,
            List.of(),
            List.of(
                source(
                    "test.Mailer",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Simulation(bySimulator = true) interface Mailer {}")),
            "interface Mailer",
            "@Simulation(bySimulator = true) on Mailer cannot be honoured:"
                + " io.steelmill.sim.SimulatedPlatform has no @Simulation @Provides method"
                + " returning it.\n"
                + "Fix: write @Simulation(Impl.class) on Mailer, naming your simulated"
                + " implementation; bySimulator is for Steelmill's own platform interfaces."),
        new Case(
            ErrorCode.ParentCompiledApart,
            List.of("-classpath", ClassPaths.compiledBefore(true, List.of(),
                source("test.App", "package test;", "import io.steelmill.*;",
                    "@Factory public interface App {",
                    "  @Provides static String s() { return \"x\"; } }")).classPath()),
            List.of(
                source(
                    "test.L",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory(parent = App.class) interface L { String s(); }")),
            "interface L",
            "Child factory L is compiled apart from its parent App: App comes compiled from the"
                + " class path, and its generated factory SteelmillApp was written without knowing"
                + " L, so it neither offers nor builds before it starts String, which L takes from"
                + " it.\n"
                + "    String is requested at\n"
                + "        [App > L] L.s()\n"
                + "Fix: compile L and App together (a clean build compiles both: mvn clean"
                + " compile), or remove parent from L's @Factory."),
        new Case(
            ErrorCode.InjectWithoutEffect,
            List.of(),
            List.of(
                source("jakarta.inject.Inject", "package jakarta.inject;",
                    "public @interface Inject {}"),
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Daemon class Clock {}",
                    "@Daemon class Store {",
                    "  @jakarta.inject.Inject Clock clock;",
                    "}",
                    "@Factory interface App { Store store(); }")),
            "Clock clock;",
            "@Inject on Store.clock has no effect: Steelmill injects only the constructor of"
                + " Store, so it would leave this field null.\n"
                + "Fix: take clock as a parameter of Store's constructor and assign the field there,"
                + " then remove @Inject from the field."),
        new Case(
            ErrorCode.UndefinedType,
            List.of(),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App { Missing missing(); }")),
            "interface App",
            "App refers to a type that was never defined, even after every other annotation"
                + " processor ran."),
        new Case(
            ErrorCode.ProcessorCrash,
            List.of("-A" + ProcessorOptions.CRASH_TEST + "=App"),
            List.of(
                source(
                    "test.App",
                    "package test;",
                    "import io.steelmill.*;",
                    "@Factory interface App {}")),
            "interface App",
            "The Steelmill processor (development build) failed unexpectedly while processing App:"
                + " java.lang.IllegalStateException: crash requested by"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTagTextAndLine(Case c) {
    Compilation compilation =
        compile(c.processors().get(), c.options(), c.sources().toArray(JavaFileObject[]::new));

    assertThat(compilation).failed();
    Diagnostic<? extends JavaFileObject> ours = first(compilation, c.code());
    String message = text(ours);
    assertThat(message).startsWith(c.code().tag() + " ").contains(c.text()).contains("\nFix: ");
    if (c.lineContaining() != null) {
      JavaFileObject file = fileWithLine(c);
      assertThat(ours.getSource()).as("file of " + message).isNotNull();
      assertThat(ours.getSource().toUri()).isEqualTo(file.toUri());
      assertThat(ours.getLineNumber()).as("line of " + message).isEqualTo(lineOf(file, c.lineContaining()));
    }
    assertThat(compilation.errors().stream().map(DiagnosticsTest::text))
        .as("no crash unless asked for")
        .noneMatch(m -> c.code() != ErrorCode.ProcessorCrash && m.contains("ProcessorCrash"));
  }

  /** The message as the processor wrote it: javac indents continuation lines by two spaces. */
  static String text(Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getMessage(null).replace("\n  ", "\n");
  }

  private static long lineOf(JavaFileObject file, String fragment) {
    try {
      List<String> lines = file.getCharContent(true).toString().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(fragment)) {
          return i + 1;
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError(fragment + " is in no line");
  }

  /** A factory of {@code keys} qualified strings, each an entry point with a provides method. */
  private static List<JavaFileObject> tooLargeFactory(int keys) {
    StringBuilder factory = new StringBuilder("package test;\nimport io.steelmill.*;\n");
    factory.append("@Factory\npublic interface Huge {\n");
    for (int i = 0; i < keys; i++) {
      factory.append("  @Named(\"k").append(i).append("\") String k").append(i).append("();\n");
      factory.append("  @Provides @Named(\"k").append(i).append("\") static String p").append(i)
          .append("() { return \"").append(i).append("\"; }\n");
    }
    return List.of(source("test.Huge", factory.append("}\n").toString()));
  }

  @Test
  void everyErrorCodeHasANegativeTest() {
    Set<ErrorCode> tested = cases().map(Case::code).collect(Collectors.toSet());
    assertThat(tested).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(ErrorCode.class));
  }

  @Test
  void everyFixLineIsNonEmptyAndEveryTagIsStable() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.tag()).isEqualTo("[Steelmill/" + code.name() + "]");
      assertThat(code.fix("X", "Y", "Z", "W", "V")).isNotBlank();
    }
  }

  private static JavaFileObject fileWithLine(Case c) {
    for (JavaFileObject file : c.sources()) {
      try {
        if (file.getCharContent(true).toString().contains(c.lineContaining())) {
          return file;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    throw new AssertionError("no source contains " + c.lineContaining());
  }

  private static Diagnostic<? extends JavaFileObject> first(Compilation compilation, ErrorCode code) {
    return compilation.errors().stream()
        .filter(d -> text(d).startsWith(code.tag()) || text(d).contains("] " + code.tag()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + code.tag() + " in " + Arrays.toString(
            compilation.errors().stream().map(d -> d.getMessage(null)).toArray())));
  }
}
