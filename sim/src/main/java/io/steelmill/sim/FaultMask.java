package io.steelmill.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which injected faults a run may apply: all of them (a normal run), or only those listed by
 * identity ({@code f3,b7,d12}: the kind's letter and its ordinal within the seed, see {@link
 * FaultLedger.Kind}). Every other fault the run would inject is suppressed: the nemesis skips
 * it, the message goes through, the BUGGIFY site does not fire. Replaying a seed with the faults
 * a shrinker kept reproduces the shrunk run.
 */
public final class FaultMask {
  /** The most identities a mask may list: far more than any shrunk run needs. */
  public static final int MAX_IDS = 100_000;

  /** Every fault applies. */
  public static final FaultMask ALL = new FaultMask(null);

  private final Set<String> allowed; // null: all

  private FaultMask(Set<String> allowed) {
    this.allowed = allowed;
  }

  /** Only faults with these identities apply (none when empty). */
  public static FaultMask only(Collection<String> ids) {
    Set<String> set = new TreeSet<>(FaultMask::compare);
    for (String id : ids) {
      set.add(check(id));
    }
    return new FaultMask(set);
  }

  /**
   * Parses {@code all}, {@code none} or a comma-separated list of identities such as {@code
   * f3,b7,d12}, each id once.
   *
   * @throws IllegalArgumentException with a one-line reason for anything else
   */
  public static FaultMask parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.equals("all")) {
      return ALL;
    }
    if (trimmed.equals("none")) {
      return only(List.of());
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("empty fault list; give ids such as f3,b7 (or none, all)");
    }
    List<String> ids = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (String part : trimmed.split(",", -1)) {
      if (ids.size() == MAX_IDS) {
        throw new IllegalArgumentException("more than " + MAX_IDS + " fault ids");
      }
      String id = check(part.strip());
      if (!seen.add(id)) {
        throw new IllegalArgumentException(id + " is listed twice; name each fault once");
      }
      ids.add(id);
    }
    return only(ids);
  }

  private static String check(String id) {
    if (id == null || !id.matches("[a-z][1-9][0-9]{0,8}")
        || FaultLedger.Kind.of(id.charAt(0)) == null) {
      throw new IllegalArgumentException("\"" + id + "\" is not a fault id: a kind letter ("
          + FaultLedger.Kind.letters() + ") and an ordinal from 1 to 999999999, e.g. f3");
    }
    return id;
  }

  /** Whether every fault applies. */
  public boolean isAll() {
    return allowed == null;
  }

  /** Whether the fault with identity {@code id} applies. */
  public boolean allows(String id) {
    return allowed == null || allowed.contains(id);
  }

  /** The listed identities in kind and ordinal order (empty for {@link #ALL}). */
  public List<String> ids() {
    return allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** Orders ids by kind letter, then ordinal: {@code b2 < b10 < n1}. */
  static int compare(String a, String b) {
    int kind = Character.compare(a.charAt(0), b.charAt(0));
    return kind != 0 ? kind : Integer.compare(ordinal(a), ordinal(b));
  }

  static int ordinal(String id) {
    return Integer.parseInt(id.substring(1));
  }

  /** {@code all}, {@code none}, or the ids joined by commas: what {@link #parse} reads back. */
  @Override
  public String toString() {
    if (allowed == null) {
      return "all";
    }
    return allowed.isEmpty() ? "none" : String.join(",", allowed);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FaultMask mask && java.util.Objects.equals(allowed, mask.allowed);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(allowed);
  }
}
