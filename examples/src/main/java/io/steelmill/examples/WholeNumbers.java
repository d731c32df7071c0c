package io.steelmill.examples;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's whole numbers ({@code --seeds}, {@code --jobs}, {@code --nodes}...): ASCII
 * digits with an optional minus sign, nothing else. picocli's own conversion takes what {@code
 * Integer.valueOf} takes, which includes other scripts' digits ({@code --seeds ٥} ran five
 * seeds) and a plus sign, and says of a number too large for an {@code int} only that it "is
 * not an int". Here every such mistake is one line naming the option and the range it accepts:
 * the {@code A to B} its description states (each numeric option's description has one; a test
 * walks them), else the whole range of its type.
 */
final class WholeNumbers {
  /** More digits than any {@code long} has: refused before parsing, whatever their value. */
  private static final int MAX_DIGITS = 19;

  private static final Pattern ASCII_WHOLE = Pattern.compile("-?[0-9]{1," + MAX_DIGITS + "}");

  /** The range an option's description states, e.g. "Hosts, 1 to 32 (default 5)". */
  private static final Pattern STATED_RANGE = Pattern.compile("(-?[0-9]+) to (-?[0-9]+)");

  private WholeNumbers() {}

  /** Installs the conversions on {@code cli} and the subcommands it has. */
  static void install(CommandLine cli) {
    cli.registerConverter(Integer.class, WholeNumbers::toInt);
    cli.registerConverter(Integer.TYPE, WholeNumbers::toInt);
    cli.registerConverter(Long.class, WholeNumbers::toLong);
    cli.registerConverter(Long.TYPE, WholeNumbers::toLong);
  }

  static Integer toInt(String text) {
    long value = toLong(text);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new TypeConversionException("out of range");
    }
    return (int) value;
  }

  static Long toLong(String text) {
    if (text == null || !ASCII_WHOLE.matcher(text).matches()) {
      throw new TypeConversionException("not a whole number");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("out of range");
    }
  }

  /**
   * The one-line message for {@code e} when it is a whole number's conversion failing, e.g.
   * {@code --seeds must be a whole number from 1 to 1000000, not "1e3"}; else null.
   */
  static String describe(ParameterException e) {
    if (!(e.getCause() instanceof TypeConversionException)
        || !(e.getArgSpec() instanceof OptionSpec option) || !isWhole(option.type())) {
      return null;
    }
    String value = e.getValue() == null ? "" : e.getValue();
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return option.longestName() + " must be a whole number from " + range(option) + ", not \""
        + Cli.oneLine(shown) + "\"";
  }

  /** The range {@code option} accepts, as its description states it or as its type allows. */
  static String range(OptionSpec option) {
    Matcher stated = STATED_RANGE.matcher(String.join(" ", option.description()));
    if (stated.find()) {
      return stated.group(1) + " to " + stated.group(2);
    }
    boolean isInt = option.type() == Integer.class || option.type() == Integer.TYPE;
    return isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
        : Long.MIN_VALUE + " to " + Long.MAX_VALUE;
  }

  static boolean isWhole(Class<?> type) {
    return type == Integer.class || type == Integer.TYPE || type == Long.class
        || type == Long.TYPE;
  }
}
