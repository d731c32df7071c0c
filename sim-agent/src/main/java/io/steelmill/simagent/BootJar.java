package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The agent jar {@link SelfAttach} loads, written from the agent's own classes to a temporary
 * file deleted when the JVM exits, whatever jar or folder they were loaded from.
 */
final class BootJar {
  private static final String AGENT_PACKAGE = "io/steelmill/simagent/";

  private BootJar() {}

  /** An agent jar holding the agent's classes, with the manifest that loading one needs. */
  static Path agentJar() throws IOException {
    Path source = codeSource();
    Manifest manifest = new Manifest();
    var attributes = manifest.getMainAttributes();
    attributes.putValue("Manifest-Version", "1.0");
    attributes.putValue("Agent-Class", SimAgent.class.getName());
    attributes.putValue("Premain-Class", SimAgent.class.getName());
    attributes.putValue("Can-Redefine-Classes", "true");
    attributes.putValue("Can-Retransform-Classes", "true");
    Path jar = temporary("steelmill-sim-agent");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (Files.isDirectory(source)) {
        Path root = source;
        try (Stream<Path> files = Files.walk(root.resolve(AGENT_PACKAGE))) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            String name = root.relativize(file).toString().replace('\\', '/');
            copy(out, name, Files.newInputStream(file));
          }
        }
      } else {
        try (JarFile in = new JarFile(source.toFile())) {
          for (JarEntry entry : in.stream().filter(e -> e.getName().startsWith(AGENT_PACKAGE)
              && !e.isDirectory()).toList()) {
            copy(out, entry.getName(), in.getInputStream(entry));
          }
        }
      }
    }
    return jar;
  }

  /** The jar or folder the agent's classes come from. */
  static Path codeSource() throws IOException {
    try {
      return Path.of(SimAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | NullPointerException | SecurityException e) {
      throw new IOException("cannot tell where the agent's classes come from", e);
    }
  }

  private static void copy(JarOutputStream out, String name, InputStream in) throws IOException {
    try (in) {
      out.putNextEntry(new JarEntry(name));
      in.transferTo(out);
      out.closeEntry();
    }
  }

  private static Path temporary(String prefix) throws IOException {
    Path jar = Files.createTempFile(prefix, ".jar");
    jar.toFile().deleteOnExit();
    return jar;
  }
}
