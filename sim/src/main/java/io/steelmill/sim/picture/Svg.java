package io.steelmill.sim.picture;

import java.util.Locale;

/** Builds SVG and HTML text: escaping, attributes, numbers with one decimal. */
final class Svg {
  private final StringBuilder out = new StringBuilder(1 << 16);

  /** Escapes text for an element or a double-quoted attribute; null is the empty text. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> {
          // XML allows neither control characters other than tab and newline, nor U+FFFE and
          // U+FFFF (which parsers such as jsoup also take for the end of the input), nor a
          // surrogate that is not half of a pair
          if (Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            escaped.append(c).append(text.charAt(++i));
          } else if (c < 0x20 && c != '\n' && c != '\t' || c >= 0xFFFE
              || Character.isSurrogate(c)) {
            escaped.append('?');
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  Svg raw(String text) {
    out.append(text);
    return this;
  }

  Svg text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Opens {@code <name attr="value" ...>}; pairs of name and value, values escaped. */
  Svg open(String name, Object... attributes) {
    start(name, attributes);
    out.append('>');
    return this;
  }

  /** A self-closing element with attributes. */
  Svg empty(String name, Object... attributes) {
    start(name, attributes);
    out.append("/>");
    return this;
  }

  Svg close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** An element with attributes and a text body. */
  Svg element(String name, String body, Object... attributes) {
    return open(name, attributes).text(body).close(name);
  }

  private void start(String name, Object... attributes) {
    out.append('<').append(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      Object value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      String text = value instanceof Double d ? number(d) : String.valueOf(value);
      out.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
