package io.steelmill.platform;

import java.nio.file.Path;

/**
 * Where a production {@link FileDisk} keeps each node's files: {@code root/<node>/}. Provide it
 * with a {@code @Provides} method or {@code @Factory(injected = DiskConfig.class)}.
 */
public record DiskConfig(Path root) {}
