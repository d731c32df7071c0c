package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.Element;

/**
 * Turns what the processor threw into one error. A class missing at run time means the processor
 * path is incomplete (a build problem the user can fix, with the artifact to add); anything else
 * is a bug in Steelmill, reported with its stack trace so that it can be filed.
 */
final class Failures {
  /** Package prefixes of the processor's dependencies, and the artifact that holds each. */
  private static final Map<String, String> ARTIFACTS = new LinkedHashMap<>();

  static {
    ARTIFACTS.put("io.steelmill.processor.", "io.steelmill:steelmill-processor (a partial jar)");
    ARTIFACTS.put("io.steelmill.", "io.steelmill:steelmill-annotations");
    ARTIFACTS.put("com.sun.source.", "the jdk.compiler module (compile with a JDK's javac)");
    ARTIFACTS.put("com.sun.tools.javac.", "the jdk.compiler module (compile with a JDK's javac)");
  }

  private Failures() {}

  /** The error for {@code thrown} while processing {@code element} (may be null). */
  static Diagnostic of(Throwable thrown, Element element, String version) {
    String missing = missingClass(thrown);
    if (missing != null) {
      String artifact = artifactOf(missing);
      return Diagnostic.of(
          ErrorCode.ProcessorPathIncomplete,
          element,
          ErrorCode.ProcessorPathIncomplete.describe(missing, artifact),
          "",
          ErrorCode.ProcessorPathIncomplete.fix(artifact));
    }
    StringWriter stack = new StringWriter();
    thrown.printStackTrace(new PrintWriter(stack));
    String name = element == null ? "its options" : element.getSimpleName().toString();
    return Diagnostic.of(
        ErrorCode.ProcessorCrash,
        element,
        ErrorCode.ProcessorCrash.describe(version, name, stack),
        "",
        ErrorCode.ProcessorCrash.fix(name));
  }

  /** The binary name of the class whose absence caused {@code thrown}, or null. */
  static String missingClass(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
          return "(unnamed)";
        }
        String name = message.trim().split("\\s")[0].replace('/', '.');
        return name.endsWith(".class") ? name.substring(0, name.length() - 6) : name;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The artifact that holds {@code className}, as far as Steelmill knows its dependencies. */
  static String artifactOf(String className) {
    for (Map.Entry<String, String> entry : ARTIFACTS.entrySet()) {
      if (className.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "a dependency of io.steelmill:steelmill-processor (see its pom)";
  }
}
