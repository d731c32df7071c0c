/**
 * The ten-daemon node of {@link io.steelmill.benchmarks.NodeLifecycleBenchmark}: a chain of
 * services whose {@code run()} waits until {@code stop()} releases it.
 */
package io.steelmill.benchmarks.lifecycle;
