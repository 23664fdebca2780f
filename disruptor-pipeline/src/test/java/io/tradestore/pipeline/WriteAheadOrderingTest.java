package io.tradestore.pipeline;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-ahead: by the time an outcome reaches the listener, the event is in the journal with exactly the bytes
 * that were applied, and the store shows its effect. Checked from inside the listener with an independent
 * read-only journal reader, for every topology. And an observer thread that reads the store while events are
 * applied finds every order it sees already in the journal: the store never shows an event whose journal document
 * is not yet complete (batches here run up to the ring's 256 events, one document each).
 */
class WriteAheadOrderingTest
{
    private static final int EVENTS = 2_000;

    @TempDir
    File dataDirectory;

    @SuppressWarnings("try") // the driver only has to run while the store is open
    @ParameterizedTest
    @EnumSource(Topology.class)
    void shouldJournalBeforeApplyAndApplyBeforeEgress(final Topology topology)
    {
        final AtomicReference<String> violation = new AtomicReference<>();
        final UnsafeBuffer journaled = new UnsafeBuffer(new byte[RingSlot.MAX_MESSAGE_LENGTH]);
        final long[] journaledSequence = new long[1];
        final int[] journaledLength = new int[1];
        final JournalReader[] reader = new JournalReader[1];
        final TradeStore[] storeRef = new TradeStore[1];
        final OrderRecord order = new OrderRecord();

        final OutcomeListener listener =
            (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus, buffer, offset,
            length) ->
            {
                if (reader[0] == null)
                {
                    reader[0] = JournalReader.open(new File(dataDirectory, "journal"));
                }
                final int polled = reader[0].poll((s, ts, b, o, l) ->
                {
                    journaledSequence[0] = s;
                    journaledLength[0] = l;
                    journaled.putBytes(0, b, o, l);
                }, 1);
                if (polled != 1 || journaledSequence[0] != sequence)
                {
                    violation.compareAndSet(null, "sequence " + sequence + " not in the journal at egress");
                    return;
                }
                if (journaledLength[0] != length || !sameBytes(journaled, buffer, offset, length))
                {
                    violation.compareAndSet(null, "journaled bytes differ from applied bytes at " + sequence);
                }
                if (!storeRef[0].orders().newReader().get(correlationId, order) || order.createdSequence != sequence)
                {
                    violation.compareAndSet(null, "order of sequence " + sequence + " not applied at egress");
                }
            };

        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .topology(topology)
            .orderCapacity(10_000)
            .positionCapacity(100)
            .instrumentCapacity(8)
            .ringSize(256)
            .minFreeDiskBytes(0);
        final UnsafeBuffer[] events = new UnsafeBuffer[EVENTS + 1];
        for (int i = 1; i <= EVENTS; i++)
        {
            events[i] = encode(i);
        }
        final int[] observed = new int[1];
        try (TradeStore store = TradeStore.open(config, listener); InvokedDriver ignored = InvokedDriver.start(store))
        {
            storeRef[0] = store;
            final Thread observer = new Thread(() -> observe(store, observed, violation), "observer");
            observer.start();
            long last = 0;
            for (int i = 1; i <= EVENTS; i++)
            {
                last = store.publish(0, events[i], 0, length(), TimeUnit.SECONDS.toNanos(10));
                assertTrue(last > 0);
            }
            assertEquals(0, store.awaitOutcome(last, TimeUnit.SECONDS.toNanos(30)));
            observer.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(EVENTS, observed[0], "the observer saw every order");
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
        finally
        {
            if (reader[0] != null)
            {
                reader[0].close();
            }
        }
        assertNull(violation.get());
    }

    /** Wait for each order to appear in the store, then check that the journal already holds its event. */
    private void observe(final TradeStore store, final int[] observed, final AtomicReference<String> violation)
    {
        final OrderRecord order = new OrderRecord();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (JournalReader journal = JournalReader.open(new File(dataDirectory, "journal")))
        {
            final io.tradestore.core.OrderStore.Reader orders = store.orders().newReader();
            long journaledUpTo = 0;
            for (long orderId = 1; orderId <= EVENTS && System.nanoTime() < deadlineNs; )
            {
                if (!orders.get(orderId, order))
                {
                    Thread.onSpinWait();
                    continue;
                }
                // the journal's end only grows: look it up (tens of µs) only when the order is beyond the last look
                if (journaledUpTo < order.createdSequence)
                {
                    journaledUpTo = journal.lastSequence();
                }
                if (journaledUpTo < order.createdSequence)
                {
                    violation.compareAndSet(null, "order " + orderId + " of sequence " + order.createdSequence +
                        " applied while the journal ends at " + journaledUpTo);
                }
                observed[0]++;
                orderId++;
            }
        }
    }

    private static boolean sameBytes(final UnsafeBuffer a, final org.agrona.DirectBuffer b, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static UnsafeBuffer encode(final long orderId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        new io.tradestore.core.sbe.NewOrderEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.tradestore.core.sbe.MessageHeaderEncoder())
            .correlationId(orderId)
            .orderId(orderId)
            .accountId(1 + orderId % 5)
            .instrumentId(1 + (int)(orderId % 8))
            .side(Side.BUY)
            .price(10_0000 + orderId)
            .quantity(5);
        return buffer;
    }

    private static int length()
    {
        return io.tradestore.core.sbe.MessageHeaderEncoder.ENCODED_LENGTH + io.tradestore.core.sbe.NewOrderEncoder.BLOCK_LENGTH;
    }
}
