/**
 * Seed sweeps beyond one process: {@code merge-results} combines the reports that the shards of
 * a sweep ({@code --shard I/N --report-dir DIR}, or {@code -Dsteelmill.shard=I/N} in tests) wrote.
 */
package io.steelmill.examples.sweep;
