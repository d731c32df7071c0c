package ${package};

import java.time.Duration;

/**
 * How often the heartbeat beats, and how long a silence the monitor accepts before it raises the
 * alarm. Bound by the {@code @Provides} method of {@link App}.
 */
public record Settings(Duration interval, Duration silence) {}
