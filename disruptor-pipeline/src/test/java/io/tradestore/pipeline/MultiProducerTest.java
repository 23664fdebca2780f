package io.tradestore.pipeline;

import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.test.ReferenceModel;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.journal.JournalEntryHandler;
import io.tradestore.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several producer threads publish seeded sessions at once. Whatever interleaving the ring chose, the journal
 * records it, and an independent reference model fed the journal in order must reach the same outcomes and the
 * same digest as the live store. Outcomes must arrive at the listener in contiguous sequence order.
 */
class MultiProducerTest
{
    private static final int PRODUCERS = 3;
    private static final int EVENTS_PER_PRODUCER = 40_000;
    private static final long ORDER_CAPACITY = 500_000;
    private static final long POSITION_CAPACITY = 10_000;
    private static final int INSTRUMENT_CAPACITY = 64;

    @TempDir
    File dataDirectory;

    @SuppressWarnings("try") // the driver only has to run while the store is open
    @ParameterizedTest
    @EnumSource(value = Topology.class, names = { "SINGLE", "INVOKED" })
    void shouldMatchTheReferenceModelOverTheJournalOrder(final Topology topology) throws Exception
    {
        final long seed = SessionGenerator.seedFromSystemProperty();
        System.out.println("MultiProducerTest seed=" + seed + " (override with -D" + SessionGenerator.SEED_PROPERTY + ")");

        final int maxEvents = PRODUCERS * EVENTS_PER_PRODUCER;
        final int[] outcomes = new int[maxEvents + 1];
        final AtomicInteger published = new AtomicInteger();
        final AtomicLong expectedNext = new AtomicLong(1);
        final AtomicReference<String> orderError = new AtomicReference<>();
        final OutcomeListener listener =
            (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus, buffer, offset,
            length) ->
            {
                if (sequence != expectedNext.getAndIncrement())
                {
                    orderError.compareAndSet(null, "outcome out of order at sequence " + sequence);
                }
                outcomes[(int)sequence] = rejectReason;
            };

        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(ORDER_CAPACITY)
            .positionCapacity(POSITION_CAPACITY)
            .instrumentCapacity(INSTRUMENT_CAPACITY)
            .ringSize(1024)
            .topology(topology)
            .minFreeDiskBytes(0);

        final long storeDigest;
        try (TradeStore store = TradeStore.open(config, listener); InvokedDriver ignored = InvokedDriver.start(store))
        {
            final Thread[] producers = new Thread[PRODUCERS];
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int p = 0; p < PRODUCERS; p++)
            {
                final int producer = p;
                producers[p] = new Thread(() ->
                {
                    try
                    {
                        publishSession(store, producer, seed + producer, published);
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }, "producer-" + p);
                producers[p].start();
            }
            for (final Thread producer : producers)
            {
                producer.join(TimeUnit.MINUTES.toMillis(2));
            }
            assertNull(failure.get(), () -> "producer failed: " + failure.get());
            final int total = published.get();
            assertTrue(total > maxEvents * 9 / 10, "most events are well-formed: " + total);
            assertTrue(store.awaitOutcome(total, TimeUnit.SECONDS.toNanos(30)) >= 0, "all events completed");
            assertNull(orderError.get());
            storeDigest = store.digest();
        }

        final ReferenceModel model = new ReferenceModel(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENT_CAPACITY);
        final int[] count = new int[1];
        try (JournalReader reader = JournalReader.open(new File(dataDirectory, "journal")))
        {
            final JournalEntryHandler checkAgainstModel = (sequence, timestampNs, buffer, offset, length) ->
            {
                final int expected = model.apply(buffer, offset, length, sequence, timestampNs);
                assertEquals(expected, outcomes[(int)sequence], "outcome of sequence " + sequence);
                count[0]++;
            };
            int polled;
            do
            {
                polled = reader.poll(checkAgainstModel, 10_000);
            }
            while (polled > 0);
        }
        assertEquals(published.get(), count[0], "journal holds every published event exactly once");
        assertEquals(model.digest(), storeDigest, "store digest equals the reference model over the journal order");
    }

    private static void publishSession(
        final TradeStore store, final int producer, final long seed, final AtomicInteger published)
    {
        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config()
            .seed(seed)
            .accounts(20)
            .instruments(INSTRUMENT_CAPACITY / 2)
            .firstAccountId(1 + producer * 1_000L)
            .firstOrderId(1 + producer * 10_000_000L)
            .invalidFraction(0.02));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        for (int i = 0; i < EVENTS_PER_PRODUCER; i++)
        {
            final int length = generator.next(buffer, 0);
            final long result = store.publish(producer + 1, buffer, 0, length, TimeUnit.SECONDS.toNanos(10));
            if (result == PublishStatus.INVALID_MESSAGE)
            {
                final int expected = generator.lastExpectedOutcome();
                if (expected != RejectReason.MALFORMED_MESSAGE.value() && expected != RejectReason.UNSUPPORTED_MESSAGE.value())
                {
                    throw new IllegalStateException("ingress refused a well-formed event, expected outcome " + expected);
                }
                continue;
            }
            published.incrementAndGet();
            if (result <= 0)
            {
                throw new IllegalStateException("publish failed: " + PublishStatus.describe(result));
            }
        }
    }
}
