package io.tradestore.core;

import io.tradestore.core.test.ReferenceModel;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.core.test.TestStores;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded session of 1,000,000 events through the real stores and the independent reference model: same outcome
 * per event, equal state at checkpoints, equal digests. Replay a failure with {@code -Dtradestore.seed=N}; change
 * the length with {@code -Dtradestore.events=N}.
 */
class RandomizedEquivalenceTest
{
    private static final long EVENTS = Long.getLong("tradestore.events", 1_000_000);
    private static final long CHECKPOINT = 250_000;
    private static final int INSTRUMENTS = 64;
    private static final long BASE_TIMESTAMP_NS = 1_767_225_600_000_000_000L;

    @Test
    void shouldMatchReferenceModelEventByEvent()
    {
        final long seed = SessionGenerator.seedFromSystemProperty();
        System.out.println("RandomizedEquivalenceTest seed=" + seed + " events=" + EVENTS +
            " (replay with -Dtradestore.seed=" + seed + ")");

        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config()
            .seed(seed).accounts(40).instruments(INSTRUMENTS).invalidFraction(0.03));
        final long orderCapacity = EVENTS / 2 + 10_000;
        try (TestStores stores = TestStores.create(orderCapacity, 40 * INSTRUMENTS * 2, INSTRUMENTS * 2))
        {
            final TradingStateMachine machine = stores.newStateMachine();
            final ReferenceModel model = stores.newReferenceModel();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
            final long[] rejects = new long[64];

            final long start = System.nanoTime();
            for (long sequence = 1; sequence <= EVENTS; sequence++)
            {
                final int length = generator.next(buffer, 0);
                final long timestampNs = BASE_TIMESTAMP_NS + sequence * 1_000;
                final int actual = machine.apply(buffer, 0, length, sequence, timestampNs);
                final int expected = model.apply(buffer, 0, length, sequence, timestampNs);
                if (actual != expected || actual != generator.lastExpectedOutcome())
                {
                    assertEquals(expected, actual, "outcome of event " + sequence + " (template " +
                        generator.lastTemplateId() + "), seed " + seed);
                    assertEquals(generator.lastExpectedOutcome(), actual, "generator's intended outcome of event " +
                        sequence + " (template " + generator.lastTemplateId() + "), seed " + seed);
                }
                rejects[actual]++;

                if (sequence % CHECKPOINT == 0 || sequence == EVENTS)
                {
                    assertNull(model.firstDifference(stores.orders(), stores.positions(), stores.marketData()),
                        "state after event " + sequence + ", seed " + seed);
                }
            }
            final long elapsedNs = System.nanoTime() - start;

            assertEquals(model.digest(), stores.digest(), "digest, seed " + seed);
            assertTrue(rejects[0] > EVENTS * 9 / 10, "most events are accepted");
            System.out.printf("RandomizedEquivalenceTest: %,d events in %,d ms (store + model + checkpoints), " +
                "orders=%,d positions=%,d invalid=%,d digest=%s%n",
                EVENTS, elapsedNs / 1_000_000, model.orderCount(), model.positionCount(), generator.invalidCount(),
                StateDigest.toHex(model.digest()));
        }
    }
}
