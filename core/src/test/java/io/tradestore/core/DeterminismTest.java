package io.tradestore.core;

import io.tradestore.core.test.ReferenceModel;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.core.test.TestStores;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The same events give the same state: applied twice into fresh stores the digests are equal, and closing and
 * reopening the persisted stores changes nothing. Seeded; replay with {@code -Dtradestore.seed=N}.
 */
class DeterminismTest
{
    private static final int EVENTS = 200_000;
    private static final int INSTRUMENTS = 32;
    private static final long ORDER_CAPACITY = 150_000;
    private static final long POSITION_CAPACITY = 4_096;

    @Test
    void shouldProduceEqualDigestsForSameEventsInFreshStoresAndAfterReopen()
    {
        final long seed = SessionGenerator.seedFromSystemProperty();
        System.out.println("DeterminismTest seed=" + seed);

        try (TestStores first = TestStores.create(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENTS);
            TestStores second = TestStores.create(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENTS))
        {
            final ReferenceModel model = first.newReferenceModel();
            final long[] firstRun = run(seed, first, model);
            final long[] secondRun = run(seed, second, null);
            assertEquals(firstRun[1], secondRun[1], "same bytes generated for the same seed " + seed);
            assertEquals(firstRun[0], secondRun[0], "same outcomes for the same events, seed " + seed);

            final long digest = first.digest();
            assertEquals(digest, second.digest(), "same digest in fresh stores, seed " + seed);
            assertEquals(model.digest(), digest, "digest equals the reference model's, seed " + seed);

            first.reopen();
            assertEquals(digest, first.digest(), "digest unchanged after close and reopen, seed " + seed);
            assertNull(model.firstDifference(first.orders(), first.positions(), first.marketData()));
            assertEquals(model.orderCount(), first.orders().size(), "order count restored from the map");

            final SessionGenerator more = new SessionGenerator(config(seed + 1).firstOrderId(10_000_000));
            final TradingStateMachine machine = first.newStateMachine();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
            for (int i = 1; i <= 1_000; i++)
            {
                final int length = more.next(buffer, 0);
                assertEquals(
                    model.apply(buffer, 0, length, EVENTS + i, i),
                    machine.apply(buffer, 0, length, EVENTS + i, i),
                    "reopened stores keep applying, event " + i);
            }
            assertNotEquals(digest, first.digest());
            assertEquals(model.digest(), first.digest(), "reopened stores and the model still agree");
        }
    }

    private static SessionGenerator.Config config(final long seed)
    {
        return new SessionGenerator.Config().seed(seed).accounts(24).instruments(INSTRUMENTS).invalidFraction(0.05);
    }

    /**
     * @return {CRC of the outcomes, CRC of the event bytes}.
     */
    private static long[] run(final long seed, final TestStores stores, final ReferenceModel model)
    {
        final SessionGenerator generator = new SessionGenerator(config(seed));
        final TradingStateMachine machine = stores.newStateMachine();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        final CRC32C outcomes = new CRC32C();
        final CRC32C bytes = new CRC32C();
        for (long sequence = 1; sequence <= EVENTS; sequence++)
        {
            final int length = generator.next(buffer, 0);
            bytes.update(buffer.byteArray(), 0, length);
            final int outcome = machine.apply(buffer, 0, length, sequence, sequence * 10);
            outcomes.update(outcome);
            if (model != null)
            {
                model.apply(buffer, 0, length, sequence, sequence * 10);
            }
        }
        return new long[]{ outcomes.getValue(), bytes.getValue() };
    }
}
