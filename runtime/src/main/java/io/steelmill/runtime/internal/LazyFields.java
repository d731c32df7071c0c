package io.steelmill.runtime.internal;

import java.lang.invoke.VarHandle;

/**
 * Fields made by the first thread that needs them: a node, a factory's lock and a signal carry
 * state (waiter queues, children, a lifecycle lock) that most of them never use, so it is made on
 * first use, and two threads racing to make it agree on one instance.
 */
public final class LazyFields {
  private LazyFields() {}

  /**
   * Puts {@code fresh} in the null {@code field} of {@code holder} unless another thread put one
   * there first, and returns the one the field holds. Callers read the field first and call this
   * only when it is null.
   *
   * @param field a volatile-capable handle on a reference field of {@code holder}'s class
   */
  @SuppressWarnings("unchecked") // the field's type is T: the handle was made for it
  public static <T> T install(VarHandle field, Object holder, T fresh) {
    Object raced = field.compareAndExchange(holder, (Object) null, (Object) fresh);
    return raced == null ? fresh : (T) raced;
  }
}
