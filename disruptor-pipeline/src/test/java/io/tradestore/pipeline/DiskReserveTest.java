package io.tradestore.pipeline;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DiskReserveTest
{
    @TempDir
    File dataDirectory;

    @Test
    void shouldRefuseEventsWithDiskFullWhileBelowTheReserveAndChangeNothing()
    {
        final TradeStoreConfig config = new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(1_000)
            .positionCapacity(100)
            .instrumentCapacity(8)
            .ringSize(64)
            .minFreeDiskBytes(Long.MAX_VALUE / 2);
        try (TradeStore store = TradeStore.open(config, OutcomeListener.NO_OP))
        {
            assertEquals(PublishStatus.DISK_FULL, store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10));
            assertEquals(PublishStatus.DISK_FULL, store.tryFill(2, 1, 1, 1, 10_0000, 10));
            assertFalse(store.orders().newReader().get(1, new OrderRecord()));
            assertEquals(0, store.completedSequence());
        }
    }
}
