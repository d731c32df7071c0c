package io.steelmill.processor.writing;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types that generated code names. The processor does not depend on the runtime, so
 * they are spelled here, once.
 */
final class RuntimeNames {
  static final ClassName NODE = ClassName.get("io.steelmill.runtime", "Node");
  static final ClassName BINDINGS = ClassName.get("io.steelmill.runtime.internal", "Bindings");
  static final ClassName FACTORY_CORE = ClassName.get("io.steelmill.runtime.internal", "FactoryCore");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final String PROCESSOR = "io.steelmill.processor.SteelmillProcessor";
  static final String DOCS = "https://github.com/steelmill/steelmill-java#readme";

  private RuntimeNames() {}
}
