package io.tradestore.pipeline;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.Side;
import io.tradestore.journal.DurabilityMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FatalHaltTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    File dataDirectory;

    @SuppressWarnings("try") // the driver only has to run while the store is open
    @ParameterizedTest
    @EnumSource(Topology.class)
    void shouldHaltOnApplyFailureRefuseFurtherEventsAndRecoverTheJournaledEventOnReopen(final Topology topology)
        throws Exception
    {
        final long failedSequence;
        try (TradeStore store = TradeStore.open(config(topology), OutcomeListener.NO_OP);
            InvokedDriver ignored = InvokedDriver.start(store))
        {
            final long first = store.tryNewOrder(1, 1, 1, 1, Side.BUY, 10_0000, 10);
            assertEquals(0, store.awaitOutcome(first, TIMEOUT_NS));

            store.orders().close();
            failedSequence = store.tryNewOrder(2, 2, 1, 1, Side.BUY, 10_0000, 10);
            assertTrue(failedSequence > first);
            assertEquals(RejectReason.STORE_HALTED.value(), store.awaitOutcome(failedSequence, TIMEOUT_NS));

            assertTrue(store.isHalted());
            assertTrue(store.haltReason().contains("sequence " + failedSequence), store.haltReason());
            assertEquals(PublishStatus.HALTED, store.tryNewOrder(3, 3, 1, 1, Side.BUY, 10_0000, 10));

            final String errorLog = Files.readString(new File(dataDirectory, "errors.log").toPath());
            assertTrue(errorLog.contains("FATAL apply failed at sequence " + failedSequence), errorLog);
        }

        try (TradeStore store = TradeStore.open(config(topology), OutcomeListener.NO_OP);
            InvokedDriver ignored = InvokedDriver.start(store))
        {
            final OrderRecord order = new OrderRecord();
            assertTrue(store.orders().get(2, order), "the journaled event is applied by recovery");
            assertEquals(failedSequence, order.createdSequence);
            final long next = store.tryNewOrder(4, 4, 1, 1, Side.BUY, 10_0000, 10);
            assertEquals(failedSequence + 1, next, "numbering continues after the journal");
            assertEquals(0, store.awaitOutcome(next, TIMEOUT_NS));
        }
    }

    private TradeStoreConfig config(final Topology topology)
    {
        return new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .topology(topology)
            .orderCapacity(1_000)
            .positionCapacity(100)
            .instrumentCapacity(16)
            .ringSize(64)
            .minFreeDiskBytes(0);
    }
}
