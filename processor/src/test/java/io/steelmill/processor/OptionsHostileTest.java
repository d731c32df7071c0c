package io.steelmill.processor;

import static io.steelmill.processor.Compiler.compile;
import static io.steelmill.processor.Compiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import io.steelmill.processor.diagnostics.ErrorCode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Processor options as a hostile build file writes them: mixed-case keys and values, spaces,
 * empty values, unknown values, and wrong values beside right ones. Each is one error listing
 * what is accepted, with a {@code Fix:}; never a crash and never a silent default.
 */
class OptionsHostileTest {
  static Stream<List<String>> wrongOptions() {
    return Stream.of(
        List.of("-ASteelmill.mode=simulation"), List.of("-ASTEELMILL.MODE=simulation"),
        List.of("-Asteelmill.Mode=simulation"), List.of("-Asteelmill.mode=Simulation"),
        List.of("-Asteelmill.mode=simulation "), List.of("-Asteelmill.mode=sim"),
        List.of("-Asteelmill.mode=production,simulation"), List.of("-Asteelmill.mode=\"\""),
        List.of("-Asteelmill.mode=production", "-Asteelmill.strict=True"),
        List.of("-Asteelmill.strict= true"), List.of("-Asteelmill.strict=1"),
        List.of("-Asteelmill.lint"), List.of("-Asteelmill.lint=Simulation"),
        List.of("-Asteelmill.lint=all", "-Asteelmill.Lint=all"),
        List.of("-Asteelmill.internal.crashon=App"),
        List.of("-Asteelmill.mode=simulation", "-Asteelmill.strict=yes", "-Asteelmill.x=1"),
        List.of("-Asteelmill_mode=simulation"), List.of("-Asteelmillmode=simulation"),
        List.of("-Asteelmill=simulation"), List.of("-ASteelmill"),
        List.of("-Asteelmill_lint=all", "-Asteelmill.mode=simulation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongOptions")
  void everyWrongOptionIsAnErrorListingWhatIsAccepted(List<String> options) {
    Compilation compilation =
        compile(options, source("test.App", "package test;", "import io.steelmill.*;",
            "@Daemon class Store {}", "@Factory interface App { Store store(); }"));
    List<String> messages = HostileInputTest.messages(compilation);
    assertThat(compilation.status()).as("%s: %s", options, messages)
        .isEqualTo(Compilation.Status.FAILURE);
    assertThat(messages).as("%s", options).noneMatch(m -> m.contains("ProcessorCrash"))
        .allMatch(m -> m.startsWith("[Steelmill/") && m.contains("\nFix: "), "tagged with a Fix")
        .anyMatch(m -> m.startsWith(ErrorCode.UnknownMode.tag())
            || m.startsWith(ErrorCode.InvalidOption.tag())
            || m.startsWith(ErrorCode.UnknownOption.tag()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rightOptions")
  void rightOptionsCompileCleanly(List<String> options) {
    Compilation compilation =
        compile(options, source("test.App", "package test;", "import io.steelmill.*;",
            "@Daemon class Store {}", "@Factory interface App { Store store(); }"));
    assertThat(compilation.status()).as("%s: %s", options, HostileInputTest.messages(compilation))
        .isEqualTo(Compilation.Status.SUCCESS);
  }

  static Stream<List<String>> rightOptions() {
    return Stream.of(List.of(), List.of("-Asteelmill.mode=production"),
        List.of("-Asteelmill.mode=simulation", "-Asteelmill.strict=true",
            "-Asteelmill.lint=all"),
        List.of("-Asteelmill.mode=simulation", "-Asteelmill.mode=production"),
        List.of("-Aother.processor.option=Whatever"));
  }
}
