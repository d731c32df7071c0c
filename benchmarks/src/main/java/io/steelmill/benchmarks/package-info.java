/**
 * JMH benchmarks. {@link io.steelmill.benchmarks.ZeroCostBenchmark}: a hot call through an
 * injected, mode-bound interface against the same call on a directly constructed instance; {@link
 * io.steelmill.benchmarks.LookupBenchmark}: an entry point of a built node against a field read.
 * Results and the commands that produced them are in BENCHMARKS.md.
 */
package io.steelmill.benchmarks;
