package io.tradestore.perf;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-loop latency measurement at a fixed offered rate, corrected for coordinated omission.
 * <p>
 * Event {@code i} is due at {@code start + i / rate}. The sending thread sends each event as soon as it is due,
 * whether or not earlier events have completed, and late events are sent at once (catching up) rather than the
 * schedule sliding. Latency is measured from the <em>intended</em> start time to completion, so a stall of the
 * system under test shows in every event that was due during it, as a user would see it, not just the one event
 * that was in flight.
 * <p>
 * The system under test is plugged in through a {@link Sender} ("send event i") and reports completion by calling
 * {@link #onComplete(long)} with the same index from any thread (for example from an ack callback, with the index
 * carried as the correlation id). The first {@link Context#warmupEvents} events are sent but not recorded.
 * Recording is wait-free and allocation-free (an HdrHistogram {@link Recorder}).
 * <p>
 * One {@link #run(Sender)} per instance; {@link #onComplete(long)} may be called from several threads.
 */
public final class OpenLoopHarness
{
    /** Sends one event; called on the harness's sending thread, in index order. */
    @FunctionalInterface
    public interface Sender
    {
        /**
         * @param index of the event, from 0; completions must report the same index.
         */
        void send(long index);
    }

    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);

    private final Context context;
    private final NanoClock clock;
    private final Recorder recorder = new Recorder(1, HIGHEST_TRACKABLE_NS, 3);
    private final AtomicLong measuredCompletions = new AtomicLong();
    private final AtomicLong allCompletions = new AtomicLong();
    private final AtomicLong lastCompletionNs = new AtomicLong();
    private volatile long startNs;
    private boolean ran;

    /**
     * @param context concluded configuration.
     */
    public OpenLoopHarness(final Context context)
    {
        this.context = context.conclude();
        this.clock = context.nanoClock;
    }

    /**
     * Send every event on schedule on the calling thread, then wait for the outstanding completions (up to the
     * completion timeout).
     *
     * @param sender plugs in the system under test.
     * @return the measurement.
     */
    public Result run(final Sender sender)
    {
        if (ran)
        {
            throw new IllegalStateException("an OpenLoopHarness runs once");
        }
        ran = true;

        final long warmup = context.warmupEvents;
        final long total = warmup + context.measuredEvents;
        final IdleStrategy idle = context.idleStrategy;
        final com.sun.management.ThreadMXBean threads = threadMxBean();

        long gcCountBefore = gcCount();
        long gcTimeBefore = gcTimeMs();
        long allocatedBefore = allocatedBytes(threads);
        long maxSendLagNs = 0;

        final long start = clock.nanoTime();
        startNs = start;
        for (long i = 0; i < total; i++)
        {
            if (i == warmup)
            {
                gcCountBefore = gcCount();
                gcTimeBefore = gcTimeMs();
                allocatedBefore = allocatedBytes(threads);
                maxSendLagNs = 0;
            }
            final long intended = start + offsetNs(i);
            long now;
            while ((now = clock.nanoTime()) < intended)
            {
                idle.idle();
            }
            idle.reset();
            maxSendLagNs = Math.max(maxSendLagNs, now - intended);
            sender.send(i);
        }
        final long sendEndNs = clock.nanoTime();
        final long allocatedAfter = allocatedBytes(threads);

        final long deadline = sendEndNs + context.completionTimeoutNs;
        while (allCompletions.get() < total && clock.nanoTime() < deadline)
        {
            idle.idle();
        }
        idle.reset();

        final Histogram histogram = recorder.getIntervalHistogram();
        final long completed = measuredCompletions.get();
        final long measuredStart = start + offsetNs(warmup);
        final long durationNs = Math.max(1, lastCompletionNs.get() - measuredStart);
        return new Result(
            context.ratePerSecond,
            context.measuredEvents,
            completed,
            durationNs,
            completed * 1e9 / durationNs,
            histogram,
            gcCount() - gcCountBefore,
            gcTimeMs() - gcTimeBefore,
            allocatedBefore < 0 || allocatedAfter < 0 ?
                Double.NaN : (double)(allocatedAfter - allocatedBefore) / context.measuredEvents,
            maxSendLagNs,
            sendEndNs - measuredStart);
    }

    /**
     * Report the completion of event {@code index} now. Any thread; wait-free, allocation-free.
     *
     * @param index as given to {@link Sender#send(long)}.
     */
    public void onComplete(final long index)
    {
        onComplete(index, clock.nanoTime());
    }

    /**
     * Report the completion of event {@code index} at a time already read (e.g. once per received batch).
     *
     * @param index        as given to {@link Sender#send(long)}.
     * @param completionNs completion time on the harness's clock ({@link System#nanoTime()} by default).
     */
    public void onComplete(final long index, final long completionNs)
    {
        allCompletions.incrementAndGet();
        if (index >= context.warmupEvents)
        {
            final long latencyNs = completionNs - (startNs + offsetNs(index));
            recorder.recordValue(Math.min(HIGHEST_TRACKABLE_NS, Math.max(1, latencyNs)));
            measuredCompletions.incrementAndGet();
            lastCompletionNs.accumulateAndGet(completionNs, Math::max);
        }
    }

    private long offsetNs(final long index)
    {
        return (long)(index * (1e9 / context.ratePerSecond));
    }

    private static com.sun.management.ThreadMXBean threadMxBean()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean instanceof com.sun.management.ThreadMXBean ? (com.sun.management.ThreadMXBean)bean : null;
    }

    private static long allocatedBytes(final com.sun.management.ThreadMXBean threads)
    {
        return threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long gcTimeMs()
    {
        long timeMs = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            timeMs += Math.max(0, gc.getCollectionTime());
        }
        return timeMs;
    }

    /** Configuration: set, then {@link #conclude()} validates (the constructor concludes). */
    public static final class Context
    {
        private double ratePerSecond = 10_000;
        private long warmupEvents = 10_000;
        private long measuredEvents = 100_000;
        private long completionTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private IdleStrategy idleStrategy = new YieldingIdleStrategy();
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;

        /**
         * @param ratePerSecond offered rate, events per second, > 0.
         * @return this.
         */
        public Context ratePerSecond(final double ratePerSecond)
        {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /**
         * @param warmupEvents events sent first and not recorded, >= 0.
         * @return this.
         */
        public Context warmupEvents(final long warmupEvents)
        {
            this.warmupEvents = warmupEvents;
            return this;
        }

        /**
         * @param measuredEvents events recorded after the warm-up, > 0.
         * @return this.
         */
        public Context measuredEvents(final long measuredEvents)
        {
            this.measuredEvents = measuredEvents;
            return this;
        }

        /**
         * @param completionTimeoutNs how long to wait for completions after the last send; the rest count as lost.
         * @return this.
         */
        public Context completionTimeoutNs(final long completionTimeoutNs)
        {
            this.completionTimeoutNs = completionTimeoutNs;
            return this;
        }

        /**
         * @param idleStrategy how the sending thread waits for the next due time. The default yields, so that on a
         *                     2-core machine it does not starve the system under test; a busy spin is more precise
         *                     where cores are spare.
         * @return this.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * @param nanoClock the clock of send schedule and completions (tests inject a manual one).
         * @return this.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return this, validated.
         * @throws IllegalArgumentException on a value out of range.
         */
        public Context conclude()
        {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))
            {
                throw new IllegalArgumentException("ratePerSecond must be > 0: " + ratePerSecond);
            }
            if (warmupEvents < 0 || measuredEvents <= 0)
            {
                throw new IllegalArgumentException(
                    "need warmupEvents >= 0 and measuredEvents > 0: " + warmupEvents + ", " + measuredEvents);
            }
            if (completionTimeoutNs < 0 || idleStrategy == null || nanoClock == null)
            {
                throw new IllegalArgumentException("completionTimeoutNs, idleStrategy and nanoClock are required");
            }
            return this;
        }
    }

    /** The outcome of one run; latencies in ns from intended start to completion. */
    public static final class Result
    {
        /** Offered rate, events per second. */
        public final double offeredRatePerSecond;
        /** Events that should have been recorded. */
        public final long measuredEvents;
        /** Measured events that completed within the timeout. */
        public final long completedEvents;
        /** From the first measured event's intended start to the last completion, ns. */
        public final long durationNs;
        /** Completed measured events per second over {@link #durationNs}. */
        public final double throughputEventsPerSecond;
        /** Latency distribution, ns (a copy owned by the result). */
        public final Histogram latencyNs;
        /** Garbage collections during the measured phase (all collectors, all threads). */
        public final long gcCount;
        /** Time in garbage collection during the measured phase, ms. */
        public final long gcTimeMs;
        /** Bytes allocated by the sending thread per measured event (NaN where the JVM cannot tell). */
        public final double senderAllocatedBytesPerEvent;
        /** Worst lateness of a send against its schedule, ns: large means the rate was not really offered. */
        public final long maxSendLagNs;
        /** Time the measured sends took, ns. */
        public final long sendDurationNs;

        Result(
            final double offeredRatePerSecond,
            final long measuredEvents,
            final long completedEvents,
            final long durationNs,
            final double throughputEventsPerSecond,
            final Histogram latencyNs,
            final long gcCount,
            final long gcTimeMs,
            final double senderAllocatedBytesPerEvent,
            final long maxSendLagNs,
            final long sendDurationNs)
        {
            this.offeredRatePerSecond = offeredRatePerSecond;
            this.measuredEvents = measuredEvents;
            this.completedEvents = completedEvents;
            this.durationNs = durationNs;
            this.throughputEventsPerSecond = throughputEventsPerSecond;
            this.latencyNs = latencyNs;
            this.gcCount = gcCount;
            this.gcTimeMs = gcTimeMs;
            this.senderAllocatedBytesPerEvent = senderAllocatedBytesPerEvent;
            this.maxSendLagNs = maxSendLagNs;
            this.sendDurationNs = sendDurationNs;
        }

        /** @return measured events that never completed. */
        public long lostEvents()
        {
            return measuredEvents - completedEvents;
        }

        /**
         * @param percentile 0..100.
         * @return latency at that percentile, ns.
         */
        public long percentileNs(final double percentile)
        {
            return latencyNs.getValueAtPercentile(percentile);
        }

        /** @return median latency, ns. */
        public long p50Ns()
        {
            return percentileNs(50);
        }

        /** @return 99th percentile latency, ns. */
        public long p99Ns()
        {
            return percentileNs(99);
        }

        /** @return 99.9th percentile latency, ns. */
        public long p999Ns()
        {
            return percentileNs(99.9);
        }

        /** @return worst latency, ns. */
        public long maxNs()
        {
            return latencyNs.getMaxValue();
        }

        @Override
        public String toString()
        {
            return String.format(
                "offered %.0f/s, throughput %.0f/s, completed %d/%d, p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns, " +
                "GCs %d (%d ms), sender %.2f B/event, max send lag %d ns",
                offeredRatePerSecond, throughputEventsPerSecond, completedEvents, measuredEvents, p50Ns(), p99Ns(),
                p999Ns(), maxNs(), gcCount, gcTimeMs, senderAllocatedBytesPerEvent, maxSendLagNs);
        }
    }
}
