package io.steelmill.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands that docs/ and README.md tell users to run (the Kubernetes Indexed Job, the
 * GitHub Actions matrix, the sharding guide) name commands and options that exist, with values
 * they accept, once the variables their engine fills in (a job index, a matrix entry, the
 * workspace) are filled; and the split they describe adds up. Nothing runs: the command lines are
 * parsed as the CLI parses them.
 */
class DocsCommandsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> FILES = List.of("docs/kubernetes-indexed-job.yaml",
      "docs/github-actions-sweep.yml", "docs/sharding.md", "README.md");
  private static final Pattern EXEC_ARGS = Pattern.compile("-Dexec\\.args=\"([^\"]*)\"");
  private static final Pattern MAIN = Pattern.compile("io\\.steelmill\\.examples\\.Main (.*)");
  private static final Pattern PROPERTY = Pattern.compile("-D(steelmill\\.[a-zA-Z.]+)=");

  /** What the engines put in place of their variables: a job index, a matrix entry, a path. */
  private static String fill(String command) {
    return command.replaceAll("\\$\\{\\{\\s*matrix\\.shard\\s*}}", "3")
        .replaceAll("\\$\\{\\{\\s*env\\.SHARDS\\s*}}", "4")
        .replaceAll("\\$\\{\\{\\s*github\\.workspace\\s*}}", "/work")
        .replaceAll("\\$\\(ls [^)]*\\)", "shards/a shards/b")
        .replace("$(nproc)", "2").replace("${JOB_COMPLETION_INDEX}", "7")
        .replace("${SHARDS}", "8").replace("$i", "2").replace("\"", "");
  }

  /** Every CLI command line in {@code text}, a command continued on the lines that follow. */
  static List<String> commands(String text) {
    List<String> found = new ArrayList<>();
    Matcher exec = EXEC_ARGS.matcher(text);
    while (exec.find()) {
      found.add(exec.group(1).replaceAll("\\s+", " ").strip());
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher main = MAIN.matcher(lines.get(i));
      if (!main.find()) {
        continue;
      }
      StringBuilder command = new StringBuilder(main.group(1));
      while (i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("--")
          && !command.toString().contains(";")) {
        command.append(' ').append(lines.get(++i).strip());
      }
      String line = command.toString().split("[;&]", 2)[0];
      found.add(line.replaceAll("\\s+", " ").strip());
    }
    return found;
  }

  @Test
  void everyDocumentedCommandParses() throws IOException {
    int parsed = 0;
    for (String file : FILES) {
      String text = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
      List<String> commands = commands(text);
      if (!file.equals("README.md")) {
        assertThat(commands).as(file).isNotEmpty();
      }
      for (String command : commands) {
        String filled = fill(command);
        CommandLine cli = Cli.commandLine(new Main());
        try {
          CommandLine.ParseResult result = cli.parseArgs(filled.split(" "));
          WholeNumbers.checkRanges(result.asCommandLineList());
        } catch (CommandLine.ParameterException e) {
          throw new AssertionError(file + ": \"" + command + "\" (as run: " + filled + "): "
              + e.getMessage(), e);
        }
        parsed++;
      }
    }
    assertThat(parsed).isGreaterThan(20);
  }

  @Test
  void theShardCommandsOfTheEnginesAreFound() throws IOException {
    String job = Files.readString(ROOT.resolve("docs/kubernetes-indexed-job.yaml"));
    assertThat(commands(job)).anyMatch(c -> c.startsWith("cluster simulate")
        && c.replace("\"", "").contains("--shard ${JOB_COMPLETION_INDEX}/${SHARDS}")
        && c.contains("--report-dir"));
    assertThat(commands(job)).anyMatch(c -> c.startsWith("merge-results"));
    String ci = Files.readString(ROOT.resolve("docs/github-actions-sweep.yml"));
    assertThat(commands(ci)).anyMatch(c -> c.startsWith("cluster simulate") && c.contains(
        "--shard ${{ matrix.shard }}/${{ env.SHARDS }}"));
    assertThat(commands(ci)).filteredOn(c -> c.startsWith("merge-results")).hasSize(2);
  }

  /** "Change SHARDS in both places together": each file's shard count agrees with itself. */
  @Test
  void theShardCountsOfEachEngineAgree() throws IOException {
    String job = Files.readString(ROOT.resolve("docs/kubernetes-indexed-job.yaml"));
    String completions = find(job, "completions:\\s*(\\d+)");
    assertThat(find(job, "parallelism:\\s*(\\d+)")).isEqualTo(completions);
    assertThat(find(job, "name: SHARDS\\s+value: \"(\\d+)\"")).isEqualTo(completions);
    String ci = Files.readString(ROOT.resolve("docs/github-actions-sweep.yml"));
    String shards = find(ci, "SHARDS:\\s*(\\d+)");
    String matrix = find(ci, "shard:\\s*\\[([0-9, ]+)]");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(shards); i++) {
      expected.add(String.valueOf(i));
    }
    assertThat(List.of(matrix.split(",\\s*"))).isEqualTo(expected);
  }

  /** Every -Dsteelmill.* setting docs/ passes is one the harness, the kernel or the build reads. */
  @Test
  void everyDocumentedHarnessSettingExists() throws IOException {
    StringBuilder harness = new StringBuilder(
        Files.readString(ROOT.resolve("pom.xml")).replaceAll("<(steelmill\\.\\w+)>", "\"$1\""));
    for (String module : List.of("testing", "sim")) {
      try (var files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path source : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          harness.append(Files.readString(source));
        }
      }
    }
    for (String file : FILES.subList(0, 3)) { // docs/; README also names test-only settings
      Matcher property = PROPERTY.matcher(Files.readString(ROOT.resolve(file)));
      while (property.find()) {
        assertThat(harness.toString()).as(file + ": -D" + property.group(1))
            .contains("\"" + property.group(1) + "\"");
      }
    }
  }

  private static String find(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }
}
