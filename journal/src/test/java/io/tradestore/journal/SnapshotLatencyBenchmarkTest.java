package io.tradestore.journal;

import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.test.SessionGenerator;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measurement, not a test: per-event ingest latency (journal append + sync, a batch of one, + apply + onApplied on one thread, as the
 * pipeline's journal and apply steps do) with the snapshot thread writing a snapshot every
 * {@code -Dtradestore.bench.snapshotEvery} events (default 100k) versus snapshots disabled. Runs only with
 * {@code -Dtradestore.bench=true}; {@code -Dtradestore.bench.events} events per run (default 1M) from a
 * {@link SessionGenerator}, generated outside the timed section. Latencies go to a plain log-linear histogram and
 * are printed as p50/p90/p99/p99.9/p99.99/max. No timing assertion.
 */
class SnapshotLatencyBenchmarkTest
{
    @TempDir
    File dir;

    @Test
    void measureIngestLatencyWithAndWithoutSnapshots()
    {
        assumeTrue(Boolean.getBoolean("tradestore.bench"), "set -Dtradestore.bench=true to measure");
        final long events = Long.getLong("tradestore.bench.events", 1_000_000);
        final long snapshotEvery = Long.getLong("tradestore.bench.snapshotEvery", 100_000);

        run("warm-up", new File(dir, "warmup"), Math.min(events, 200_000), snapshotEvery);
        run("snapshots disabled", new File(dir, "off"), events, 0);
        run("snapshots every " + snapshotEvery, new File(dir, "on"), events, snapshotEvery);
        run("snapshots disabled (again)", new File(dir, "off2"), events, 0);
    }

    private static void run(final String label, final File data, final long events, final long snapshotEvery)
    {
        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config().seed(5).accounts(20)
            .instruments(50).invalidFraction(0.02));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        final JournalConfig config = new JournalConfig().dataDirectory(data).orderCapacity(events)
            .positionCapacity(10_000).instrumentCapacity(64).snapshotEveryEvents(snapshotEvery).snapshotEveryNs(0)
            .snapshotsToKeep(3).minFreeDiskBytes(0);
        final Histogram histogram = new Histogram();
        final long startNs = System.nanoTime();
        final long snapshots;
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final JournalWriter writer = engine.writer();
            final TradingStateMachine stateMachine = engine.stateMachine();
            for (long sequence = 1; sequence <= events; sequence++)
            {
                final int length = generator.next(buffer, 0);
                final long timestampNs = 1_767_225_600_000_000_000L + sequence * 1_000;
                final long t0 = System.nanoTime();
                assertEquals(0, writer.append(sequence, timestampNs, buffer, 0, length));
                writer.sync();
                stateMachine.apply(buffer, 0, length, sequence, timestampNs);
                engine.onApplied(sequence, timestampNs);
                histogram.record(System.nanoTime() - t0);
            }
            snapshots = engine.snapshotsTaken();
            assertNull(engine.snapshotError());
        }
        final long elapsedNs = System.nanoTime() - startNs;
        System.out.printf("%-28s %,d events, %.0f events/s, %d snapshots: %s%n", label, events,
            events * 1e9 / elapsedNs, snapshots, histogram.describe());
    }

    /**
     * Log-linear histogram of ns values: 8 ns buckets below 65,536 ns, then 16 sub-buckets per power of two
     * (6% resolution). Percentiles report the bucket's upper bound; max is exact.
     */
    static final class Histogram
    {
        private static final int LINEAR_SHIFT = 3;
        private static final long LINEAR_LIMIT = 1 << 16;
        private static final int LINEAR_BUCKETS = (int)(LINEAR_LIMIT >> LINEAR_SHIFT);
        private static final int SUB_BITS = 4;
        private final long[] counts = new long[LINEAR_BUCKETS + 64 * (1 << SUB_BITS)];
        private long total;
        private long max;

        void record(final long valueNs)
        {
            final long v = Math.max(0, valueNs);
            counts[index(v)]++;
            total++;
            max = Math.max(max, v);
        }

        static int index(final long v)
        {
            if (v < LINEAR_LIMIT)
            {
                return (int)(v >> LINEAR_SHIFT);
            }
            final int log = 63 - Long.numberOfLeadingZeros(v);
            final int sub = (int)(v >>> (log - SUB_BITS)) & ((1 << SUB_BITS) - 1);
            return LINEAR_BUCKETS + (log << SUB_BITS) + sub;
        }

        static long upperBound(final int index)
        {
            if (index < LINEAR_BUCKETS)
            {
                return ((long)index + 1 << LINEAR_SHIFT) - 1;
            }
            final int log = (index - LINEAR_BUCKETS) >> SUB_BITS;
            final int sub = (index - LINEAR_BUCKETS) & ((1 << SUB_BITS) - 1);
            return (1L << log) + ((long)sub + 1 << (log - SUB_BITS)) - 1;
        }

        long percentile(final double p)
        {
            final long rank = (long)Math.ceil(total * p / 100.0);
            long seen = 0;
            for (int i = 0; i < counts.length; i++)
            {
                seen += counts[i];
                if (seen >= rank && seen > 0)
                {
                    return Math.min(upperBound(i), max);
                }
            }
            return max;
        }

        long countAbove(final long valueNs)
        {
            long above = 0;
            for (int i = 0; i < counts.length; i++)
            {
                if (upperBound(i) > valueNs)
                {
                    above += counts[i];
                }
            }
            return above;
        }

        String describe()
        {
            return String.format("p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.1f us, p99.99 %.1f us, max %.2f ms," +
                " events over 1 ms: %d", percentile(50) / 1e3, percentile(90) / 1e3, percentile(99) / 1e3,
                percentile(99.9) / 1e3, percentile(99.99) / 1e3, max / 1e6, countAbove(1_000_000));
        }
    }
}
