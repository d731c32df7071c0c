package io.steelmill.sim;

import io.steelmill.platform.Address;
import java.util.List;

/** Timelines built by hand for picture tests (the recording methods are the kernel's own). */
public final class TimelineFixtures {
  private TimelineFixtures() {}

  /** An empty timeline. */
  public static Timeline empty() {
    return new Timeline();
  }

  /** Records a fault span from {@code start} to {@code end}. */
  public static void span(Timeline timeline, String type, List<String> nodes, long start,
      long end, String what, String faultId) {
    timeline.span(type, nodes, start, what, faultId).end(end);
  }

  /** Records a message delivered {@code delay} after {@code sent}; returns its label. */
  public static String message(Timeline timeline, Address from, Address to, Object payload,
      long sent, long delay) {
    Timeline.Message message = timeline.sent(sent, from, to, payload);
    Timeline.delivered(message, sent + delay);
    return message.text();
  }
}
