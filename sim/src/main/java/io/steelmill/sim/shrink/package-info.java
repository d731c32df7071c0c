/**
 * Shrinking a failing seed: replaying it with subsets of its injected faults (delta debugging)
 * until the smallest set that still fails is found, and the command that replays it.
 */
package io.steelmill.sim.shrink;
