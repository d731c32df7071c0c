package io.steelmill.sim.history;

/**
 * One operation of a history as the checker sees it: an invocation paired with its completion.
 * {@code call} and {@code ret} are event positions; an operation whose outcome is unknown
 * ({@code :info}, or never completed) has {@code ret == Long.MAX_VALUE} and {@code optional}
 * set: it may take effect at any point after its call, or never.
 *
 * @param id the position of this operation in its partition
 * @param process the client process
 * @param f the function, e.g. {@code read}
 * @param key the object, or null
 * @param input the invocation's value
 * @param output the completion's value (null when unknown)
 * @param call the position of the invocation event
 * @param ret the position of the completion event, or {@link Long#MAX_VALUE}
 * @param optional true when the outcome is unknown
 */
public record Operation(int id, long process, String f, Object key, Object input, Object output,
    long call, long ret, boolean optional) {

  /** The same operation with another id (its position in a partition). */
  Operation withId(int newId) {
    return new Operation(newId, process, f, key, input, output, call, ret, optional);
  }

  /** The same operation with an unknown outcome. */
  Operation asOptional() {
    return new Operation(id, process, f, key, input, null, call, Long.MAX_VALUE, true);
  }
}
