package io.steelmill.platform;

import java.nio.file.Path;

/**
 * Where a production {@link FileDisk} keeps each node's files: {@code root/<node>/}. Provide it
 * with a {@code @Provides} method or {@code @Factory(injected = DiskConfig.class)}.
 */
public record DiskConfig(Path root) {
  /** Refuses a missing root: every file of every node goes under it. */
  public DiskConfig {
    java.util.Objects.requireNonNull(root, "DiskConfig.root");
  }
}
