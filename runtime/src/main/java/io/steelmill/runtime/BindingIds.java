package io.steelmill.runtime;

import java.util.function.IntConsumer;

/**
 * A list of binding ids as generated code writes it: decimal ids separated by spaces or line
 * breaks. Why a string: a large graph's {@code buildForChildren} names hundreds of ids, and one
 * string constant costs the class file far less than a call per id.
 */
final class BindingIds {
  private BindingIds() {}

  /**
   * Calls {@code action} with each id of {@code ids}, in order.
   *
   * @throws IllegalArgumentException at the first character that is neither a digit nor a space
   */
  static void forEach(String ids, IntConsumer action) {
    int id = -1;
    for (int i = 0, length = ids.length(); i <= length; i++) {
      char c = i < length ? ids.charAt(i) : ' ';
      if (c >= '0' && c <= '9') {
        id = (id < 0 ? 0 : id * 10) + (c - '0');
      } else if (Character.isWhitespace(c)) {
        if (id >= 0) {
          action.accept(id);
        }
        id = -1;
      } else {
        throw new IllegalArgumentException("malformed id list at " + i + ": " + ids);
      }
    }
  }
}
