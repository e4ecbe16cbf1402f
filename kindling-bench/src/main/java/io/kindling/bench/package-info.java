/**
 * Benchmarks that print throughput as a ratio against a baseline measured in the same process:
 * {@link io.kindling.bench.ThroughputBench} compares Kindling's training loop with DJL's own
 * trainer.
 */
package io.kindling.bench;
