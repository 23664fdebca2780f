package io.tradestore.core;

import io.tradestore.core.test.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order and position stores' apply thread rewrites records in place without a Chronicle Map lock; readers on
 * other threads must still never see a torn record. The writer here rewrites a few hot records as fast as it can
 * with every field derived from one counter, until each reader thread has checked {@link #READS_PER_READER} copies
 * (a count, not a time: on two cores the threads share the machine unevenly), and each copy must be one whole
 * write: any mix of two writes breaks the relation between the fields (orders, positions and market-data slots).
 * With the version re-check removed it fails in most runs; it cannot show a missing fence on x86. Also checks the
 * apply thread's index survives a reopen and matches Chronicle Map.
 */
class StoreSeqLockTest
{
    private static final int ORDERS = 8;
    private static final long READS_PER_READER = 300_000;
    private static final long MIN_WRITES = 200_000;
    private static final long DEADLINE_NS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private static final long BASE = 1_000_000_007L;

    private TestStores stores;

    @BeforeEach
    void setUp()
    {
        stores = TestStores.create(1_000, 1_000, 16);
    }

    @AfterEach
    void tearDown()
    {
        stores.close();
    }

    @Test
    void readersOnOtherThreadsNeverSeeATornRecordWhileTheWriterRewritesInPlace() throws Exception
    {
        final OrderStore orders = stores.orders();
        final PositionStore positions = stores.positions();
        final MarketDataStore marketData = stores.marketData();
        final OrderRecord order = new OrderRecord();
        final PositionRecord position = new PositionRecord();
        for (int i = 1; i <= ORDERS; i++)
        {
            orders.put(orderFor(i, 0, order));
            positions.put(positionFor(i, 0, position));
            marketData.update(i, 0, 0, 0, 0, 0, 0, 0);
        }

        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong readersSatisfied = new AtomicLong();
        final List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++)
        {
            final long seed = 42 + r;
            final boolean scan = r == 1;
            final Thread reader = new Thread(() ->
            {
                try
                {
                    readUntilDone(orders, positions, marketData, seed, scan, done, reads, readersSatisfied);
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "seqlock-reader-" + r);
            readers.add(reader);
            reader.start();
        }

        try
        {
            final long deadlineNs = System.nanoTime() + DEADLINE_NS;
            for (long k = 1; failure.get() == null; k++)
            {
                if (k > MIN_WRITES && (readersSatisfied.get() == readers.size() || System.nanoTime() > deadlineNs))
                {
                    break;
                }
                final int id = 1 + (int)(k % ORDERS);
                orders.beginUpdate(id, order);
                try
                {
                    orders.commitUpdate(orderFor(id, k, order));
                }
                finally
                {
                    orders.endUpdate();
                }
                marketData.update(id, k * 3, k * 5, k * 7, k * 11, k * 13, k * 17, k * 19);
                positions.beginUpdate(id, id, position);
                try
                {
                    positions.commitUpdate(positionFor(id, k, position));
                }
                finally
                {
                    positions.endUpdate();
                }
            }
        }
        finally
        {
            done.set(true);
            for (final Thread reader : readers)
            {
                reader.join(30_000);
                assertFalse(reader.isAlive(), reader.getName() + " did not stop");
            }
        }
        assertNull(failure.get(), () -> "torn read: " + failure.get());
        assertEquals(readers.size(), readersSatisfied.get(),
            "readers read " + reads.get() + " records in 30 s while the writer ran, fewer than " + READS_PER_READER + " each");
    }

    @Test
    void theApplyThreadIndexIsRebuiltOnReopenAndAgreesWithChronicleMap()
    {
        final OrderRecord order = new OrderRecord();
        final PositionRecord position = new PositionRecord();
        for (int i = 1; i <= 300; i++)
        {
            stores.orders().put(orderFor(i * 7919L, i, order));
            stores.positions().put(positionFor(i, i, position));
        }
        stores.reopen();
        final OrderStore orders = stores.orders();
        final PositionStore positions = stores.positions();
        assertEquals(300, orders.size());
        assertEquals(300, positions.size());

        final OrderStore.Reader orderReader = orders.newReader();
        final PositionStore.Reader positionReader = positions.newReader();
        final OrderRecord viaIndex = new OrderRecord();
        final OrderRecord viaMap = new OrderRecord();
        final PositionRecord positionViaIndex = new PositionRecord();
        final PositionRecord positionViaMap = new PositionRecord();
        for (int i = 1; i <= 300; i++)
        {
            assertTrue(orders.get(i * 7919L, viaIndex));
            assertTrue(orderReader.get(i * 7919L, viaMap));
            assertEquals(describe(orderFor(i * 7919L, i, order)), describe(viaIndex));
            assertEquals(describe(viaIndex), describe(viaMap));
            assertTrue(positions.get(i, i, positionViaIndex));
            assertTrue(positionReader.get(i, i, positionViaMap));
            assertEquals(describe(positionFor(i, i, position)), describe(positionViaIndex));
            assertEquals(describe(positionViaIndex), describe(positionViaMap));
        }
        assertFalse(orders.get(7918, viaIndex));
        assertFalse(orderReader.get(7918, viaMap));

        // in place after reopen, and an insert after reopen is found by both paths
        orders.put(orderFor(7919, 1000, order));
        orders.put(orderFor(5, 5, order));
        assertTrue(orderReader.get(7919, viaMap));
        assertEquals(describe(orderFor(7919, 1000, order)), describe(viaMap));
        assertTrue(orderReader.get(5, viaMap));
        assertEquals(301, orders.size());
    }

    @Test
    void anUpdateMustBeBegunForTheRecordItCommits()
    {
        final OrderRecord order = orderFor(1, 1, new OrderRecord());
        assertThrows(IllegalStateException.class, () -> stores.orders().commitUpdate(order));
        stores.orders().beginUpdate(2, new OrderRecord());
        try
        {
            assertThrows(IllegalStateException.class, () -> stores.orders().commitUpdate(order));
            assertThrows(IllegalStateException.class, () -> stores.orders().beginUpdate(1, new OrderRecord()));
        }
        finally
        {
            stores.orders().endUpdate();
        }
        assertFalse(stores.orders().get(1, new OrderRecord()));
    }

    @Test
    void refusesAnInsertAtCapacityBeforeTouchingTheMap()
    {
        try (TestStores small = TestStores.create(3, 2, 4))
        {
            final OrderRecord order = new OrderRecord();
            for (int i = 1; i <= 3; i++)
            {
                small.orders().put(orderFor(i, i, order));
            }
            assertTrue(small.orders().isFull());
            assertThrows(IllegalStateException.class, () -> small.orders().put(orderFor(4, 4, new OrderRecord())));
            assertFalse(small.orders().newReader().get(4, new OrderRecord()), "the refused order reached the map");
            small.orders().put(orderFor(2, 22, order)); // in place still works at capacity
            assertTrue(small.orders().get(2, order));
            assertEquals(describe(orderFor(2, 22, new OrderRecord())), describe(order));

            final PositionRecord position = new PositionRecord();
            small.positions().put(positionFor(1, 1, position));
            small.positions().put(positionFor(2, 2, position));
            assertThrows(IllegalStateException.class, () -> small.positions().put(positionFor(3, 3, new PositionRecord())));
            assertFalse(small.positions().newReader().get(3, 3, new PositionRecord()), "the refused position reached the map");
            assertEquals(2, small.positions().size());
        }
    }

    @Test
    void aLookupDuringAnOpenUpdateDoesNotRedirectTheUpdate()
    {
        final OrderStore orders = stores.orders();
        final OrderRecord order = new OrderRecord();
        orders.put(orderFor(1, 1, order));
        orders.put(orderFor(2, 2, order));
        assertTrue(orders.beginUpdate(1, order));
        try
        {
            assertTrue(orders.get(2, new OrderRecord()));
            orders.commitUpdate(orderFor(1, 11, order));
        }
        finally
        {
            orders.endUpdate();
        }
        final OrderRecord read = new OrderRecord();
        assertTrue(orders.get(2, read));
        assertEquals(describe(orderFor(2, 2, new OrderRecord())), describe(read));
        assertTrue(orders.get(1, read));
        assertEquals(describe(orderFor(1, 11, new OrderRecord())), describe(read));

        final PositionStore positions = stores.positions();
        final PositionRecord position = new PositionRecord();
        positions.put(positionFor(1, 1, position));
        positions.put(positionFor(2, 2, position));
        assertTrue(positions.beginUpdate(1, 1, position));
        try
        {
            assertTrue(positions.get(2, 2, new PositionRecord()));
            positions.commitUpdate(positionFor(1, 11, position));
        }
        finally
        {
            positions.endUpdate();
        }
        final PositionRecord readPosition = new PositionRecord();
        assertTrue(positions.get(2, 2, readPosition));
        assertEquals(describe(positionFor(2, 2, new PositionRecord())), describe(readPosition));
    }

    @Test
    void aClosedStoreThrowsInsteadOfReadingUnmappedMemory()
    {
        final OrderRecord order = new OrderRecord();
        final PositionRecord position = new PositionRecord();
        stores.orders().put(orderFor(1, 1, order));
        stores.positions().put(positionFor(1, 1, position));
        stores.orders().close();
        stores.positions().close();
        stores.orders().close(); // idempotent
        assertTrue(stores.orders().isClosed());
        assertThrows(IllegalStateException.class, () -> stores.orders().get(1, new OrderRecord()));
        assertThrows(IllegalStateException.class, () -> stores.orders().beginUpdate(1, new OrderRecord()));
        assertThrows(IllegalStateException.class, () -> stores.positions().get(1, 1, new PositionRecord()));
        assertThrows(IllegalStateException.class, () -> stores.positions().beginUpdate(1, 1, new PositionRecord()));
    }

    private static void readUntilDone(
        final OrderStore orders,
        final PositionStore positions,
        final MarketDataStore marketData,
        final long seed,
        final boolean scan,
        final AtomicBoolean done,
        final AtomicLong reads,
        final AtomicLong readersSatisfied)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderStore.Reader orderReader = orders.newReader();
        final PositionStore.Reader positionReader = positions.newReader();
        final OrderRecord order = new OrderRecord();
        final MarketDataRecord quote = new MarketDataRecord();
        final PositionRecord position = new PositionRecord();
        long count = 0;
        while (!done.get())
        {
            if (scan)
            {
                orders.forEach((o) -> checkOrder(o.orderId, o));
                positions.forEach((p) -> checkPosition(p.accountId, p));
                count += 2L * ORDERS;
            }
            else
            {
                final int id = 1 + random.nextInt(ORDERS);
                if (!orderReader.get(id, order) || !positionReader.get(id, id, position) ||
                    !marketData.read(id, quote))
                {
                    throw new AssertionError("record " + id + " disappeared");
                }
                checkOrder(id, order);
                checkPosition(id, position);
                checkQuote(id, quote);
                count += 2;
            }
            if (count >= READS_PER_READER && count - (scan ? 2L * ORDERS : 2) < READS_PER_READER)
            {
                readersSatisfied.incrementAndGet();
            }
        }
        reads.addAndGet(count);
    }

    private static OrderRecord orderFor(final long id, final long k, final OrderRecord order)
    {
        order.orderId = id;
        order.accountId = id * BASE + k;
        order.instrumentId = (int)k;
        order.side = (byte)k;
        order.status = (byte)(k >>> 8);
        order.price = k * 3;
        order.quantity = k * 5;
        order.filledQuantity = k * 7;
        order.createdSequence = k * 11;
        order.lastSequence = k * 13;
        return order;
    }

    private static PositionRecord positionFor(final long id, final long k, final PositionRecord position)
    {
        position.accountId = id;
        position.instrumentId = (int)id;
        position.netQuantity = id * BASE + k;
        position.buyQuantity = k * 3;
        position.sellQuantity = k * 5;
        position.buyNotional = k * 7;
        position.sellNotional = k * 11;
        position.openCost = k * 13;
        position.realizedPnl = k * 17;
        return position;
    }

    private static void checkOrder(final long id, final OrderRecord order)
    {
        final long k = order.accountId - id * BASE;
        final String expected = describe(orderFor(id, k, new OrderRecord()));
        if (!expected.equals(describe(order)))
        {
            throw new AssertionError("order " + id + " mixes writes: " + describe(order) + ", expected " + expected);
        }
    }

    private static void checkPosition(final long id, final PositionRecord position)
    {
        final long k = position.netQuantity - id * BASE;
        final String expected = describe(positionFor(id, k, new PositionRecord()));
        if (!expected.equals(describe(position)))
        {
            throw new AssertionError("position " + id + " mixes writes: " + describe(position) + ", expected " + expected);
        }
    }

    private static void checkQuote(final int id, final MarketDataRecord q)
    {
        final long k = q.bidPrice / 3;
        if (q.bidPrice != k * 3 || q.bidQuantity != k * 5 || q.askPrice != k * 7 || q.askQuantity != k * 11 ||
            q.lastPrice != k * 13 || q.lastQuantity != k * 17 || q.timestampNs != k * 19)
        {
            throw new AssertionError("quote of instrument " + id + " mixes writes: bid " + q.bidPrice + "/" +
                q.bidQuantity + " ask " + q.askPrice + "/" + q.askQuantity + " last " + q.lastPrice + "/" +
                q.lastQuantity + " ts " + q.timestampNs);
        }
    }

    private static String describe(final OrderRecord o)
    {
        return o.orderId + "," + o.accountId + "," + o.instrumentId + "," + o.side + "," + o.status + "," + o.price +
            "," + o.quantity + "," + o.filledQuantity + "," + o.createdSequence + "," + o.lastSequence;
    }

    private static String describe(final PositionRecord p)
    {
        return p.accountId + "," + p.instrumentId + "," + p.netQuantity + "," + p.buyQuantity + "," + p.sellQuantity +
            "," + p.buyNotional + "," + p.sellNotional + "," + p.openCost + "," + p.realizedPnl;
    }
}
