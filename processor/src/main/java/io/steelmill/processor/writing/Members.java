package io.steelmill.processor.writing;

/**
 * The members of one class body being written, at one indentation, a blank line between two
 * members (as Google Java Style has it).
 */
final class Members {
  private final Code code;
  private final String indent;
  private boolean first = true;

  Members(Code code, String indent) {
    this.code = code;
    this.indent = indent;
  }

  /** The indentation of the members: two spaces per level. */
  String indent() {
    return indent;
  }

  /** The code, ready for the next member (after a blank line unless it is the first). */
  Code next() {
    if (!first) {
      code.add('\n');
    }
    first = false;
    return code;
  }

  /** The code, ready for the next member of a group: a field right below the one before. */
  Code nextInGroup() {
    first = false;
    return code;
  }

  /**
   * The next member, after its Javadoc: {@code text} is Strings and {@link ClassRef}s (the latter
   * go in {@code {@link}}s), lines split at {@code \n}.
   */
  Code next(Object... text) {
    Code out = next();
    out.add(indent).add("/**\n").add(indent).add(" * ");
    for (Object piece : text) {
      if (piece instanceof ClassRef ref) {
        out.add(ref);
      } else {
        out.add(((String) piece).replace("\n", "\n" + indent + " * "));
      }
    }
    return out.add('\n').add(indent).add(" */\n");
  }
}
