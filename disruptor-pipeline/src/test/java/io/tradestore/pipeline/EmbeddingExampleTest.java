package io.tradestore.pipeline;

import io.tradestore.core.PositionRecord;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's embedding example, compiled and run: keep the two in step.
 */
class EmbeddingExampleTest
{
    @TempDir
    File dataDirectory;

    @Test
    void shouldRunTheReadmeExample()
    {
        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .instrumentCapacity(1024)
            .orderCapacity(10_000)
            .positionCapacity(1_000)
            .ringSize(1024)
            .minFreeDiskBytes(0);
        // README snippet starts here
        try (TradeStore store = TradeStore.open(config, OutcomeListener.NO_OP))
        {
            final long seq = store.tryNewOrder(1, 1001, 7, 3, Side.BUY, 100_0000, 500);
            store.tryMarketDataUpdate(2, 3, 99_9900, 10, 100_0100, 12, 100_0000, 5);
            final long fill = store.tryFill(3, 9001, 1001, 7, 100_0000, 200);
            final int outcome = store.awaitOutcome(fill, TimeUnit.SECONDS.toNanos(5));
            final PositionRecord position = new PositionRecord();
            final boolean found = store.positions().newReader().get(7, 3, position);
            // README snippet ends here

            assertTrue(seq > 0);
            assertEquals(seq + 2, fill);
            assertEquals(0, outcome);
            assertTrue(found);
            assertEquals(200, position.netQuantity);
            assertEquals(100_0000L * 200, position.buyNotional);
        }
    }
}
