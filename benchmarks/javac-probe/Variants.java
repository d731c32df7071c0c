import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes variants of a generated factory source, each with one construct removed or changed, so
 * that a fresh {@code javac -proc:none} of each shows what that construct costs javac
 * (BENCHMARKS.md, "javac and the first build, construct by construct"). Not every variant runs:
 * some exist only to be compiled. Used by {@code javac-variants.sh}:
 * {@code java Variants.java <SteelmillGraph1000.java> <variant> <output file>}.
 *
 * <ul>
 *   <li>{@code base}: unchanged;
 *   <li>{@code noMemo}: entry points without memo fields, {@code return (C5) get(5);};
 *   <li>{@code memoPlain}: the memo read without a local, {@code c5 != null ? c5 : ...};
 *   <li>{@code ifForm}: the memo accessor as statements, {@code if (instance == null) {...}};
 *   <li>{@code fieldsOnly}: the memo fields declared, the entry points as {@code noMemo}'s;
 *   <li>{@code noDispatch}: every {@code case} of the dispatch chunks removed;
 *   <li>{@code oneSwitch}: the chunked dispatch written as one switch;
 *   <li>{@code noText}: the {@code BINDINGS} text block emptied;
 *   <li>{@code noJavadoc}: every Javadoc comment removed;
 *   <li>{@code noImplements}: the class does not implement the user's interface;
 *   <li>{@code noAccessors}: no interface, and no entry points but those the child calls.
 * </ul>
 */
public final class Variants {
  private static final Pattern ACCESSOR = Pattern.compile(
      "  public (\\w+) (\\w+)\\(\\) \\{\n    \\1 instance = this\\.(\\w+);\n"
          + "    return instance != null \\? instance : \\(this\\.\\3 = \\(\\1\\) get\\((\\d+)\\)\\);\n"
          + "  }\n\n");

  private Variants() {}

  public static void main(String[] args) throws IOException {
    String source = Files.readString(Path.of(args[0]));
    Files.writeString(Path.of(args[2]), variant(source, args[1]));
  }

  static String variant(String source, String name) {
    return switch (name) {
      case "base" -> source;
      case "noMemo" -> ACCESSOR.matcher(noFields(source))
          .replaceAll("  public $1 $2() {\n    return ($1) get($4);\n  }\n\n");
      case "memoPlain" -> ACCESSOR.matcher(source).replaceAll(
          "  public $1 $2() {\n    return $3 != null ? $3 : ($3 = ($1) get($4));\n  }\n\n");
      case "ifForm" -> ACCESSOR.matcher(source).replaceAll("  public $1 $2() {\n    $1 instance = $3;\n"
          + "    if (instance == null) {\n      $3 = instance = ($1) get($4);\n    }\n    return instance;\n  }\n\n");
      case "fieldsOnly" -> ACCESSOR.matcher(source)
          .replaceAll("  public $1 $2() {\n    return ($1) get($4);\n  }\n\n");
      case "noDispatch" -> source.replaceAll("(?m)^      case \\d+: return new .*\n", "");
      case "oneSwitch" -> oneSwitch(source);
      case "noText" -> source.replaceAll("(?s)Bindings\\.of\\(\"\"\"\n.*?\"\"\"\\)",
          "Bindings.of(\"\")");
      case "noJavadoc" -> source.replaceAll("(?s)\n *?/\\*\\*.*?\\*/", "");
      case "noImplements" -> source.replace(" implements Graph1000 {", " {");
      case "noAccessors" -> noAccessors(source);
      default -> throw new IllegalArgumentException("no variant " + name);
    };
  }

  /** No entry points but the ones the child factory calls, without their memo fields. */
  private static String noAccessors(String source) {
    Set<String> childUses = new HashSet<>();
    Matcher call = Pattern.compile("(?m)^    (c\\d+)\\(\\);$").matcher(source);
    while (call.find()) {
      childUses.add(call.group(1));
    }
    return ACCESSOR.matcher(noFields(source.replace(" implements Graph1000 {", " {")))
        .replaceAll(accessor -> childUses.contains(accessor.group(2))
            ? Matcher.quoteReplacement("  public " + accessor.group(1) + " " + accessor.group(2)
                + "() {\n    return (" + accessor.group(1) + ") get(" + accessor.group(4) + ");\n  }\n\n")
            : "");
  }

  private static String noFields(String source) {
    return source.replaceAll("(?m)^  private volatile \\w+ \\w+;\n", "");
  }

  /** The chunks' cases moved into {@code construct}, the chunks removed. */
  private static String oneSwitch(String source) {
    StringBuilder cases = new StringBuilder();
    Matcher chunkCase = Pattern.compile("(?m)^      case \\d+: return new .*\n").matcher(source);
    while (chunkCase.find()) {
      cases.append(chunkCase.group());
    }
    String withoutChunks = source.replaceAll(
        "(?s)\n  private Object construct\\d+\\(int id\\) throws Throwable \\{.*?\n  }\n", "");
    return withoutChunks.replaceFirst(
        "(?s)(  protected Object construct\\(int id\\) throws Throwable \\{\n)    switch \\(id / \\d+\\) \\{\n.*?"
            + "(      default: throw new IndexOutOfBoundsException\\(id\\);)",
        "$1    switch (id) {\n" + Matcher.quoteReplacement(cases.toString()) + "$2");
  }
}
