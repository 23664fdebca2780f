package io.tradestore.gateway.cli;

import java.util.Arrays;

/**
 * Latency samples in a preallocated {@code long[]}; percentiles by sorting a copy. Keeps the gateway free of a
 * histogram dependency; the perf module has the HdrHistogram harness. Single thread.
 */
final class LatencySamples
{
    private final long[] samples;
    private int count;

    LatencySamples(final int capacity)
    {
        samples = new long[Math.max(1, capacity)];
    }

    void record(final long valueNs)
    {
        if (count < samples.length)
        {
            samples[count++] = valueNs;
        }
    }

    int count()
    {
        return count;
    }

    /**
     * @return values at the requested percentiles (0..100), in the same order; empty samples give zeros.
     */
    long[] percentiles(final double... percentiles)
    {
        final long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        final long[] result = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++)
        {
            if (count > 0)
            {
                final int index = (int)Math.min(count - 1, Math.max(0, Math.ceil(percentiles[i] / 100.0 * count) - 1));
                result[i] = sorted[index];
            }
        }
        return result;
    }

    /**
     * @return "p50 a  p90 b  p99 c  p99.9 d  max e" in microseconds.
     */
    String describeMicros()
    {
        final long[] p = percentiles(50, 90, 99, 99.9, 100);
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s us  (%,d samples)",
            micros(p[0]), micros(p[1]), micros(p[2]), micros(p[3]), micros(p[4]), count);
    }

    static String micros(final long ns)
    {
        return String.format("%.1f", ns / 1000.0);
    }
}
