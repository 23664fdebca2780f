package io.tradestore.pipeline;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Topology#INVOKED}: no pipeline thread; events complete only in the owner's {@link TradeStore#doWork()}, the
 * thread that drives may change, and {@link TradeStore#close()} drains what nobody drove.
 */
class InvokedTopologyTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    File dataDirectory;

    @Test
    void shouldCompleteEventsOnlyInTheOwnersDutyCycleAndOnItsThread()
    {
        final AtomicReference<Thread> egressThread = new AtomicReference<>();
        final AtomicInteger outcomes = new AtomicInteger();
        final OutcomeListener listener =
            (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus, buffer, offset,
            length) ->
            {
                egressThread.set(Thread.currentThread());
                outcomes.incrementAndGet();
            };
        try (TradeStore store = TradeStore.open(config(), listener))
        {
            final long first = store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10);
            final long second = store.tryNewOrder(2, 2, 1, 1, Side.SELL, 10_0000, 10);
            assertTrue(first > 0 && second == first + 1);

            assertEquals(TradeStore.AWAIT_TIMED_OUT, store.awaitOutcome(first, TimeUnit.MILLISECONDS.toNanos(50)),
                "nothing completes while nobody drives the pipeline");
            assertFalse(store.orders().newReader().get(1, new OrderRecord()), "nothing is applied either");

            assertEquals(2, store.doWork(), "one duty cycle takes everything published");
            assertEquals(0, store.awaitOutcome(second, TIMEOUT_NS));
            assertEquals(2, outcomes.get());
            assertEquals(Thread.currentThread(), egressThread.get(), "journal, apply and egress ran on the caller");
            assertEquals(0, store.doWork(), "nothing left");
        }
    }

    @Test
    void shouldHandTheJournalOverWhenAnotherThreadDrivesAndDrainOnClose() throws Exception
    {
        final long drivenByOtherThread;
        final long undriven;
        try (TradeStore store = TradeStore.open(config(), OutcomeListener.NO_OP))
        {
            drivenByOtherThread = store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread other = new Thread(() ->
            {
                try
                {
                    store.doWork();
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, "other-driver");
            other.start();
            other.join(TimeUnit.SECONDS.toMillis(10));
            assertNull(failure.get());
            assertEquals(0, store.awaitOutcome(drivenByOtherThread, TIMEOUT_NS));

            final long here = store.tryNewOrder(2, 2, 1, 1, Side.BUY, 10_0000, 10);
            assertEquals(1, store.doWork(), "the journal writer follows the driving thread");
            assertEquals(0, store.awaitOutcome(here, TIMEOUT_NS));
            assertFalse(store.isHalted(), () -> "halted: " + store.haltReason());

            undriven = store.tryNewOrder(3, 3, 1, 1, Side.BUY, 10_0000, 10);
            assertTrue(undriven > here);
        }

        try (TradeStore store = TradeStore.open(config(), OutcomeListener.NO_OP))
        {
            final OrderRecord order = new OrderRecord();
            assertTrue(store.orders().newReader().get(3, order), "close drained the event nobody drove");
            assertEquals(undriven, order.createdSequence);
            assertEquals(undriven + 1, store.tryNewOrder(4, 4, 1, 1, Side.BUY, 10_0000, 10));
            assertEquals(1, store.doWork());
        }
    }

    @Test
    void shouldRefuseCloseFromInsideDoWorkInsteadOfWaitingForItself()
    {
        final TradeStore[] storeRef = new TradeStore[1];
        final AtomicReference<Throwable> refused = new AtomicReference<>();
        final OutcomeListener closesFromTheListener =
            (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus, buffer, offset,
            length) ->
            {
                try
                {
                    storeRef[0].close();
                }
                catch (final IllegalStateException ex)
                {
                    refused.set(ex);
                }
            };
        try (TradeStore store = TradeStore.open(config(), closesFromTheListener))
        {
            storeRef[0] = store;
            final long sequence = store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10);
            assertEquals(1, store.doWork());
            assertEquals(0, store.awaitOutcome(sequence, TIMEOUT_NS));
            assertTrue(refused.get() instanceof IllegalStateException);
            assertTrue(refused.get().getMessage().contains("inside doWork()"), refused.get().getMessage());
            assertFalse(store.isHalted());
            assertTrue(store.tryNewOrder(2, 2, 1, 1, Side.BUY, 10_0000, 10) > sequence, "still open");
        }
    }

    @Test
    void shouldRefuseDoWorkWhenTheStoreRunsItsOwnThreads()
    {
        try (TradeStore store = TradeStore.open(config().topology(Topology.SINGLE), OutcomeListener.NO_OP))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, store::doWork);
            assertTrue(ex.getMessage().contains("SINGLE"), ex.getMessage());
        }
    }

    private TradeStoreConfig config()
    {
        return new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.SYNC)
            .topology(Topology.INVOKED)
            .orderCapacity(1_000)
            .positionCapacity(100)
            .instrumentCapacity(16)
            .ringSize(64)
            .minFreeDiskBytes(0);
    }
}
