package io.tradestore.perf;

/**
 * Samples of (time, events completed so far) taken by a publishing thread during a long throughput run, at most one
 * per sample period, and the completion rate over every window of at least a given length that starts at a sample:
 * what a run sustained, rather than its average. Preallocated; it neither allocates nor reads a clock, so the
 * sampling thread decides how often to pay for {@link System#nanoTime()}.
 */
final class ThroughputWindows
{
    private final long[] timesNs;
    private final long[] completed;
    private final long sampleNs;
    private long nextSampleNs;
    private int count;

    /**
     * @param capacity samples kept; later samples are dropped, except that {@link #sample} always keeps the last.
     * @param sampleNs shortest time between two samples taken by {@link #sampleIfDue}.
     */
    ThroughputWindows(final int capacity, final long sampleNs)
    {
        if (capacity < 2 || sampleNs <= 0)
        {
            throw new IllegalArgumentException("need capacity >= 2 and sampleNs > 0: " + capacity + ", " + sampleNs);
        }
        timesNs = new long[capacity];
        completed = new long[capacity];
        this.sampleNs = sampleNs;
    }

    /**
     * Record that {@code completedEvents} had completed at {@code nowNs}, whether or not a sample is due (the start
     * and the end of a run). Times must not go backwards. When the samples are full the last one is overwritten, so
     * the end of the run is never lost.
     */
    void sample(final long nowNs, final long completedEvents)
    {
        if (count > 0 && nowNs < timesNs[count - 1])
        {
            throw new IllegalArgumentException("time went backwards: " + nowNs + " < " + timesNs[count - 1]);
        }
        final int index = count < timesNs.length ? count++ : count - 1;
        timesNs[index] = nowNs;
        completed[index] = completedEvents;
        nextSampleNs = nowNs + sampleNs;
    }

    /** As {@link #sample} when a sample period has passed since the last one; otherwise nothing. */
    void sampleIfDue(final long nowNs, final long completedEvents)
    {
        if (count == 0 || nowNs - nextSampleNs >= 0)
        {
            sample(nowNs, completedEvents);
        }
    }

    int count()
    {
        return count;
    }

    /**
     * @param windowNs shortest window.
     * @return the lowest rate (events/s) over any window of at least {@code windowNs} from one sample to a later one,
     * or NaN when the samples span less than {@code windowNs}.
     */
    double slowest(final long windowNs)
    {
        return extreme(windowNs, true);
    }

    /**
     * @param windowNs shortest window.
     * @return the highest such rate, or NaN.
     */
    double fastest(final long windowNs)
    {
        return extreme(windowNs, false);
    }

    private double extreme(final long windowNs, final boolean lowest)
    {
        if (windowNs <= 0)
        {
            throw new IllegalArgumentException("window must be positive: " + windowNs);
        }
        double result = Double.NaN;
        int end = 0;
        for (int start = 0; start < count; start++)
        {
            end = Math.max(end, start + 1);
            while (end < count && timesNs[end] - timesNs[start] < windowNs)
            {
                end++;
            }
            if (end >= count)
            {
                break;
            }
            final double rate = (completed[end] - completed[start]) * 1e9 / (timesNs[end] - timesNs[start]);
            if (Double.isNaN(result) || (lowest ? rate < result : rate > result))
            {
                result = rate;
            }
        }
        return result;
    }
}
