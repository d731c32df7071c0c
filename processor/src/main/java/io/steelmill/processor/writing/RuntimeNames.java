package io.steelmill.processor.writing;

/**
 * The runtime types that generated code names. The processor does not depend on the runtime, so
 * they are spelled here, once.
 */
final class RuntimeNames {
  static final ClassRef NODE = ClassRef.of("io.steelmill.runtime", "Node");
  static final ClassRef BINDINGS = ClassRef.of("io.steelmill.runtime.internal", "Bindings");
  static final ClassRef FACTORY_CORE = ClassRef.of("io.steelmill.runtime.internal", "FactoryCore");
  static final ClassRef GENERATED = ClassRef.of("javax.annotation.processing", "Generated");
  /** The {@code java.lang} classes generated code names: a class of the package may shadow them. */
  static final ClassRef STRING = ClassRef.of("java.lang", "String");

  static final ClassRef OBJECT = ClassRef.of("java.lang", "Object");
  static final ClassRef OVERRIDE = ClassRef.of("java.lang", "Override");
  static final ClassRef SUPPRESS_WARNINGS = ClassRef.of("java.lang", "SuppressWarnings");
  static final ClassRef THROWABLE = ClassRef.of("java.lang", "Throwable");
  static final ClassRef OUT_OF_RANGE = ClassRef.of("java.lang", "IndexOutOfBoundsException");
  static final String PROCESSOR = "io.steelmill.processor.SteelmillProcessor";
  static final String DOCS = "https://github.com/steelmill/steelmill-java#readme";

  private RuntimeNames() {}

  /** {@code @Override} and a line break. */
  static Code override(Code code, String indent) {
    return code.add(indent).add("@").add(OVERRIDE).add('\n');
  }

  /**
   * {@code @Generated(value = "...", comments = "mode=...; ...")}, on its own lines, then the
   * warnings generated code cannot help: it names the user's deprecated classes, casts to generic
   * keys and spells raw keys as the user wrote them. Users compile with {@code -Werror} (removal
   * warnings are on by default), and no line of theirs could silence a generated one.
   */
  static void generated(Code code, String mode) {
    code.add("@").add(GENERATED).add("(\n    value = ").literal(PROCESSOR);
    code.add(",\n    comments = ").literal("mode=" + mode + "; " + DOCS).add("\n)\n");
    code.add("@").add(SUPPRESS_WARNINGS)
        .add("({\"deprecation\", \"removal\", \"unchecked\", \"rawtypes\"})\n");
  }
}
