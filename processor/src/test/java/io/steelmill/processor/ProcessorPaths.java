package io.steelmill.processor;

import java.net.URL;
import java.net.URLClassLoader;
import javax.annotation.processing.Processor;

/** Processor paths as a user's build might get them wrong. */
final class ProcessorPaths {
  private ProcessorPaths() {}

  /**
   * The Steelmill processor loaded from its own classes only, as if its path lacked JavaPoet:
   * the JDK is there, nothing else.
   */
  static Processor withoutJavaPoet() {
    try {
      URL classes = SteelmillProcessor.class.getProtectionDomain().getCodeSource().getLocation();
      ClassLoader loader =
          new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
      return (Processor)
          loader.loadClass(SteelmillProcessor.class.getName()).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
