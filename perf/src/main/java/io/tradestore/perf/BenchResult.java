package io.tradestore.perf;

import org.HdrHistogram.Histogram;

/**
 * One row of the {@link BenchTool} report: a scenario measured one way (throughput, open-loop latency at an offered
 * rate, or a closed-loop round trip), or skipped with a reason. Latencies in ns, {@code -1} where not measured;
 * rates in events per second, {@code NaN} where not measured. Built on the benchmark thread, then read-only.
 */
final class BenchResult
{
    static final String MEASURED = "measured";
    static final String SKIPPED = "skipped";

    final String scenario;
    final String mode;
    final String durability;
    String status = MEASURED;
    String reason = "";
    double offeredRatePerSecond = Double.NaN;
    double throughputEventsPerSecond = Double.NaN;
    long events;
    long p50Ns = -1;
    long p90Ns = -1;
    long p99Ns = -1;
    long p999Ns = -1;
    long maxNs = -1;
    long gcCount = -1;
    double allocatedBytesPerEvent = Double.NaN;
    /** Sustained-throughput rows: the slowest window's completion rate; NaN elsewhere. */
    double slowestWindowEventsPerSecond = Double.NaN;
    String note = "";

    /**
     * @param scenario   {@code embedded}, {@code gateway-batch}, {@code gateway-pingpong}, {@code redis},
     *                   {@code tcp-echo} or {@code queue-append}.
     * @param mode       how it was measured, e.g. {@code throughput}, {@code open-loop}, {@code round-trip}.
     * @param durability what an acknowledged event survives, named in every row.
     */
    BenchResult(final String scenario, final String mode, final String durability)
    {
        this.scenario = scenario;
        this.mode = mode;
        this.durability = durability;
    }

    static BenchResult skipped(final String scenario, final String mode, final String durability, final String reason)
    {
        final BenchResult result = new BenchResult(scenario, mode, durability);
        result.status = SKIPPED;
        result.reason = reason;
        return result;
    }

    boolean isMeasured()
    {
        return MEASURED.equals(status);
    }

    boolean hasLatency()
    {
        return isMeasured() && p50Ns >= 0 && p99Ns >= 0;
    }

    BenchResult latency(final Histogram histogram)
    {
        p50Ns = histogram.getValueAtPercentile(50);
        p90Ns = histogram.getValueAtPercentile(90);
        p99Ns = histogram.getValueAtPercentile(99);
        p999Ns = histogram.getValueAtPercentile(99.9);
        maxNs = histogram.getMaxValue();
        return this;
    }

    BenchResult from(final OpenLoopHarness.Result run)
    {
        offeredRatePerSecond = run.offeredRatePerSecond;
        throughputEventsPerSecond = run.throughputEventsPerSecond;
        events = run.completedEvents;
        gcCount = run.gcCount;
        allocatedBytesPerEvent = run.senderAllocatedBytesPerEvent;
        latency(run.latencyNs);
        if (run.lostEvents() > 0)
        {
            note = join(note, run.lostEvents() + " events not completed within the timeout");
        }
        return this;
    }

    /** @return a short label for charts and the table: scenario, mode and rate. */
    String label()
    {
        final StringBuilder label = new StringBuilder(scenario);
        if (!"throughput".equals(mode))
        {
            label.append(' ').append(mode);
        }
        if (!Double.isNaN(offeredRatePerSecond))
        {
            label.append(" @").append(BenchReport.rate(offeredRatePerSecond));
        }
        if (scenario.equals("embedded"))
        {
            label.append(' ').append(durability.startsWith("SYNC") ? "SYNC" : "ASYNC");
        }
        return label.toString();
    }

    static String join(final String a, final String b)
    {
        return a.isEmpty() ? b : a + "; " + b;
    }
}
