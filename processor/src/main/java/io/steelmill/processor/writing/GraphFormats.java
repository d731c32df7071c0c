package io.steelmill.processor.writing;

import io.steelmill.processor.model.Mode;
import io.steelmill.processor.writing.GraphPicture.Edge;
import io.steelmill.processor.writing.GraphPicture.Group;
import io.steelmill.processor.writing.GraphPicture.Node;
import java.util.List;
import java.util.Set;

/**
 * Renders a {@link GraphPicture} as Graphviz DOT ({@code dot -Tsvg}) and as a Mermaid flowchart
 * (which GitHub draws inside a {@code ```mermaid} block). Both show the same thing: the factory,
 * its entry points, each binding (how each mode binds it), the ambient and parent groups, and
 * what exists in one mode only (blue: production, orange and dashed: simulation).
 */
final class GraphFormats {
  private static final String PRODUCTION_COLOR = "#1f6feb";
  private static final String SIMULATION_COLOR = "#d97706";
  static final int MERMAID_MAX_EDGES = 500;
  static final int MERMAID_MAX_TEXT = 50_000;

  private GraphFormats() {}

  static String dot(GraphPicture picture) {
    StringBuilder out = new StringBuilder();
    out.append("// The Steelmill graph of ").append(commentText(picture.title()))
        .append(", both modes. Generated; render with: dot -Tsvg -O <this file>\n");
    out.append("digraph \"").append(dotEscape(picture.title())).append("\" {\n");
    out.append("  rankdir=LR;\n  graph [fontname=\"Helvetica\"];\n");
    out.append("  node [shape=box, fontname=\"Helvetica\"];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (Group group : Group.values()) {
      List<Node> members = members(picture, group);
      if (group != Group.NODE && !members.isEmpty()) {
        out.append("  subgraph cluster_").append(group.name().toLowerCase(java.util.Locale.ROOT))
            .append(" {\n    label=\"").append(dotEscape(groupLabel(picture, group)))
            .append("\";\n    style=dashed;\n");
      }
      for (Node node : members) {
        out.append(group == Group.NODE ? "  " : "    ").append(node.id())
            .append(" [label=\"").append(dotEscape(String.join("\n", node.lines())))
            .append("\", shape=").append(dotShape(node)).append(dotModeStyle(node.modes()))
            .append("];\n");
      }
      if (group != Group.NODE && !members.isEmpty()) {
        out.append("  }\n");
      }
    }
    for (Edge edge : picture.edges()) {
      out.append("  ").append(edge.from()).append(" -> ").append(edge.to());
      String label = edgeLabel(edge);
      StringBuilder attributes = new StringBuilder();
      if (!label.isEmpty()) {
        attributes.append("label=\"").append(dotEscape(label)).append("\"");
      }
      if (edge.deferred()) {
        attributes.append(attributes.isEmpty() ? "" : ", ").append("style=dashed");
      }
      String color = modeColor(edge.modes());
      if (color != null) {
        attributes.append(attributes.isEmpty() ? "" : ", ")
            .append("color=\"").append(color).append("\", fontcolor=\"").append(color)
            .append("\"");
      }
      if (!attributes.isEmpty()) {
        out.append(" [").append(attributes).append("]");
      }
      out.append(";\n");
    }
    return out.append("}\n").toString();
  }

  static String mermaid(GraphPicture picture) {
    StringBuilder out = new StringBuilder();
    out.append("%% The Steelmill graph of ").append(commentText(picture.title()))
        .append(", both modes. Generated.\n");
    out.append("flowchart LR\n");
    for (Group group : Group.values()) {
      List<Node> members = members(picture, group);
      String indent = "  ";
      if (group != Group.NODE && !members.isEmpty()) {
        out.append("  subgraph ").append(group.name().toLowerCase(java.util.Locale.ROOT))
            .append("[\"").append(mermaidEscape(groupLabel(picture, group))).append("\"]\n");
        indent = "    ";
      }
      for (Node node : members) {
        String label = mermaidEscape(String.join("\n", node.lines())).replace("\n", "<br/>");
        out.append(indent).append(node.id()).append(mermaidShape(node, "\"" + label + "\""))
            .append("\n");
      }
      if (group != Group.NODE && !members.isEmpty()) {
        out.append("  end\n");
      }
    }
    for (Edge edge : picture.edges()) {
      String label = edgeLabel(edge);
      out.append("  ").append(edge.from()).append(edge.deferred() ? " -.-> " : " --> ");
      if (!label.isEmpty()) {
        out.append("|\"").append(mermaidEscape(label)).append("\"| ");
      }
      out.append(edge.to()).append("\n");
    }
    out.append("  classDef production stroke:").append(PRODUCTION_COLOR)
        .append(",stroke-width:2px\n");
    out.append("  classDef simulation stroke:").append(SIMULATION_COLOR)
        .append(",stroke-width:2px,stroke-dasharray:5 3\n");
    for (Node node : picture.nodes()) {
      if (node.modes().size() == 1) {
        out.append("  class ").append(node.id()).append(' ')
            .append(node.modes().iterator().next()).append("\n");
      }
    }
    return withLimitsNotice(out.toString(), picture.edges().size());
  }

