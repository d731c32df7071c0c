package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A fresh JVM's first build loads no class it does not run: the bytecode verifier of a method that
 * throws or catches an exception loads the exception's class (and its superclasses) to check that
 * it is a {@code Throwable}, so a throw site in {@code Node}, {@code NodeGraph} or {@code
 * FactoryCore} would make every first build load its class, from the JDK's modules or the
 * runtime's jar; and each class a build loads costs a fresh JVM about a tenth of a millisecond
 * (BENCHMARKS.md, "Issue 12, the first build, seventh pass": five exception classes, {@code
 * NodeTree}, {@code NodeId} and a cell class, about half a millisecond). The build runs in a
 * class loader of its own that loads the runtime's classes itself and records every class the JVM
 * asks it for, the verifier's requests included.
 */
class FirstBuildLoadsTest {
  /** Exception classes a build does not throw, and runtime classes it does not use. */
  private static final List<String> NOT_USED_BY_A_BUILD = List.of(
      "io.steelmill.runtime.FactoryException",
      "io.steelmill.runtime.NodeStoppingException",
      "java.util.concurrent.CancellationException",
      "java.lang.IllegalStateException",
      "java.lang.InterruptedException",
      "io.steelmill.runtime.NodeTree",
      "io.steelmill.runtime.NodeId");

  @Test
  void aFirstBuildLoadsNoClassItDoesNotUse() throws Exception {
    try (Recording loader = new Recording()) {
      Method build = Class.forName(FirstBuildProbe.class.getName(), true, loader)
          .getDeclaredMethod("build");
      build.setAccessible(true); // another loader's package: its package-private members need it
      Object built = build.invoke(null);

      assertThat(built).isInstanceOf(Object[].class);
      assertThat(loader.asked)
          .as("classes the first build asked its loader for")
          .contains("io.steelmill.runtime.Node", "io.steelmill.runtime.internal.FactoryCore",
              "io.steelmill.runtime.internal.Bindings")
          .doesNotContainAnyElementsOf(NOT_USED_BY_A_BUILD);
    }
  }

  /** The check above would see such a load: linking a class that catches one asks for it. */
  @Test
  void theLoaderSeesWhatAVerifierLoads() throws Exception {
    try (Recording loader = new Recording()) {
      Class.forName("io.steelmill.runtime.NodeTree", true, loader); // catches IllegalStateException

      assertThat(loader.asked).contains("java.lang.IllegalStateException");
    }
  }

  /**
   * Loads Steelmill's classes (the runtime's and these tests') itself, everything else through its
   * parent, and keeps the name of every class it is asked for.
   */
  private static final class Recording extends URLClassLoader {
    final Set<String> asked = ConcurrentHashMap.newKeySet();

    Recording() {
      super(new URL[] {location(Node.class), location(FirstBuildLoadsTest.class)},
          FirstBuildLoadsTest.class.getClassLoader());
    }

    private static URL location(Class<?> type) {
      return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      if (!name.startsWith("io.steelmill.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
