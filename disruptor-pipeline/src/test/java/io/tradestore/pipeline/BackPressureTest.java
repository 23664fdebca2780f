package io.tradestore.pipeline;

import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackPressureTest
{
    @TempDir
    File dataDirectory;

    @Test
    void shouldReportBackPressureWhenTheRingIsFullAndLoseNothing() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstOutcome = new CountDownLatch(1);
        final OutcomeListener blockingListener =
            (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus, buffer, offset,
            length) ->
            {
                firstOutcome.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            };

        final int ringSize = 8;
        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(1_000)
            .positionCapacity(100)
            .instrumentCapacity(16)
            .ringSize(ringSize)
            .minFreeDiskBytes(0);

        try (TradeStore store = TradeStore.open(config, blockingListener))
        {
            long lastSequence = store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10);
            assertTrue(lastSequence > 0);
            assertTrue(firstOutcome.await(10, TimeUnit.SECONDS));

            int published = 1;
            long result;
            while ((result = store.tryNewOrder(published + 1, published + 1, 1, 1, Side.BUY, 10_0000, 10)) > 0)
            {
                lastSequence = result;
                published++;
                assertTrue(published <= ringSize, "ring accepted more than its size");
            }
            assertEquals(PublishStatus.BACK_PRESSURED, result);
            assertEquals(ringSize, published, "every slot is in flight behind the blocked listener");

            final long timedOut = store.publish(0, encodeNewOrder(999), 0, encodedLength(), TimeUnit.MILLISECONDS.toNanos(20));
            assertEquals(PublishStatus.BACK_PRESSURED, timedOut);

            release.countDown();
            assertEquals(0, store.awaitOutcome(lastSequence, TimeUnit.SECONDS.toNanos(10)));
            assertEquals(lastSequence, store.completedSequence());

            final long after = store.publish(0, encodeNewOrder(1000), 0, encodedLength(), TimeUnit.SECONDS.toNanos(5));
            assertEquals(lastSequence + 1, after);
            assertEquals(0, store.awaitOutcome(after, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    private static UnsafeBuffer encodeNewOrder(final long orderId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        new NewOrderEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(orderId)
            .orderId(orderId)
            .accountId(1)
            .instrumentId(1)
            .side(Side.SELL)
            .price(10_0000)
            .quantity(5);
        return buffer;
    }

    private static int encodedLength()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
    }
}
