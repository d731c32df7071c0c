package io.steelmill.examples;

import static io.steelmill.examples.CliHostileTest.assertNoStackTrace;
import static io.steelmill.examples.CliHostileTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.steelmill.examples.CliHostileTest.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every whole-number option of every command (found by walking the command tree, so a new one is
 * covered the day it is added) against numbers written in other scripts' digits, with a plus
 * sign, beyond {@code int} and {@code long}, or as something else: each is one line naming the
 * option and the range it accepts, exit code 2, before anything runs. Runs in both builds.
 */
class CliNumbersHostileTest {
  /** Values no whole-number option accepts, whatever its range. */
  static final List<String> NOT_NUMBERS = List.of("\u0665", "\u0661\u0660", "\uff15", "\u096b",
      "\u09eb", "\u0e55", "1\u0660", "+5", "+0", "--5", "5-", "1000000000000",
      "99999999999999999999", "-99999999999999999999", "9223372036854775808",
      "-9223372036854775809", "1e3", "5.0", "0x1F", "1,000", "1_000", "\u00a05", "5\u200b",
      "\u2212" + "5", "five", "", " ", "\t5", "9".repeat(5000));

  /** Every whole-number option: the command's path, then the option. */
  static List<List<String>> wholeNumberOptions() {
    List<List<String>> options = new ArrayList<>();
    walk(Cli.commandLine(new Main()).getCommandSpec(), new ArrayList<>(), options);
    return options;
  }

  private static void walk(CommandSpec spec, List<String> path, List<List<String>> options) {
    for (OptionSpec option : spec.options()) {
      if (WholeNumbers.isWhole(option.type()) && !option.hidden()) {
        List<String> vector = new ArrayList<>(path);
        vector.add(option.longestName());
        options.add(vector);
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getCommandName());
      walk(sub.getCommandSpec(), next, options);
    }
  }

  @Test
  void everyWholeNumberOptionStatesItsRangeExceptSeedsWhichTakeAnyLong() {
    List<List<String>> options = wholeNumberOptions();
    assertThat(options).hasSizeGreaterThanOrEqualTo(12);
    for (List<String> option : options) {
      CommandSpec spec = Cli.commandLine(new Main()).getCommandSpec();
      for (String name : option.subList(0, option.size() - 1)) {
        spec = spec.subcommands().get(name).getCommandSpec();
      }
      OptionSpec found = spec.findOption(option.get(option.size() - 1));
      assertThat(WholeNumbers.declared(found)).as("%s declares its @WholeRange", option)
          .isNotNull();
      String range = WholeNumbers.range(found);
      if (found.longestName().equals("--seed")) {
        assertThat(range).as("%s", option).isEqualTo(Long.MIN_VALUE + " to " + Long.MAX_VALUE);
      } else {
        assertThat(String.join(" ", found.description())).as("%s states its range", option)
            .contains(range);
        assertThat(range).as("%s", option).doesNotContain(String.valueOf(Integer.MAX_VALUE));
      }
    }
  }

  @Test
  void everyNonNumberIsOneLineNamingTheOptionAndItsRange() {
    int cases = 0;
    for (List<String> option : wholeNumberOptions()) {
      for (String value : NOT_NUMBERS) {
        if (option.get(option.size() - 1).equals("--seed") && isLong(value)) {
          continue; // a seed is any long
        }
        List<String> args = new ArrayList<>(option);
        args.add(value);
        Result result = run(args.toArray(String[]::new));
        String name = option.get(option.size() - 1);
        String label = args + "\nout: " + result.out() + "\nerr: " + result.err();
        assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
        assertThat(result.err().lines().toList()).as(label).hasSize(1);
        assertThat(result.err()).as(label).contains(name + " must be a whole number from ")
            .contains(" to ").contains("(see --help)").hasSizeLessThan(300);
        assertThat(result.out()).as(label).isEmpty();
        assertNoStackTrace(result, label);
        cases++;
      }
    }
    assertThat(cases).isGreaterThanOrEqualTo(300);
  }

  private static boolean isLong(String value) {
    try {
      WholeNumbers.toLong(value);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Just outside its declared range, and far outside it, every option is refused before its
   * command runs, in one line stating the declared range (the range is structured data, not
   * prose: the refusal and the message come from the same declaration).
   */
  @Test
  void justOutsideTheDeclaredRangeIsRefusedNamingIt() {
    int cases = 0;
    for (List<String> option : wholeNumberOptions()) {
      CommandSpec spec = Cli.commandLine(new Main()).getCommandSpec();
      for (String name : option.subList(0, option.size() - 1)) {
        spec = spec.subcommands().get(name).getCommandSpec();
      }
      OptionSpec found = spec.findOption(option.get(option.size() - 1));
      WholeRange range = WholeNumbers.declared(found);
      boolean isInt = found.type() == Integer.class || found.type() == Integer.TYPE;
      List<Long> outside = new ArrayList<>();
      if (range.min() > (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE)) {
        outside.add(range.min() - 1);
        outside.add(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
      }
      if (range.max() < (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE)) {
        outside.add(range.max() + 1);
        outside.add(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
      }
      for (long value : outside) {
        List<String> args = new ArrayList<>(option);
        args.add(String.valueOf(value));
        Result result = run(args.toArray(String[]::new));
        String label = args + "\nout: " + result.out() + "\nerr: " + result.err();
        assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
        assertThat(result.err().lines().toList()).as(label).hasSize(1);
        assertThat(result.err()).as(label).contains(found.longestName()
            + " must be a whole number from " + range.min() + " to " + range.max() + ", not \""
            + value + "\"");
        assertThat(result.out()).as(label).isEmpty();
        assertNoStackTrace(result, label);
        cases++;
      }
    }
    assertThat(cases).isGreaterThanOrEqualTo(30);
  }

  @Test
  void theSameOptionTwiceOrWithTwoValuesIsRefused() {
    for (List<String> option : wholeNumberOptions()) {
      String name = option.get(option.size() - 1);
      for (List<String> tail : List.of(List.of(name, "3", name, "3"), List.of(name + "=3",
          name + "=4"), List.of(name + "=3=4"), List.of(name, "3", "4"))) {
        List<String> args = new ArrayList<>(option.subList(0, option.size() - 1));
        args.addAll(tail);
        Result result = run(args.toArray(String[]::new));
        String label = args + "\nerr: " + result.err();
        assertThat(result.code()).as(label).isEqualTo(Cli.USAGE);
        assertThat(result.err().lines().toList()).as(label).hasSize(1);
        assertNoStackTrace(result, label);
      }
    }
  }

  @Test
  void theConversionTakesPlainNumbersAndTheExtremesOfItsType() {
    assertThat(WholeNumbers.toInt("0")).isZero();
    assertThat(WholeNumbers.toInt("-7")).isEqualTo(-7);
    assertThat(WholeNumbers.toInt("007")).isEqualTo(7);
    assertThat(WholeNumbers.toInt("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(WholeNumbers.toInt("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(WholeNumbers.toLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(WholeNumbers.toLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }
}
