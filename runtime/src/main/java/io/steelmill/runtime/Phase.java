package io.steelmill.runtime;

/** The phase of a daemon in which a failure happened. */
public enum Phase {
  /** Its constructor or {@code @Provides} method. */
  CONSTRUCT,
  /** {@link Lifecycle#prepare()}. */
  PREPARE,
  /** {@link Lifecycle#run()}. */
  RUN,
  /** {@link Lifecycle#stop()}, or its {@code run()} not returning within the stop deadline. */
  STOP;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
