package io.steelmill.simagent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;

/**
 * Reads the class file a loaded class was defined from, without asking its class loader: a named
 * module's class from the module's own content (the JDK's run-time image for the JDK; class
 * files are never encapsulated), any other class from the jar or folder of its code source. Both
 * are the class's own bytes, not another copy that happens to come first on a class path; and
 * neither walks a loader's delegation chain, which inside Maven costs a millisecond a class.
 *
 * <p>Each jar is opened once (as a multi-release jar at this JVM's version, as its loader read
 * it) and closed by {@link #close}.
 */
final class ClassFiles implements AutoCloseable {
  /**
   * Code sources by location (a string: {@code URL.equals} may resolve host names): an open
   * {@link JarFile}, a folder's {@link Path}, or {@link #UNREADABLE}.
   */
  private final Map<String, Object> sources = new HashMap<>();
  private static final Object UNREADABLE = new Object();

  /** The class file of {@code type}, or null when it cannot be told where the class came from. */
  byte[] of(Class<?> type) {
    String path = type.getName().replace('.', '/') + ".class";
    try {
      Module module = type.getModule();
      if (module.isNamed()) {
        return readAll(module.getResourceAsStream(path));
      }
      if (type.getClassLoader() == null) { // appended to the boot class path: one copy there
        return readAll(type.getResourceAsStream("/" + path));
      }
      CodeSource source = type.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null) {
        return null; // generated at run time
      }
      Object place = sources.computeIfAbsent(location.toString(), unused -> open(location));
      if (place instanceof JarFile jar) {
        JarEntry entry = jar.getJarEntry(path);
        return entry == null ? null : readAll(jar.getInputStream(entry));
      }
      if (place instanceof Path folder) {
        Path file = folder.resolve(path);
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the class is retransformed and the transformer decides
    }
  }

  /** A code source opened for reading: a jar, a folder, or {@link #UNREADABLE}. */
  private static Object open(URL location) {
    try {
      if (!location.getProtocol().equals("file")) {
        return UNREADABLE; // a place this reader does not open (nested jars, the network)
      }
      Path place = Path.of(location.toURI());
      return Files.isDirectory(place) ? place
          : new JarFile(place.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
    } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
      return UNREADABLE;
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    if (in == null) {
      return null;
    }
    try (in) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    for (Object jar : sources.values()) {
      if (jar instanceof JarFile open) {
        try {
          open.close();
        } catch (IOException e) {
          // read-only, nothing to lose
        }
      }
    }
    sources.clear();
  }
}