  /**
   * Mermaid draws at most {@value #MERMAID_MAX_EDGES} edges and {@value #MERMAID_MAX_TEXT}
   * characters by default, and a diagram can not raise either (they are "secure" settings, which
   * GitHub keeps): past them it shows only an error. Such a file stays valid and complete; a
   * comment on its second line says why it does not draw and what does.
   */
  private static String withLimitsNotice(String text, int edges) {
    if (edges <= MERMAID_MAX_EDGES && text.length() <= MERMAID_MAX_TEXT) {
      return text;
    }
    int firstLine = text.indexOf('\n') + 1;
    return text.substring(0, firstLine)
        + "%% " + edges + " edges, " + text.length() + " characters: over Mermaid's default"
        + " limits (maxEdges " + MERMAID_MAX_EDGES + ", maxTextSize " + MERMAID_MAX_TEXT
        + "), which GitHub keeps. Draw it with mmdc -c and a config raising both, or draw the"
        + " .dot file beside it (dot -Tsvg -O).\n"
        + text.substring(firstLine);
  }

  private static List<Node> members(GraphPicture picture, Group group) {
    return picture.nodes().stream().filter(node -> node.group() == group).toList();
  }

  private static String groupLabel(GraphPicture picture, Group group) {
    return switch (group) {
      case AMBIENT -> "ambient: shared by every node";
      case PARENT -> "parent: " + picture.parentName();
      case NODE -> "";
    };
  }

  /** An entry point's name or "Provider", and the one mode an edge exists in, if only one. */
  private static String edgeLabel(Edge edge) {
    String mode = edge.modes().size() == 1 ? edge.modes().iterator().next() + " only" : "";
    if (edge.label().isEmpty() || mode.isEmpty()) {
      return edge.label() + mode;
    }
    return edge.label() + ", " + mode;
  }

  private static String modeColor(Set<Mode> modes) {
    if (modes.size() != 1) {
      return null;
    }
    return modes.contains(Mode.PRODUCTION) ? PRODUCTION_COLOR : SIMULATION_COLOR;
  }

  private static String dotShape(Node node) {
    return switch (node.shape()) {
      case FACTORY -> "component";
      case DAEMON -> "box";
      case PROVIDES -> "box, style=rounded";
      case INTERFACE -> "hexagon";
      case INJECTED -> "parallelogram";
      case FROM_PARENT -> "box, style=dotted";
    };
  }

  private static String dotModeStyle(Set<Mode> modes) {
    String color = modeColor(modes);
    if (color == null) {
      return "";
    }
    String dashed = modes.contains(Mode.SIMULATION) ? ", style=dashed" : "";
    return ", color=\"" + color + "\", penwidth=2" + dashed;
  }

  private static String mermaidShape(Node node, String label) {
    return switch (node.shape()) {
      case FACTORY -> "[[" + label + "]]";
      case DAEMON, FROM_PARENT -> "[" + label + "]";
      case PROVIDES -> "([" + label + "])";
      case INTERFACE -> "{{" + label + "}}";
      case INJECTED -> "[/" + label + "/]";
    };
  }

  /**
   * DOT double-quoted label text: backslash and quote escaped, newlines as {@code \n}, {@code &}
   * as {@code &amp;} (Graphviz decodes entities in every label), any other character outside
   * printable ASCII as an entity or, if invisible, as a visible Java escape (backslash, u, four hex
   * digits). The files are
   * pure ASCII, so a build's {@code -encoding} (the Filer writes with it) cannot garble or
   * invalidate them, and nothing a user writes can turn into syntax, a line break or a bidi
   * override.
   */
  static String dotEscape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '&' -> out.append("&amp;");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else if (invisible(c)) {
            out.append(javaEscape(c).replace("\\", "\\\\"));
          } else {
            out.append("&#").append(c).append(';');
          }
        }
      }
    });
    return out.toString();
  }

  /**
   * Mermaid quoted labels: quotes, angle brackets, ampersands, pipes, {@code #}, backticks and
   * {@code %} as entity codes ({@code #quot;}), so generic types and qualifier strings neither
   * end the label nor read as HTML, markdown, an entity or a {@code %%{init}%%} directive (which
   * Mermaid finds anywhere in the text, inside labels too). Any other character outside printable
   * ASCII is an entity code or, if invisible, a visible Java escape, as in {@link
   * #dotEscape}. Newlines are kept (the caller turns them into line breaks).
   */
  static String mermaidEscape(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("#quot;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '&' -> out.append("#amp;");
        case '|', '#', '`', '%' -> out.append('#').append(c).append(';');
        case '\n' -> out.append('\n');
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append((char) c);
          } else if (invisible(c)) {
            out.append(javaEscape(c));
          } else {
            out.append('#').append(c).append(';');
          }
        }
      }
    });
    return out.toString();
  }

  /**
   * A comment's text as pure ASCII: the factory's name may be written in any script; outside
   * printable ASCII it reads as Java's escapes (backslash, u, four hex digits).
   */
  static String commentText(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c)
        : javaEscape(c)));
    return out.toString();
  }

  /**
   * Controls, format characters (bidi overrides), separators, surrogates, unassigned, private;
   * and, though visible, any character past U+FFFF: Graphviz 2.42 (Debian 12's) turns its entity
   * into invalid UTF-8 and draws nothing, so it is written as Java writes it.
   */
  private static boolean invisible(int c) {
    return Character.isSupplementaryCodePoint(c) || switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.SPACE_SEPARATOR -> true;
      default -> false;
    };
  }

  private static String javaEscape(int c) {
    StringBuilder out = new StringBuilder();
    for (char unit : Character.toChars(c)) {
      out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) unit));
    }
    return out.toString();
  }
}
