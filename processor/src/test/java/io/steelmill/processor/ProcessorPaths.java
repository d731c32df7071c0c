package io.steelmill.processor;

import java.net.URL;
import java.net.URLClassLoader;
import javax.annotation.processing.Processor;

/** Processor paths as a user's build might get them wrong. */
final class ProcessorPaths {
  /** The package the partial processor path lacks: the processor fails only where it writes. */
  static final String MISSING_PACKAGE = "io.steelmill.processor.writing.";

  private ProcessorPaths() {}

  /**
   * The Steelmill processor loaded from its own classes only, the JDK beside them (the processor
   * needs nothing else), and with its writers missing, as from a partial or corrupt jar.
   */
  static Processor partialJar() {
    try {
      URL classes = SteelmillProcessor.class.getProtectionDomain().getCodeSource().getLocation();
      ClassLoader loader =
          new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
              if (name.startsWith(MISSING_PACKAGE)) {
                throw new ClassNotFoundException(name);
              }
              return super.findClass(name);
            }
          };
      return (Processor)
          loader.loadClass(SteelmillProcessor.class.getName()).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
