package io.tradestore.pipeline;

import java.io.File;

/**
 * Keeps a free-space reserve on the journal's file system. Producers refuse new events (DISK_FULL) while the
 * usable space is below the reserve, so the ring's in-flight events always fit and Chronicle never maps a page
 * it cannot back (which would SIGBUS). The journal thread re-checks at most every {@code checkIntervalNs};
 * while refusing, producers re-check too, so the store resumes on its own when space returns.
 */
final class DiskSpaceMonitor
{
    private static final long CHECK_INTERVAL_NS = 50_000_000L;

    private final File directory;
    private final long reserveBytes;
    private final PipelineCounters counters;
    private volatile boolean belowReserve;
    private volatile long lastCheckNs;

    DiskSpaceMonitor(final File directory, final long reserveBytes, final PipelineCounters counters)
    {
        this.directory = directory;
        this.reserveBytes = reserveBytes;
        this.counters = counters;
        check(System.nanoTime());
    }

    /** Journal thread: re-check when the interval has passed. */
    void onBatch()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastCheckNs >= CHECK_INTERVAL_NS)
        {
            check(nowNs);
        }
    }

    /**
     * Producer threads: is the store refusing events for lack of space? Re-checks when refusing and the
     * interval has passed, so the refusal lifts without traffic on the journal thread.
     *
     * @return true when new events must be refused.
     */
    boolean refuse()
    {
        if (!belowReserve)
        {
            return false;
        }
        final long nowNs = System.nanoTime();
        if (nowNs - lastCheckNs >= CHECK_INTERVAL_NS)
        {
            check(nowNs);
        }
        if (belowReserve)
        {
            counters.diskFullRefusals.increment();
            return true;
        }
        return false;
    }

    private void check(final long nowNs)
    {
        lastCheckNs = nowNs;
        belowReserve = reserveBytes > 0 && directory.getUsableSpace() < reserveBytes;
    }
}
