package io.tradestore.pipeline;

import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady-state publish → journal → apply → egress allocates nothing on the publishing thread, and nothing on the
 * stage threads beyond Chronicle Queue's occasional mapping of the next file chunk (a few hundred bytes per
 * ~64 MiB of journal, independent of the event rate). Measured with {@code ThreadMXBean.getThreadAllocatedBytes}
 * per thread.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 50;
    private static final int INSTRUMENTS = 20;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    File dataDirectory;

    private long nextOrderId = 1;

    @Test
    void shouldNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(2_000_000)
            .positionCapacity(10_000)
            .instrumentCapacity(64)
            .ringSize(4096)
            .snapshotEveryEvents(0)
            .minFreeDiskBytes(0);

        try (TradeStore store = TradeStore.open(config, OutcomeListener.NO_OP))
        {
            awaitAccepted(store, runMix(store, 200_000));

            final long[] stageThreads = stageThreadIds();
            assertTrue(stageThreads.length >= 2, "stage threads found");
            final long producer = Thread.currentThread().getId();
            final long firstMeasured = store.completedSequence() + 1;
            final long[] stagesBefore = threads.getThreadAllocatedBytes(stageThreads);
            final long[] stagesAfter = new long[stageThreads.length];
            final long producerBefore = threads.getThreadAllocatedBytes(producer);

            final long lastSequence = runMix(store, 300_000);
            final long producerAllocated = threads.getThreadAllocatedBytes(producer) - producerBefore;
            awaitAccepted(store, lastSequence);
            final long events = lastSequence - firstMeasured + 1;
            for (int i = 0; i < stageThreads.length; i++)
            {
                stagesAfter[i] = threads.getThreadAllocatedBytes(stageThreads[i]);
            }
            long stagesAllocated = 0;
            for (int i = 0; i < stageThreads.length; i++)
            {
                stagesAllocated += stagesAfter[i] - stagesBefore[i];
            }

            System.out.printf("steady state: %d events, producer %d B, stages %d B (%.4f B/event)%n",
                events, producerAllocated, stagesAllocated, (double)stagesAllocated / events);
            assertEquals(0, producerAllocated, "producer thread allocated");
            assertTrue(stagesAllocated <= events / 200,
                "stage threads allocated " + stagesAllocated + " B for " + events + " events; the only allowance is " +
                "Chronicle Queue mapping the next chunk of its file (~1 KB per 500k entries, measured)");
        }
    }

    private long runMix(final TradeStore store, final int rounds)
    {
        long last = 0;
        for (int i = 0; i < rounds; i++)
        {
            final long orderId = nextOrderId++;
            final long account = 1 + (orderId % ACCOUNTS);
            final int instrument = 1 + (int)(orderId % INSTRUMENTS);
            final Side side = (orderId & 1) == 0 ? Side.BUY : Side.SELL;
            long r;
            while ((r = store.tryNewOrder(orderId, orderId, account, instrument, side, 100_0000 + i % 100, 10)) ==
                PublishStatus.BACK_PRESSURED)
            {
                Thread.onSpinWait();
            }
            last = publish(r);
            if (i % 4 == 0)
            {
                while ((r = store.tryFill(orderId, orderId, orderId, account, 100_0000, 4)) == PublishStatus.BACK_PRESSURED)
                {
                    Thread.onSpinWait();
                }
                last = publish(r);
                }
            if (i % 4 == 1)
            {
                while ((r = store.tryCancelOrder(orderId, orderId, account)) == PublishStatus.BACK_PRESSURED)
                {
                    Thread.onSpinWait();
                }
                last = publish(r);
                }
            if (i % 8 == 2)
            {
                while ((r = store.tryMarketDataUpdate(i, instrument, 99_0000, 5, 101_0000, 7, 100_0000, 1)) ==
                    PublishStatus.BACK_PRESSURED)
                {
                    Thread.onSpinWait();
                }
                last = publish(r);
                }
        }
        return last;
    }

    private static void awaitAccepted(final TradeStore store, final long sequence)
    {
        final int outcome = store.awaitOutcome(sequence, TIMEOUT_NS);
        assertTrue(outcome >= 0, "outcome of the last event: " + outcome);
    }

    private static long publish(final long result)
    {
        if (result > 0)
        {
            return result;
        }
        throw new AssertionError("publish failed: " + result);
    }

    private static long[] stageThreadIds()
    {
        final Thread[] all = new Thread[Thread.activeCount() + 16];
        final int count = Thread.enumerate(all);
        int found = 0;
        final long[] ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            if (all[i].getName().startsWith("tradestore-"))
            {
                ids[found++] = all[i].getId();
            }
        }
        return java.util.Arrays.copyOf(ids, found);
    }
}
