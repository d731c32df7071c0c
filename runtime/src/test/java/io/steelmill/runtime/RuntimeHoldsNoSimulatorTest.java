package io.steelmill.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * steelmill-runtime is what production builds ship: it holds no simulator class and no class of
 * it names one (in a signature, a call, a cast or a class name given to reflection). Read from
 * what the build produced, the classes folder or the jar, not from the sources.
 */
class RuntimeHoldsNoSimulatorTest {
  private static final String SIMULATOR = "io/steelmill/sim";
  private static final String SIMULATOR_DOTTED = "io.steelmill.sim";

  @Test
  void runtimeHoldsNoSimulatorClassAndNamesNone() throws Exception {
    Map<String, byte[]> classes = runtimeClasses();
    assertThat(classes.keySet())
        .as("the runtime's classes, read from " + runtimeLocation())
        .contains("io/steelmill/runtime/Node.class", "io/steelmill/platform/Clock.class")
        .hasSizeGreaterThan(50)
        .noneMatch(name -> name.startsWith(SIMULATOR + "/"));
    List<String> references = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      for (String text : ConstantPool.texts(entry.getValue())) {
        if (text.contains(SIMULATOR) || text.contains(SIMULATOR_DOTTED)) {
          references.add(entry.getKey() + " names " + text);
        }
      }
    }
    assertThat(references).as("runtime classes that name the simulator").isEmpty();
  }

  /**
   * Nor does any other file of it: a service file ({@code META-INF/services}) naming a simulated
   * binding, a properties file naming a simulator class for reflection, would load the simulator
   * in production as surely as a class reference. Every entry that is not a class file is read as
   * text (ISO-8859-1 keeps every byte) and must name no simulator package or class.
   */
  @Test
  void noResourceOfTheRuntimeNamesTheSimulator() throws Exception {
    Map<String, byte[]> resources = runtimeEntries(false);
    List<String> naming = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : resources.entrySet()) {
      String text = new String(entry.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
      if (entry.getKey().startsWith(SIMULATOR + "/") || text.contains(SIMULATOR)
          || text.contains(SIMULATOR_DOTTED)) {
        naming.add(entry.getKey());
      }
    }
    assertThat(naming).as("runtime resources that name the simulator, read from "
        + runtimeLocation()).isEmpty();
  }

  /** The check above would see a reference: this class's own pool holds the names it seeks. */
  @Test
  void theConstantPoolReaderSeesNames() throws IOException {
    String self = RuntimeHoldsNoSimulatorTest.class.getSimpleName() + ".class";
    byte[] bytes;
    try (InputStream in = RuntimeHoldsNoSimulatorTest.class.getResourceAsStream(self)) {
      bytes = in.readAllBytes();
    }
    assertThat(ConstantPool.texts(bytes))
        .contains(SIMULATOR, SIMULATOR_DOTTED, "io/steelmill/runtime/ConstantPool");
  }

  private static Path runtimeLocation() throws URISyntaxException {
    return Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Every class file of the runtime by its path, from its classes folder or its jar. */
  private static Map<String, byte[]> runtimeClasses() throws Exception {
    return runtimeEntries(true);
  }

  /** The runtime's class files ({@code classFiles}) or its other files, by path. */
  private static Map<String, byte[]> runtimeEntries(boolean classFiles) throws Exception {
    Path location = runtimeLocation();
    Map<String, byte[]> classes = new TreeMap<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : files.filter(f -> Files.isRegularFile(f)
            && f.toString().endsWith(".class") == classFiles).toList()) {
          String name = location.relativize(file).toString().replace('\\', '/');
          classes.put(name, Files.readAllBytes(file));
        }
      }
      return classes;
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      for (JarEntry entry : jar.stream().toList()) {
        if (!entry.isDirectory() && entry.getName().endsWith(".class") == classFiles) {
          try (InputStream in = jar.getInputStream(entry)) {
            classes.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    return classes;
  }
}
