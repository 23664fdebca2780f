package io.tradestore.perf;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputWindowsTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Test
    void shouldFindTheStallThatTheAverageHides()
    {
        // 2M/s for 3 s, 200 ms with nothing completed, then 2M/s for 3 s: the average stays above 1.8M/s
        final ThroughputWindows windows = new ThroughputWindows(1024, 100 * MS);
        long completed = 0;
        long now = 0;
        for (int i = 0; i < 30; i++)
        {
            windows.sample(now, completed);
            now += 100 * MS;
            completed += 200_000;
        }
        now += 200 * MS;
        for (int i = 0; i < 31; i++)
        {
            windows.sample(now, completed);
            now += 100 * MS;
            completed += 200_000;
        }

        assertEquals(2_000_000 * 0.8, windows.slowest(SECOND), 1e-6, "1 s holding the 200 ms stall: 1.6M in 1 s");
        assertEquals(2_000_000, windows.fastest(SECOND), 1e-6);
    }

    @Test
    void shouldMatchABruteForceModelOnRandomSamples()
    {
        final Random random = new Random(42);
        for (int run = 0; run < 200; run++)
        {
            final int n = 2 + random.nextInt(60);
            final long[] times = new long[n];
            final long[] done = new long[n];
            final ThroughputWindows windows = new ThroughputWindows(n, 1);
            for (int i = 0; i < n; i++)
            {
                times[i] = i == 0 ? random.nextInt(1_000) : times[i - 1] + random.nextInt(300) * MS;
                done[i] = i == 0 ? 0 : done[i - 1] + random.nextInt(500_000);
                windows.sample(times[i], done[i]);
            }
            final long window = (1 + random.nextInt(20)) * 100 * MS;
            double slowest = Double.NaN;
            double fastest = Double.NaN;
            for (int a = 0; a < n; a++)
            {
                for (int b = a + 1; b < n; b++)
                {
                    if (times[b] - times[a] >= window)
                    {
                        // only the shortest qualifying window from each start, as a sampler would see it
                        final double rate = (done[b] - done[a]) * 1e9 / (times[b] - times[a]);
                        slowest = Double.isNaN(slowest) ? rate : Math.min(slowest, rate);
                        fastest = Double.isNaN(fastest) ? rate : Math.max(fastest, rate);
                        break;
                    }
                }
            }
            assertEquals(slowest, windows.slowest(window), 1e-6, "run " + run);
            assertEquals(fastest, windows.fastest(window), 1e-6, "run " + run);
        }
    }

    @Test
    void shouldReportNothingWhenTheRunIsShorterThanTheWindowAndKeepTheLastSampleWhenFull()
    {
        final ThroughputWindows windows = new ThroughputWindows(3, 100 * MS);
        windows.sample(0, 0);
        windows.sample(100 * MS, 10);
        assertTrue(Double.isNaN(windows.slowest(SECOND)));

        windows.sample(200 * MS, 20);
        windows.sample(2 * SECOND, 1_000);
        assertEquals(3, windows.count());
        // the end of the run replaced the third sample: windows 0 -> 2 s and 100 ms -> 2 s
        assertEquals(500, windows.slowest(SECOND), 1e-6);
        assertEquals(990 / 1.9, windows.fastest(SECOND), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> windows.sample(SECOND, 0));
    }

    @Test
    void shouldSampleAtMostOncePerPeriod()
    {
        final ThroughputWindows windows = new ThroughputWindows(100, 100 * MS);
        windows.sampleIfDue(0, 0);
        windows.sampleIfDue(99 * MS, 5);
        assertEquals(1, windows.count(), "the first call samples; the next is before the period");
        windows.sampleIfDue(100 * MS, 10);
        windows.sampleIfDue(150 * MS, 15);
        assertEquals(2, windows.count());
        windows.sample(160 * MS, 16);
        windows.sampleIfDue(200 * MS, 20);
        assertEquals(3, windows.count(), "a forced sample restarts the period");
        windows.sampleIfDue(260 * MS, 26);
        assertEquals(4, windows.count());
    }
}
