package io.steelmill.processor;

import io.steelmill.processor.diagnostics.Diagnostic;
import io.steelmill.processor.diagnostics.ErrorCode;
import io.steelmill.processor.model.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor's {@code -A} options, each value checked against the exact values it accepts: a
 * misspelt value ({@code PRODUCTION}, {@code strict=yes}, an empty {@code mode=}) or an unknown
 * {@code steelmill.*} option is an error listing what is accepted, never a silent default.
 *
 * @param mode the active mode, or null when the value was wrong (then graphs are only validated)
 * @param strict whether the determinism lint reports errors instead of warnings
 * @param lintAll whether the lint also runs in production builds
 * @param problems one error per wrong option
 */
record ProcessorOptions(Mode mode, boolean strict, boolean lintAll, List<Diagnostic> problems) {
  /** What every key of ours starts with, and so every misspelt one too (steelmill_mode). */
  private static final String PREFIX = "steelmill";

  /** {@code true}: the determinism lint reports errors instead of warnings. */
  static final String STRICT = "steelmill.strict";

  /** {@code all}: run the determinism lint in production builds too. */
  static final String LINT = "steelmill.lint";

  /**
   * Test hook, not for users: the processor throws while processing the element of this simple
   * name, so that tests can check that a crash becomes a ProcessorCrash error and never escapes.
   */
  static final String CRASH_TEST = "steelmill.internal.crashOn";

  /** Every option the processor reads. */
  static final Set<String> ALL = Set.of(Mode.OPTION, STRICT, LINT, CRASH_TEST);

  /** Reads and checks {@code options} as javac passes them (a value may be null: {@code -Akey}). */
  static ProcessorOptions parse(Map<String, String> options) {
    List<Diagnostic> problems = new ArrayList<>();
    Mode mode = Mode.PRODUCTION;
    if (options.containsKey(Mode.OPTION)) {
      String value = options.get(Mode.OPTION);
      mode = Mode.parse(value == null ? "" : value).orElse(null);
      if (mode == null) {
        problems.add(
            Diagnostic.of(
                ErrorCode.UnknownMode,
                null,
                ErrorCode.UnknownMode.describe(value == null ? "" : value),
                "",
                ErrorCode.UnknownMode.fix()));
      }
    }
    String strict = choice(options, STRICT, List.of("false", "true"), problems);
    String lint = choice(options, LINT, List.of("simulation", "all"), problems);
    for (String key : new TreeSet<>(options.keySet())) {
      // Steelmill.mode, STEELMILL.MODE or steelmill_mode is a typo javac would pass on
      // silently, not another processor's option
      if (key.toLowerCase(java.util.Locale.ROOT).startsWith(PREFIX) && !ALL.contains(key)) {
        List<String> known = new ArrayList<>(new TreeSet<>(ALL));
        known.remove(CRASH_TEST);
        problems.add(
            Diagnostic.of(
                ErrorCode.UnknownOption,
                null,
                ErrorCode.UnknownOption.describe(key, String.join(", ", known)),
                "",
                ErrorCode.UnknownOption.fix(key)));
      }
    }
    return new ProcessorOptions(mode, strict.equals("true"), lint.equals("all"), problems);
  }

  /**
   * The value of {@code key}, which must be one of {@code accepted} exactly (the first is the
   * default); a wrong value is reported and gives the default.
   */
  private static String choice(
      Map<String, String> options, String key, List<String> accepted, List<Diagnostic> problems) {
    if (!options.containsKey(key)) {
      return accepted.get(0);
    }
    String value = options.get(key);
    if (value != null && accepted.contains(value)) {
      return value;
    }
    String shown = value == null ? "" : value;
    problems.add(
        Diagnostic.of(
            ErrorCode.InvalidOption,
            null,
            ErrorCode.InvalidOption.describe(key, shown, String.join(" and ", accepted)),
            "",
            ErrorCode.InvalidOption.fix(key, accepted.get(accepted.size() - 1))));
    return accepted.get(0);
  }
}
