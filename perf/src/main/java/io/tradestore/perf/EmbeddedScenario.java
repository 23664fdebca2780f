package io.tradestore.perf;

import io.tradestore.core.PositionRecord;
import io.tradestore.core.PositionStore;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.OutcomeListener;
import io.tradestore.pipeline.PublishStatus;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.agrona.DirectBuffer;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The embedded {@link TradeStore} in this JVM, fresh in a temporary directory for every measurement: throughput
 * (publish the whole session as fast as the ring takes it, until the last outcome) and open-loop latency at fixed
 * offered rates, completion taken from the {@link OutcomeListener} on the egress thread.
 */
final class EmbeddedScenario implements OutcomeListener
{
    static final String NAME = "embedded";
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final BenchWorkload workload;
    private volatile long lastSequence;
    private volatile OpenLoopHarness harness;
    private long firstSequence;

    EmbeddedScenario(final BenchWorkload workload)
    {
        this.workload = workload;
    }

    static String durabilityLabel(final DurabilityMode mode)
    {
        return mode == DurabilityMode.SYNC ?
            "SYNC (journal forced to disk per batch before the outcome)" :
            "ASYNC (journal in page cache; survives a process kill)";
    }

    public void onOutcome(
        final long sessionId, final long correlationId, final long sequence, final long timestampNs,
        final int templateId, final int rejectReason, final int orderStatus, final DirectBuffer buffer,
        final int offset, final int length)
    {
        final OpenLoopHarness current = harness;
        if (null != current)
        {
            current.onComplete(sequence - firstSequence);
        }
        lastSequence = sequence;
    }

    /**
     * Publish the whole session as fast as possible and wait for the last outcome; also measures the in-process
     * position read on the resulting store when {@code positionRead} is given.
     */
    BenchResult throughput(final DurabilityMode mode, final List<BenchResult> positionRead)
    {
        return throughput("throughput", mode, Topology.SINGLE, positionRead, null);
    }

    /**
     * As {@link #throughput(DurabilityMode, List)} with the publishing thread driving a {@link Topology#INVOKED}
     * store: it publishes until the ring is full, then journals, applies and delivers that batch itself.
     */
    BenchResult throughputInvoked(final DurabilityMode mode)
    {
        return throughput("throughput-invoked", mode, Topology.INVOKED, null, null);
    }

    /**
     * As {@link #throughput(DurabilityMode, List)} for this scenario's (long) session, with the publishing thread
     * sampling the completed count every {@code sampleNs}: the row's rate is the average, its
     * {@link BenchResult#slowestWindowEventsPerSecond} the slowest window of at least {@code windowNs}, i.e. what the
     * store sustained across journal chunk rolls, order-map growth and whatever else the machine did meanwhile.
     */
    BenchResult sustained(final DurabilityMode mode, final long sampleNs, final long windowNs)
    {
        final ThroughputWindows windows = new ThroughputWindows(
            (int)Math.min(1 << 16, 2 + timeoutNs() / sampleNs), sampleNs);
        final BenchResult result = throughput("throughput-sustained", mode, Topology.SINGLE, null, windows);
        result.slowestWindowEventsPerSecond = windows.slowest(windowNs);
        result.note = String.format(Locale.ROOT,
            "%,d events in %.1f s; completions sampled every %d ms: slowest %.1f s window %s/s, fastest %s/s",
            result.events, result.events / result.throughputEventsPerSecond, TimeUnit.NANOSECONDS.toMillis(sampleNs),
            windowNs / 1e9, BenchReport.rate(result.slowestWindowEventsPerSecond),
            BenchReport.rate(windows.fastest(windowNs)));
        return result;
    }

    /** @param windows sampled every 1,024 publishes and while waiting, when not null. */
    private BenchResult throughput(
        final String rowMode,
        final DurabilityMode mode,
        final Topology topology,
        final List<BenchResult> positionRead,
        final ThroughputWindows windows)
    {
        final File directory = TempDirectory.create("tradestore-bench-embedded-");
        final boolean invoked = topology == Topology.INVOKED;
        final BenchResult result = new BenchResult(NAME, rowMode, durabilityLabel(mode));
        try (TradeStore store = open(directory, mode, topology))
        {
            harness = null;
            warmUp(store);
            final long before = lastSequence;
            final long timeoutNs = timeoutNs();
            final GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            if (null != windows)
            {
                windows.sample(startNs, 0);
            }
            long last = 0;
            for (int i = 0; i < workload.count; i++)
            {
                last = publish(store, i, invoked);
                if (null != windows && (i & 1023) == 0)
                {
                    windows.sampleIfDue(System.nanoTime(), lastSequence - before);
                }
            }
            while (lastSequence < last)
            {
                if (invoked && store.doWork() > 0)
                {
                    continue;
                }
                final long now = System.nanoTime();
                if (now - startNs > timeoutNs)
                {
                    throw new IllegalStateException("embedded outcomes timed out at " + lastSequence);
                }
                if (null != windows)
                {
                    windows.sampleIfDue(now, lastSequence - before);
                }
                Thread.yield();
            }
            final long endNs = System.nanoTime();
            meter.stop(result, workload.count);
            if (null != windows)
            {
                windows.sample(endNs, last - before);
            }
            result.events = workload.count;
            result.throughputEventsPerSecond = workload.count * 1e9 / (endNs - startNs);
            if (null != positionRead)
            {
                positionRead.add(positionRead(store.positions(), mode));
            }
        }
        finally
        {
            TempDirectory.delete(directory);
        }
        return result;
    }

