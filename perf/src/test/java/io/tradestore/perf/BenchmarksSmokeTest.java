package io.tradestore.perf;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.time.Instant;
import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every benchmark through JMH in this JVM (which surefire starts with the project's flags) for a few
 * milliseconds: proves the set-ups work, every operation is accepted (a reject throws) and the report renders.
 * Measures nothing: no timing is asserted.
 */
class BenchmarksSmokeTest
{
    private static final int BENCHMARK_COUNT = 15;

    @Test
    void shouldRunEveryBenchmarkAndRenderTheReport() throws RunnerException
    {
        final Options options = new OptionsBuilder()
            .include(Benchmarks.class.getPackageName() + ".*Benchmark")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(20))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();

        final Collection<RunResult> results = new Runner(options).run();
        assertEquals(BENCHMARK_COUNT, results.size());

        final String report = JmhResultsReport.render(
            results, "-f 0", Instant.parse("2026-01-02T03:04:05Z"), "0.50 0.40 0.30");
        assertTrue(report.contains("| date | 2026-01-02T03:04:05Z |"), report);
        assertTrue(report.contains("| StateMachineBenchmark.applyFill | avgt | 1 |"), report);
        assertTrue(report.contains("| StoreBenchmark.positionRead | avgt | 1 |"), report);
        assertTrue(report.contains("CPUs (nproc)"), report);
    }
}
