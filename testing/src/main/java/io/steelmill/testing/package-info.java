/**
 * Test support: {@link io.steelmill.testing.MultiNode} runs several nodes of one cluster in a
 * test, each with its own body (the crate's {@code spawn_node} / {@code done_spawning}), and
 * fails with the first named daemon error, never hanging past its deadline.
 */
package io.steelmill.testing;
