package io.tradestore.pipeline;

import io.tradestore.core.OrderStore;
import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An exception from the journal writer itself (here: its free-space measurement, injected so that it throws inside
 * {@code append} in the middle of a batch, or inside {@code sync()} at the end of one) is FATAL like an apply
 * failure, and write-ahead still holds: every event gets exactly one outcome; an event is accepted, and applied,
 * only if its journal document completed; everything else is answered STORE_HALTED and is neither in the live store
 * nor in the journal; and the reopened store holds exactly the accepted events and numbers on from the last one.
 */
@SuppressWarnings("try") // the driver only has to run while the store is open
class JournalFailureTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);
    private static final long PLENTY_OF_SPACE = 1L << 40;
    private static final int MAX_EVENTS = 60_000;
    private static final int STORE_HALTED = RejectReason.STORE_HALTED.value();
    private static final String JOURNAL_WRITER = "io.tradestore.journal.JournalWriter";

    @TempDir
    File dataDirectory;

    private final Outcomes outcomes = new Outcomes();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile String failInWriterMethod;

    @ParameterizedTest
    @MethodSource("topologiesAndDurabilities")
    void shouldAnswerStoreHaltedForTheRolledBackBatchWhenAnAppendFailsInABurst(
        final Topology topology, final DurabilityMode durability) throws Exception
    {
        final List<Long> published = new ArrayList<>();
        try (TradeStore store = TradeStore.open(config(topology, durability), outcomes);
            InvokedDriver ignored = InvokedDriver.start(store))
        {
            for (int i = 1; i <= 300; i++)
            {
                final long sequence = publishOrder(store, i);
                published.add(sequence);
                assertEquals(0, store.awaitOutcome(sequence, TIMEOUT_NS));
            }

            failInWriterMethod = "append";
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            for (int orderId = 301; orderId <= MAX_EVENTS; orderId++)
            {
                final long sequence = publishOrder(store, orderId);
                if (sequence == PublishStatus.HALTED)
                {
                    break;
                }
                assertTrue(sequence > 0, PublishStatus.describe(sequence));
                published.add(sequence);
                assertTrue(System.nanoTime() - deadlineNs < 0, "the store never halted");
            }

            awaitAllOutcomes(store, published);
            assertTrue(injected.get() > 0, "the failure was injected");
            assertTrue(store.isHalted(), "halted after " + published.size() + " events");
            final int accepted = checkOutcomes(published);
            assertTrue(accepted < published.size(), "the failed batch and what followed are answered STORE_HALTED");
            checkErrorLog();
            checkStore(store, published, accepted);
        }

        reopenAndCheck(topology, published);
    }

    @ParameterizedTest
    @MethodSource("topologiesAndDurabilities")
    void shouldKeepTheCompletedBatchAndRefuseTheRestWhenSyncFailsAfterCompletingIt(
        final Topology topology, final DurabilityMode durability) throws Exception
    {
        final List<Long> published = new ArrayList<>();
        try (TradeStore store = TradeStore.open(config(topology, durability), outcomes);
            InvokedDriver ignored = InvokedDriver.start(store))
        {
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            for (int orderId = 1; orderId <= 10_000; orderId++)
            {
                if (orderId == 20)
                {
                    failInWriterMethod = "sync";
                }
                final long sequence = publishOrder(store, orderId);
                if (sequence == PublishStatus.HALTED)
                {
                    break;
                }
                assertTrue(sequence > 0, PublishStatus.describe(sequence));
                published.add(sequence);
                final int outcome = store.awaitOutcome(sequence, TIMEOUT_NS);
                assertTrue(outcome == 0 || outcome == STORE_HALTED, "outcome " + outcome);
                assertTrue(System.nanoTime() - deadlineNs < 0, "the store never halted");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the measurement is due every 50 ms
            }

            awaitAllOutcomes(store, published);
            assertTrue(injected.get() > 0, "the failure was injected");
            assertTrue(store.isHalted());
            final int accepted = checkOutcomes(published);
            assertTrue(accepted >= 20, "the batch whose sync failed after completing its document is accepted");
            checkErrorLog();
            checkStore(store, published, accepted);
        }

        reopenAndCheck(topology, published);
    }

    static Stream<Arguments> topologiesAndDurabilities()
    {
        final List<Arguments> arguments = new ArrayList<>();
        for (final Topology topology : Topology.values())
        {
            for (final DurabilityMode durability : DurabilityMode.values())
            {
                arguments.add(Arguments.of(topology, durability));
            }
        }
        return arguments.stream();
    }

    private static long publishOrder(final TradeStore store, final long orderId)
    {
        while (true)
        {
            final long sequence = store.tryNewOrder(orderId, orderId, 1, 1, Side.BUY, 10_0000, 10);
            if (sequence != PublishStatus.BACK_PRESSURED)
            {
                return sequence;
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitAllOutcomes(final TradeStore store, final List<Long> published)
    {
        final long last = published.get(published.size() - 1);
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (store.completedSequence() < last)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("no outcome beyond sequence " + store.completedSequence() + " of " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** @return how many events were accepted: a prefix of the published ones, the rest STORE_HALTED. */
    private int checkOutcomes(final List<Long> published)
    {
        assertNull(outcomes.duplicate, "an event had two outcomes");
        assertEquals(published.size(), outcomes.codes.size(), "one outcome per event");
        int accepted = 0;
        while (accepted < published.size() && outcomes.codes.get(published.get(accepted)) == 0)
        {
            accepted++;
        }
        for (int i = accepted; i < published.size(); i++)
        {
            assertEquals(STORE_HALTED, outcomes.codes.get(published.get(i)), "outcome of sequence " +
                published.get(i) + ", after the last accepted " + (accepted > 0 ? published.get(accepted - 1) : 0));
        }
        return accepted;
    }

    private void checkErrorLog() throws IOException
    {
        final String errorLog = Files.readString(new File(dataDirectory, "errors.log").toPath());
        assertTrue(errorLog.contains("FATAL") && errorLog.contains("injected statfs failure"), errorLog);
    }

    /** Orders are numbered 1..n in publish order: exactly the accepted ones are in the store. */
    private static void checkStore(final TradeStore store, final List<Long> published, final int accepted)
    {
        final OrderStore.Reader reader = store.orders().newReader();
        final OrderRecord order = new OrderRecord();
        for (int i = 0; i < published.size(); i++)
        {
            final long orderId = i + 1;
            if (i < accepted)
            {
                assertTrue(reader.get(orderId, order), "accepted order " + orderId);
                assertEquals(published.get(i), order.createdSequence);
            }
            else
            {
                assertFalse(reader.get(orderId, order), "order " + orderId + " answered STORE_HALTED was applied");
            }
        }
    }

    private void reopenAndCheck(final Topology topology, final List<Long> published)
    {
        final int accepted = (int)published.stream().filter(sequence -> outcomes.codes.get(sequence) == 0).count();
        failInWriterMethod = null;
        outcomes.codes.clear();
        try (TradeStore store = TradeStore.open(config(topology, DurabilityMode.ASYNC), outcomes);
            InvokedDriver ignored = InvokedDriver.start(store))
        {
            assertFalse(store.isHalted());
            checkStore(store, published.subList(0, accepted), accepted);
            assertFalse(store.orders().newReader().get(accepted + 1, new OrderRecord()),
                "nothing beyond the accepted events was journaled");

            final long next = publishOrder(store, MAX_EVENTS + 1);
            assertEquals(published.get(accepted - 1) + 1, next, "numbering continues after the last accepted event");
            assertEquals(0, store.awaitOutcome(next, TIMEOUT_NS));
        }
    }

    private TradeStoreConfig config(final Topology topology, final DurabilityMode durability)
    {
        return new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(durability)
            .topology(topology)
            .orderCapacity(MAX_EVENTS + 100)
            .positionCapacity(100)
            .instrumentCapacity(16)
            .ringSize(4096)
            .minFreeDiskBytes(64L << 20)
            .usableDiskBytes(this::usableDiskBytes);
    }

    /** The journal's free-space measurement: plenty, or an I/O failure when called inside the armed writer method. */
    private long usableDiskBytes()
    {
        final String method = failInWriterMethod;
        if (null != method && StackWalker.getInstance().walk(frames -> frames.anyMatch(
            frame -> JOURNAL_WRITER.equals(frame.getClassName()) && method.equals(frame.getMethodName()))))
        {
            injected.incrementAndGet();
            throw new UncheckedIOException(new IOException("injected statfs failure"));
        }
        return PLENTY_OF_SPACE;
    }

    private static final class Outcomes implements OutcomeListener
    {
        final ConcurrentHashMap<Long, Integer> codes = new ConcurrentHashMap<>();
        volatile Long duplicate;

        @Override
        public void onOutcome(
            final long sessionId,
            final long correlationId,
            final long sequence,
            final long timestampNs,
            final int templateId,
            final int rejectReason,
            final int orderStatus,
            final org.agrona.DirectBuffer buffer,
            final int offset,
            final int length)
        {
            if (null != codes.put(sequence, rejectReason))
            {
                duplicate = sequence;
            }
        }
    }
}
