package io.steelmill.processor.diagnostics;

import javax.lang.model.element.Element;

/**
 * One message to report: its code, the element it belongs on, and its full text (first line,
 * trace and {@code Fix:} line) without the mode prefix, which {@link Diagnostics} adds when the
 * problem exists in one mode only.
 */
public record Diagnostic(ErrorCode code, Element element, String text) {

  /** Builds a message from its parts; {@code trace} may be empty. */
  public static Diagnostic of(ErrorCode code, Element element, String first, String trace, String fix) {
    StringBuilder text = new StringBuilder(code.tag()).append(' ').append(first);
    if (!trace.isEmpty()) {
      text.append('\n').append(trace);
    }
    text.append("\nFix: ").append(fix);
    return new Diagnostic(code, element, text.toString());
  }
}