    /** @return how long a throughput run may take: 30 s per million events of the session, at least 30 s. */
    private long timeoutNs()
    {
        return TIMEOUT_NS * Math.max(1, (workload.count + 999_999) / 1_000_000);
    }

    /** Open-loop latency at one offered rate: index = sequence - first sequence (one producer). */
    BenchResult latency(final DurabilityMode mode, final double ratePerSecond, final int events)
    {
        return latency(mode, Topology.SINGLE, ratePerSecond, events);
    }

    /**
     * Open-loop latency with the sending thread driving a {@link Topology#INVOKED} store, as a trading service's own
     * event loop would: each send publishes and then runs {@link TradeStore#doWork()} (journal, apply, outcome) on
     * the same thread, and the wait for the next due time runs it too. No thread hand-off; the sender's allocation
     * column then covers the whole path.
     */
    BenchResult latencyInvoked(final DurabilityMode mode, final double ratePerSecond, final int events)
    {
        return latency(mode, Topology.INVOKED, ratePerSecond, events);
    }

    private BenchResult latency(
        final DurabilityMode mode, final Topology topology, final double ratePerSecond, final int events)
    {
        final File directory = TempDirectory.create("tradestore-bench-embedded-");
        final boolean invoked = topology == Topology.INVOKED;
        try (TradeStore store = open(directory, mode, topology))
        {
            final int total = Math.min(events, workload.count);
            final int warmup = total / 5;
            firstSequence = store.completedSequence() + 1;
            final OpenLoopHarness.Context context = new OpenLoopHarness.Context()
                .ratePerSecond(ratePerSecond).warmupEvents(warmup).measuredEvents(total - warmup)
                .completionTimeoutNs(TIMEOUT_NS);
            if (invoked)
            {
                context.idleStrategy(new WorkWhileWaiting(store::doWork));
            }
            final OpenLoopHarness run = new OpenLoopHarness(context);
            harness = run;
            final OpenLoopHarness.Result measured = run.run(invoked ?
                index ->
                {
                    publish(store, (int)index, true);
                    store.doWork();
                } :
                index -> publish(store, (int)index, false));
            harness = null;
            final BenchResult result = new BenchResult(NAME, invoked ? "open-loop-invoked" : "open-loop",
                durabilityLabel(mode)).from(measured);
            if (measured.throughputEventsPerSecond < ratePerSecond * 0.95)
            {
                result.note = BenchResult.join(result.note, "offered rate not sustained");
            }
            return result;
        }
        finally
        {
            TempDirectory.delete(directory);
        }
    }

    private BenchResult positionRead(final PositionStore positions, final DurabilityMode mode)
    {
        final PositionStore.Reader reader = positions.newReader();
        final PositionRecord record = new PositionRecord();
        final int accounts = BenchWorkload.ACCOUNTS;
        final int instruments = BenchWorkload.INSTRUMENTS;
        long found = 0;
        final int reads = 2_000_000;
        for (int i = 0; i < reads / 4; i++)
        {
            found += reader.get(1 + i % accounts, 1 + (i / accounts) % instruments, record) ? 1 : 0;
        }
        final GcAndAllocation meter = GcAndAllocation.start();
        final long startNs = System.nanoTime();
        for (int i = 0; i < reads; i++)
        {
            found += reader.get(1 + i % accounts, 1 + (i / accounts) % instruments, record) ? 1 : 0;
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final BenchResult result = new BenchResult(NAME, "position-read", durabilityLabel(mode));
        meter.stop(result, reads);
        final long averageNs = Math.max(1, Math.round((double)elapsedNs / reads));
        result.events = reads;
        result.throughputEventsPerSecond = reads * 1e9 / elapsedNs;
        result.p50Ns = averageNs;
        result.note = "PositionStore.Reader.get loop over " + accounts * instruments + " keys, mean " +
            String.format(java.util.Locale.ROOT, "%.1f", (double)elapsedNs / reads) + " ns (shown as p50); " +
            found + " hits";
        return result;
    }

    /** @param invoked the store is INVOKED: run its pipeline on this thread while the ring is full. */
    private long publish(final TradeStore store, final int index, final boolean invoked)
    {
        final int offset = workload.offsets[index];
        final int length = workload.lengths[index];
        long sequence;
        while ((sequence = store.tryPublish(0, workload.buffer, offset, length)) == PublishStatus.BACK_PRESSURED)
        {
            if (invoked)
            {
                store.doWork();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        if (sequence < 0)
        {
            throw new IllegalStateException("publish failed: " + PublishStatus.describe(sequence));
        }
        return sequence;
    }

    private void warmUp(final TradeStore store)
    {
        final long sequence = store.tryMarketDataUpdate(0, 1, 1_000_000, 1, 1_000_100, 1, 0, 0);
        if (store.config().topology() == Topology.INVOKED)
        {
            store.doWork();
        }
        store.awaitOutcome(sequence, TIMEOUT_NS);
    }

    private TradeStore open(final File directory, final DurabilityMode mode, final Topology topology)
    {
        lastSequence = 0;
        return TradeStore.open(new TradeStoreConfig()
            .dataDirectory(directory)
            .durability(mode)
            .orderCapacity(workload.orderCapacity())
            .positionCapacity(BenchWorkload.positionCapacity())
            .instrumentCapacity(BenchWorkload.INSTRUMENTS)
            .snapshotEveryEvents(0)
            .snapshotEveryNs(0)
            .topology(topology), this);
    }
}
