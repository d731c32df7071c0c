package io.steelmill.examples;

import java.lang.reflect.Field;
import java.util.List;
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
 * not an int". Here every such mistake is one line naming the option and the range it accepts,
 * which the option declares with {@link WholeRange} (a test walks every option); a value outside
 * that range is refused the same way, before the command runs.
 */
final class WholeNumbers {
  /** More digits than any {@code long} has: refused before parsing, whatever their value. */
  private static final int MAX_DIGITS = 19;

  private static final Pattern ASCII_WHOLE = Pattern.compile("-?[0-9]{1," + MAX_DIGITS + "}");

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

  /** The range {@code option} accepts, as its {@link WholeRange} declares it, e.g. "1 to 32". */
  static String range(OptionSpec option) {
    WholeRange declared = declared(option);
    if (declared != null) {
      return declared.min() + " to " + declared.max();
    }
    boolean isInt = option.type() == Integer.class || option.type() == Integer.TYPE;
    return isInt ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
        : Long.MIN_VALUE + " to " + Long.MAX_VALUE;
  }

  /** The {@link WholeRange} on {@code option}'s field, or null. */
  static WholeRange declared(OptionSpec option) {
    return option.userObject() instanceof Field field
        ? field.getAnnotation(WholeRange.class)
        : null;
  }

  /**
   * Refuses, as a user mistake, a whole-number option of the commands about to run whose value
   * lies outside its {@link WholeRange}: {@code --nodes must be a whole number from 1 to 32, not
   * "33"}.
   */
  static void checkRanges(List<CommandLine> commands) {
    for (CommandLine command : commands) {
      for (OptionSpec option : command.getParseResult().matchedOptions()) {
        WholeRange declared = declared(option);
        Object value = option.getValue();
        if (declared != null && value instanceof Number number
            && (number.longValue() < declared.min() || number.longValue() > declared.max())) {
          throw new CommandLine.ParameterException(command, option.longestName()
              + " must be a whole number from " + range(option) + ", not \"" + number + "\"");
        }
      }
    }
  }


  static boolean isWhole(Class<?> type) {
    return type == Integer.class || type == Integer.TYPE || type == Long.class
        || type == Long.TYPE;
  }
}
