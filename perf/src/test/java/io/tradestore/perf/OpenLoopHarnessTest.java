package io.tradestore.perf;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives the harness with a manual clock, so schedules, stalls and latencies are exact and nothing depends on
 * the speed of the machine.
 */
class OpenLoopHarnessTest
{
    private static final long MICROS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MILLIS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ManualClock clock = new ManualClock();

    @Test
    void shouldMeasureServiceTimeWhenTheSystemKeepsUp()
    {
        final OpenLoopHarness harness = harness(1_000, 10, 100);

        final OpenLoopHarness.Result result = harness.run((index) ->
        {
            clock.advance(100 * MICROS);
            harness.onComplete(index);
        });

        assertEquals(100, result.completedEvents);
        assertEquals(0, result.lostEvents());
        assertEquals(100, result.latencyNs.getTotalCount());
        assertWithinPrecision(100 * MICROS, result.p50Ns());
        assertWithinPrecision(100 * MICROS, result.maxNs());
        assertEquals(0, result.maxSendLagNs);
    }

    @Test
    void shouldChargeAStallToEveryEventDueDuringIt()
    {
        final OpenLoopHarness harness = harness(1_000, 0, 100);

        final OpenLoopHarness.Result result = harness.run((index) ->
        {
            clock.advance(index == 50 ? 50 * MILLIS : 100 * MICROS);
            harness.onComplete(index);
        });

        final long aboveOneMilli = result.latencyNs.getCountBetweenValues(MILLIS, Long.MAX_VALUE / 4);
        assertTrue(aboveOneMilli >= 49, "a closed loop would see one slow event, the open loop sees " + aboveOneMilli);
        assertWithinPrecision(50 * MILLIS, result.maxNs());
        assertTrue(result.p99Ns() > 40 * MILLIS, result::toString);
        assertTrue(result.maxSendLagNs >= 49 * MILLIS, result::toString);
    }

    @Test
    void shouldCountEventsThatNeverCompleteAsLost()
    {
        final OpenLoopHarness harness = new OpenLoopHarness(new OpenLoopHarness.Context()
            .ratePerSecond(10_000)
            .warmupEvents(0)
            .measuredEvents(20)
            .completionTimeoutNs(5 * MILLIS)
            .nanoClock(clock)
            .idleStrategy(new AdvancingIdle(clock, MICROS)));

        final OpenLoopHarness.Result result = harness.run((index) ->
        {
            if ((index & 1) == 0)
            {
                harness.onComplete(index);
            }
        });

        assertEquals(10, result.completedEvents);
        assertEquals(10, result.lostEvents());
    }

    @Test
    void shouldRejectANonPositiveRate()
    {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopHarness.Context().ratePerSecond(0).conclude());
    }

    @Test
    void shouldRunOnlyOnce()
    {
        final OpenLoopHarness harness = harness(1_000, 0, 1);
        harness.run(harness::onComplete);
        assertThrows(IllegalStateException.class, () -> harness.run(harness::onComplete));
    }

    private OpenLoopHarness harness(final double rate, final long warmup, final long measured)
    {
        return new OpenLoopHarness(new OpenLoopHarness.Context()
            .ratePerSecond(rate)
            .warmupEvents(warmup)
            .measuredEvents(measured)
            .completionTimeoutNs(MILLIS)
            .nanoClock(clock)
            .idleStrategy(new AdvancingIdle(clock, MICROS)));
    }

    private static void assertWithinPrecision(final long expectedNs, final long actualNs)
    {
        assertTrue(
            Math.abs(expectedNs - actualNs) <= expectedNs / 500, "expected ~" + expectedNs + " ns, got " + actualNs);
    }

    private static final class ManualClock implements NanoClock
    {
        private long nowNs = 1_000_000_000L;

        @Override
        public long nanoTime()
        {
            return nowNs;
        }

        void advance(final long ns)
        {
            nowNs += ns;
        }
    }

    /** Waiting moves the manual clock on, as time would pass. */
    private static final class AdvancingIdle implements IdleStrategy
    {
        private final ManualClock clock;
        private final long stepNs;

        AdvancingIdle(final ManualClock clock, final long stepNs)
        {
            this.clock = clock;
            this.stepNs = stepNs;
        }

        @Override
        public void idle(final int workCount)
        {
            if (workCount <= 0)
            {
                idle();
            }
        }

        @Override
        public void idle()
        {
            clock.advance(stepNs);
        }

        @Override
        public void reset()
        {
        }
    }
}
