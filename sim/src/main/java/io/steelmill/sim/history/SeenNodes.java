package io.steelmill.sim.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowe's memoization for a {@link LinearizationSearch}: the (completed operations, model state)
 * nodes seen so far, each with the sets of optional operations it was seen with. A probe reads
 * the search's live bitsets and incrementally kept Zobrist hash, so looking a node up allocates
 * nothing; a stored node keeps its sets in {@link CompactBits} form and charges the check's
 * {@link SearchBudget} for what it holds.
 */
final class SeenNodes {
  private final Map<CacheKey, Object> cache = new HashMap<>();
  private final CacheKey probe;
  private final long[] linearized;
  private final long[] optionalLinearized;
  private final SearchBudget budget;
  /**
   * The large states (over {@link #SHARED_STATE_BYTES}) charged so far, by identity: a state is
   * charged once however many entries share it (a register's written value, a big cas value).
   */
  private final Map<Object, Boolean> chargedStates = new IdentityHashMap<>();

  /** States smaller than this are left to {@link #ENTRY_BYTES}'s slack, without a lookup. */
  private static final long SHARED_STATE_BYTES = 256;

  /** Nodes of a search whose live sets are {@code linearized} and {@code optionalLinearized}. */
  SeenNodes(long[] linearized, long[] optionalLinearized, SearchBudget budget) {
    this.linearized = linearized;
    this.optionalLinearized = optionalLinearized;
    this.budget = budget;
    this.probe = new CacheKey(linearized, null, 0);
  }

  /**
   * Records the search's current (completed set, {@code state}, optional set), whose completed
   * set hashes to {@code zobristHash}, and says whether it is new: false when a node with the
   * same completed set and state and a subset of the optional set was seen.
   */
  boolean remember(Object state, long zobristHash) {
    probe.reset(state, zobristHash);
    Object seen = cache.get(probe);
    long[] optional;
    if (seen == null) {
      CacheKey key = new CacheKey(null, probe.state, probe.zobrist);
      key.compact = CompactBits.of(linearized);
      optional = CompactBits.of(optionalLinearized);
      cache.put(key, optional);
      budget.charge(ENTRY_BYTES + 8L * (key.compact.length + optional.length)
          + stateBytes(probe.state));
      return true;
    }
    if (seen instanceof long[] one) {
      if (CompactBits.subsetOf(one, optionalLinearized)) {
        return false;
      }
      List<long[]> sets = new ArrayList<>();
      sets.add(one);
      sets.add(optional = CompactBits.of(optionalLinearized));
      cache.put(probe, sets); // the key is present: the map keeps its own, compact one
      budget.charge(ENTRY_BYTES + 8L * optional.length);
      return true;
    }
    @SuppressWarnings("unchecked")
    List<long[]> sets = (List<long[]>) seen;
    for (long[] set : sets) {
      if (CompactBits.subsetOf(set, optionalLinearized)) {
        return false;
      }
    }
    sets.add(optional = CompactBits.of(optionalLinearized));
    budget.charge(16L + 8L * optional.length);
    return true;
  }

  /** What keeping {@code state} costs the budget: a large state once, a small one nothing. */
  private long stateBytes(Object state) {
    long bytes = StateBytes.of(state);
    if (bytes < SHARED_STATE_BYTES) {
      return 0;
    }
    return chargedStates.put(state, Boolean.TRUE) == null ? bytes : 0;
  }

  /** About what a cache entry costs besides its words: key, map node, array headers. */
  private static final long ENTRY_BYTES = 120;

  /**
   * (linearized set, state) with a precomputed hash. The probe instance is reused and reads the
   * search's live set ({@code words}); a cached key holds its set in {@link CompactBits} form.
   */
  private static final class CacheKey {
    private final long[] words;
    private long[] compact;
    private Object state;
    private long zobrist;
    private int hash;

    CacheKey(long[] words, Object state, long zobristHash) {
      this.words = words;
      reset(state, zobristHash);
    }

    void reset(Object newState, long zobristHash) {
      state = newState;
      zobrist = zobristHash;
      long h = zobristHash * 31 + (newState == null ? 0 : newState.hashCode());
      hash = (int) (h ^ (h >>> 32));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof CacheKey key && key.hash == hash
          && java.util.Objects.equals(key.state, state) && sameSet(key);
    }

    private boolean sameSet(CacheKey key) {
      if (compact != null && key.compact != null) {
        return CompactBits.same(compact, key.compact);
      }
      if (compact != null) {
        return CompactBits.matches(compact, key.words);
      }
      return key.compact != null ? CompactBits.matches(key.compact, words)
          : Arrays.equals(words, key.words);
    }
  }
}
