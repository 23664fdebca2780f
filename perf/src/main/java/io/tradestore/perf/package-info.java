/**
 * Performance measurement of tradestore: JMH component benchmarks (run through {@link io.tradestore.perf.Benchmarks}
 * so every fork gets the project's JVM flags) and the writer of the results table kept in {@code perf/results}.
 * <p>
 * Benchmark and state classes are public and non-final because the JMH annotation processor generates
 * subclasses of them; everything else is package-private.
 */
package io.tradestore.perf;
