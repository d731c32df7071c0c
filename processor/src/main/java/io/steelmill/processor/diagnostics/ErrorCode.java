package io.steelmill.processor.diagnostics;

/**
 * The catalog of every message the processor reports. Each constant's name is its stable tag,
 * printed as {@code [Steelmill/<Name>]}: it never changes once released, and tests and docs
 * anchor on it. Every message has a {@code Fix:} line.
 *
 * <p>Every new code needs a negative test in {@code DiagnosticsTest} asserting its tag, its text
 * and its line.
 */
public enum ErrorCode {
  MissingBinding(
      "%s cannot be provided: no @Daemon class, no @Provides method in %s or its modules%s binds it.",
      "annotate the class with @Daemon, or add a static @Provides method returning %s to %s."),
  ModeOnlyBinding(
      "%s has a binding in %s mode only, but is needed by a binding present in %s mode.",
      "add a @%s binding for %s (or a @%s(Impl.class) on the interface), or mark %s @%s."),
  DependencyCycle(
      "Found a dependency cycle:%s",
      "break the loop by injecting Provider<%s> instead of %s, or restructure the daemons."),
  DuplicateBinding(
      "%s is bound more than once:%s",
      "keep one binding, or tell them apart with a qualifier such as @Named(\"...\")."),
  AmbientDependsOnNode(
      "%s depends on %s, which is per node: one shared instance cannot use a per-node one.",
      "mark %s @Ambient too, or %s."),
  CreatorOutOfScope(
      "%s needs %s, but %s.",
      "%s."),
  NoUsableConstructor(
      "%s has no constructor a factory can call: %s.",
      "add a non-private constructor, or mark the one to use with @Inject."),
  AmbiguousConstructor(
      "%s has %d candidate constructors and none is marked @Inject.",
      "mark exactly one constructor with @Inject (jakarta.inject or javax.inject)."),
  DaemonNotConstructible(
      "@Daemon cannot annotate %s: it is %s.",
      "put @Daemon on a concrete, non-generic, top-level or static nested class."),
  ProvidesNotStatic(
      "@Provides method %s must be static.", "add the static modifier to %s."),
  ProvidesReturnsVoid(
      "@Provides method %s returns void, so it provides nothing.",
      "return the value it should provide."),
  ProvidesNullable(
      "@Provides method %s is marked @%s, but Steelmill never injects null: a @Provides method"
          + " that returns null fails the node at run time.",
      "remove @%s and always return an instance; to model an absent value, provide"
          + " Optional<%s> instead."),
  ProvidesNotListed(
      "@Provides method %s sits in %s, which no @Factory lists.",
      "add %s.class to @Factory(modules = ...) of the factory that needs it, or move the"
          + " method into the factory interface."),
  FactoryNotInterface(
      "@Factory cannot annotate %s: it is %s, and a factory must be an interface.",
      "make %s an interface whose abstract methods return the daemons it exposes."),
  EntryPointHasParameters(
      "Entry point %s must take no parameters and no type parameters.",
      "remove the parameters; to hand an object to the factory use @Factory(injected = ...)."),
  EntryPointNameClash(
      "Entry point %s clashes with %s of the generated factory.",
      "rename the entry point."),
  EntryPointInheritedTwice(
      "%s inherits the entry point %s() twice, returning %s: its generated class can implement"
          + " only one.",
      "redeclare %s() in %s returning the type it should build (one that all of them accept)."),
  TypeNotInjectable(
      "%s cannot be %s: %s.",
      "%s"),
  AmbientWithoutDaemon(
      "@Ambient on %s has no effect: only a @Daemon class can be shared by the nodes of a"
          + " cluster.",
      "add @Daemon to %s, or remove @Ambient."),
  ParentNotFactory(
      "@Factory(parent = %s): %s is not a @Factory interface.",
      "name a @Factory interface as the parent, or remove parent."),
  ChildOutsidePackage(
      "Child factory %s is in package %s, but its parent %s is in package %s: a parent's"
          + " generated factory builds, before it starts, what its children can reach, and it"
          + " knows only the children in its own package.",
      "move %s into package %s (top level, or nested in %s)."),
  ParentCompiledApart(
      "Child factory %s is compiled apart from its parent %s: %s.",
      "%s"),
  UnknownMode(
      "-Asteelmill.mode=%s is not a mode; the accepted values are production and simulation.",
      "use -Asteelmill.mode=production (the default) or -Asteelmill.mode=simulation."),
  InvalidOption(
      "-A%s=%s is not a value this option accepts; the accepted values are %s.",
      "use -A%s=%s, or remove the option to get the default."),
  UnknownOption(
      "-A%s is not a Steelmill option; the options are %s.",
      "remove -A%s, or correct its spelling."),
  TypeNotVisible(
      "%s is not visible from %s, where the generated factory %s lives: %s.",
      "%s"),
  BothModes(
      "%s is marked both @Production and @Simulation.",
      "remove one of them; a binding without either exists in both modes."),
  ModeWithoutEffect(
      "@%s on %s has no effect: %s.",
      "%s"),
  QualifierWithoutEffect(
      "@%s on %s has no effect: %s.",
      "%s"),
  InjectWithoutEffect(
      "@Inject on %s has no effect: %s.",
      "%s"),
  ModeValueMisplaced(
      "@%s(%s.class) names an implementation, which only an interface can have; %s is not one.",
      "remove the value, or move the annotation to the interface %s implements."),
  ImplementationMismatch(
      "@%s(%s.class) on %s names a class that does not implement it.",
      "name a class that implements %s."),
  ImplementationNotConstructible(
      "@%s(%s.class) on %s names a class a factory cannot construct: %s.",
      "name a concrete class with one non-private (or one @Inject) constructor."),
  SupertypeMissing(
      "%s cannot be used by the generated factory: its supertype %s is not on the class path,"
          + " so javac cannot check a cast to it.",
      "add the artifact that holds %s to the class path (often a dependency of the library"
          + " holding %s that was left out or has provided scope)."),
  AnnotationMissing(
      "%s cannot be read: its annotation @%s is not on the class path, so Steelmill cannot tell"
          + " whether it is a qualifier, and would inject the unqualified key.",
      "add the artifact that holds %s to the class path (often a dependency of the library"
          + " holding %s that was left out or has provided scope)."),
  RuntimeMissing(
      "The factory %s is generated as code that uses %s, which %s supplies, but that class is"
          + " not on the class path of the code being compiled (the processor path is not"
          + " enough).",
      "add the dependency %s, the same version as steelmill-processor, to the code's class path"
          + " (Maven: a <dependency>, of compile scope for steelmill-runtime, in the build that"
          + " compiles it; Gradle: implementation)."),
  SimulatorMissing(
      "This is a simulation build (-Asteelmill.mode=simulation), but the simulator is not on the"
          + " class path: %s needs the simulated %s, which %s supplies (its class %s is missing).",
      "add the dependency %s (the same version as steelmill-runtime) to the simulation build,"
          + " e.g. in the Maven profile that sets steelmill.mode=simulation; production builds"
          + " do not need it."),
  SimulatorLacksBinding(
      "@Simulation(bySimulator = true) on %s cannot be honoured: %s.",
      "write @Simulation(Impl.class) on %s, naming your simulated implementation; bySimulator"
          + " is for Steelmill's own platform interfaces."),
  FactoryTooLarge(
      "Factory %s reaches %d bindings (%d of them reached by its child factories) in %s mode: its"
          + " generated class would hold an accessor for each, and a class file has room for"
          + " about %d.",
      "split the graph: move daemons that only some entry points need into a child factory"
          + " (@Factory(parent = %s.class)), so that the parent's class holds only what it"
          + " shares."),
  GeneratedNameTaken(
      "The factory %s generates the class %s, but %s already has that name.",
      "rename %s or %s: generated factories are named Steelmill<Outer>_<Inner>."),
  GeneratedNameTooLong(
      "The factory %s generates the class %s, whose class file %s takes %d bytes, more than the"
          + " %d bytes a file name can have on common file systems.",
      "shorten the name of %s (or of the classes it is nested in) by at least %s bytes."),
  NameHidden(
      "The factory %s generates the class %s, which must name the class %s; but there %s is %s,"
          + " which hides it.",
      "rename %s (or the class or package it hides), or move %s to another package: Java has no"
          + " way to reach past the name."),
  GeneratedFileNotWritten(
      "Could not write %s, the generated class of %s: %s.",
      "make sure no source file and no other annotation processor creates %s, then rebuild"
          + " from clean (mvn clean verify)."),
  UndefinedType(
      "%s refers to a type that was never defined, even after every other annotation processor"
          + " ran.",
      "check the imports and the spelling of %s's dependencies."),
  ProcessorPathIncomplete(
      "The Steelmill processor cannot run: the class %s is missing from the annotation processor"
          + " path; it comes from %s.",
      "put %s on the annotation processor path next to steelmill-processor (Maven:"
          + " <annotationProcessorPaths>, which resolves it from steelmill-processor's pom;"
          + " Gradle: annotationProcessor)."),
  ProcessorCrash(
      "The Steelmill processor %s failed unexpectedly while processing %s: %s",
      "this is a bug in Steelmill, please report it with this message; meanwhile, simplify %s"
          + " to find what triggers it.");

  private final String template;
  private final String fix;

  ErrorCode(String template, String fix) {
    this.template = template;
    this.fix = fix;
  }

  /** The printed tag, {@code [Steelmill/Name]}. */
  public String tag() {
    return "[Steelmill/" + name() + "]";
  }

  /** The first line(s) of the message, with {@code args} in its placeholders. */
  public String describe(Object... args) {
    return String.format(template, args);
  }

  /** The fix, with {@code args} in its placeholders. */
  public String fix(Object... args) {
    return String.format(fix, args);
  }
}
