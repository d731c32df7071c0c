package io.steelmill.processor.model;

import java.util.Locale;
import java.util.Optional;

/** The build modes: which of the {@code @Production} and {@code @Simulation} bindings exist. */
public enum Mode {
  PRODUCTION,
  SIMULATION;

  /** The processor option that selects the active mode. */
  public static final String OPTION = "steelmill.mode";

  /**
   * Parses an option value: exactly {@code production} or {@code simulation}, as documented;
   * empty for anything else, so that a misspelling is reported rather than guessed at.
   */
  public static Optional<Mode> parse(String value) {
    for (Mode mode : values()) {
      if (mode.toString().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** The other mode. */
  public Mode other() {
    return this == PRODUCTION ? SIMULATION : PRODUCTION;
  }

  /** The annotation's simple name: {@code Production} or {@code Simulation}. */
  public String annotationName() {
    return this == PRODUCTION ? "Production" : "Simulation";
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
