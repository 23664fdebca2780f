package io.tradestore.core;

import io.tradestore.core.sbe.Side;
import io.tradestore.core.test.EventEncoder;
import io.tradestore.core.test.ReferenceModel;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.core.test.TestStores;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StoreQueries} against the independent {@link ReferenceModel} after a generated session, plus hand-built
 * cases for ordering, tie-breaks and saturation.
 */
class StoreQueriesTest
{
    private static final int ACCOUNTS = 12;
    private static final int INSTRUMENTS = 10;
    private static final int EVENTS = 40_000;

    private TestStores stores;
    private StoreQueries queries;

    @BeforeEach
    void open()
    {
        stores = TestStores.create(50_000, 1_000, INSTRUMENTS + 2);
        queries = stores.newQueries();
    }

    @AfterEach
    void close()
    {
        stores.close();
    }

    @Test
    void shouldAnswerEveryQueryLikeTheReferenceModel()
    {
        final long seed = SessionGenerator.seedFromSystemProperty();
        System.out.println("StoreQueriesTest seed=" + seed);
        final ReferenceModel model = applySession(seed);
        final String context = "seed " + seed;

        for (final OrderRecord expected : model.orders())
        {
            if (expected.orderId % 97 == 0)
            {
                assertEqualOrders(List.of(expected), List.of(queries.order(expected.orderId)), context);
            }
        }
        assertNull(queries.order(-1));
        assertNull(queries.order(Long.MAX_VALUE));

        for (long account = 0; account <= ACCOUNTS + 1; account++)
        {
            final List<OrderRecord> expectedOpen = new ArrayList<>();
            for (final OrderRecord order : model.orders())
            {
                if (order.accountId == account && order.isLive())
                {
                    expectedOpen.add(order);
                }
            }
            assertEqualOrders(expectedOpen, queries.openOrders(account), context + " open orders of " + account);

            final List<PositionRecord> expectedPositions = new ArrayList<>();
            for (final PositionRecord position : model.positions())
            {
                if (position.accountId == account)
                {
                    expectedPositions.add(position);
                }
            }
            final List<PositionRecord> positions = queries.positions(account);
            assertEquals(expectedPositions.size(), positions.size(), context);
            for (int i = 0; i < positions.size(); i++)
            {
                assertTrue(ReferenceModel.equal(expectedPositions.get(i), positions.get(i)), context);
                assertEquals(model.unrealizedPnl(account, positions.get(i).instrumentId),
                    queries.unrealizedPnl(account, positions.get(i).instrumentId), context);
            }
            assertEquals(model.unrealizedPnl(account), queries.unrealizedPnl(account), context + " account " + account);
        }

        for (int instrument = -1; instrument <= INSTRUMENTS + 3; instrument++)
        {
            assertEquals(model.markPrice(instrument), queries.markPrice(instrument), context);
            assertEquals(expectedExposure(model, instrument), queries.exposure(instrument), context);
        }

        final List<StoreQueries.AccountPnl> all = expectedTop(model);
        for (final int n : new int[]{ 0, 1, 3, ACCOUNTS, ACCOUNTS + 5 })
        {
            assertEquals(all.subList(0, Math.min(n, all.size())), queries.topAccountsByRealizedPnl(n), context + " n=" + n);
        }
        assertEquals(List.of(), queries.topAccountsByRealizedPnl(-1));
    }

    @Test
    void shouldAnswerFromAnotherThread() throws Exception
    {
        final ReferenceModel model = applySession(11);
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try
        {
            final Future<List<StoreQueries.AccountPnl>> top = executor.submit(() -> queries.topAccountsByRealizedPnl(5));
            final Future<StoreQueries.Exposure> exposure = executor.submit(() -> queries.exposure(1));
            assertEquals(expectedTop(model).subList(0, 5), top.get());
            assertEquals(expectedExposure(model, 1), exposure.get());
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldReturnImmutableResults()
    {
        applySession(3);
        assertThrows(UnsupportedOperationException.class, () -> queries.openOrders(1).add(new OrderRecord()));
        assertThrows(UnsupportedOperationException.class, () -> queries.positions(1).clear());
        assertThrows(UnsupportedOperationException.class, () -> queries.exposure(1).accounts().clear());
        assertThrows(UnsupportedOperationException.class, () -> queries.topAccountsByRealizedPnl(3).clear());
    }

    @Test
    void shouldBreakRealizedPnlTiesByAscendingAccountId()
    {
        put(position(30, 1, 0, 500));
        put(position(10, 1, 0, 500));
        put(position(20, 1, 0, 200));
        put(position(20, 2, 0, 300));
        put(position(5, 1, 0, -1));
        assertEquals(List.of(
            new StoreQueries.AccountPnl(10, 500),
            new StoreQueries.AccountPnl(20, 500),
            new StoreQueries.AccountPnl(30, 500),
            new StoreQueries.AccountPnl(5, -1)),
            queries.topAccountsByRealizedPnl(10));
    }

    @Test
    void shouldSumExactlyAndSaturateOnce()
    {
        put(position(1, 1, 0, Long.MAX_VALUE));
        put(position(1, 2, 0, Long.MAX_VALUE));
        put(position(1, 3, 0, Long.MIN_VALUE));
        put(position(2, 1, 0, Long.MAX_VALUE));
        put(position(2, 2, 0, 1));
        assertEquals(List.of(
            new StoreQueries.AccountPnl(2, Long.MAX_VALUE),
            new StoreQueries.AccountPnl(1, Long.MAX_VALUE - 1)),
            queries.topAccountsByRealizedPnl(2), "order of addition does not matter; saturate only the total");
    }

    @Test
    void shouldReportExposureWithLongShortAndNetTotals()
    {
        put(position(3, 7, 100, 0));
        put(position(1, 7, -40, 0));
        put(position(2, 7, 0, 0));
        put(position(4, 7, -Long.MAX_VALUE, 0));
        put(position(5, 7, -Long.MAX_VALUE, 0));
        put(position(3, 8, 999, 0));
        final StoreQueries.Exposure exposure = queries.exposure(7);
        assertEquals(List.of(
            new StoreQueries.AccountExposure(1, -40),
            new StoreQueries.AccountExposure(3, 100),
            new StoreQueries.AccountExposure(4, -Long.MAX_VALUE),
            new StoreQueries.AccountExposure(5, -Long.MAX_VALUE)),
            exposure.accounts(), "flat accounts left out, ascending account");
        assertEquals(100, exposure.longQuantity());
        assertEquals(Long.MAX_VALUE, exposure.shortQuantity(), "saturated");
        assertEquals(Long.MIN_VALUE, exposure.netQuantity(), "saturated");
    }

    @Test
    void shouldValueUnrealizedPnlAtLastPriceElseMid()
    {
        final TradingStateMachine machine = stores.newStateMachine();
        final EventEncoder encoder = new EventEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        assertEquals(0, machine.apply(buffer, 0, encoder.newOrder(buffer, 0, 1, 1, 2, Side.BUY, 10_0000, 10), 1, 1));
        assertEquals(0, machine.apply(buffer, 0, encoder.fill(buffer, 0, 1, 1, 1, 10_0000, 10), 2, 2));
        assertEquals(0, queries.unrealizedPnl(1, 2), "no mark yet");

        assertEquals(0, machine.apply(buffer, 0, encoder.marketData(buffer, 0, 2, 11_0000, 1, 11_0003, 1, 0, 0), 3, 3));
        assertEquals(11_0001, queries.markPrice(2), "mid rounded down");
        assertEquals(10 * 1_0001, queries.unrealizedPnl(1, 2));

        assertEquals(0, machine.apply(buffer, 0, encoder.marketData(buffer, 0, 2, 0, 0, 0, 0, 9_0000, 5), 4, 4));
        assertEquals(9_0000, queries.markPrice(2), "last trade wins");
        assertEquals(-10 * 1_0000, queries.unrealizedPnl(1, 2));
        assertEquals(-10 * 1_0000, queries.unrealizedPnl(1));
        assertEquals(0, queries.unrealizedPnl(99));
        assertEquals(0, queries.unrealizedPnl(1, 3));
    }

    private ReferenceModel applySession(final long seed)
    {
        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config()
            .seed(seed).accounts(ACCOUNTS).instruments(INSTRUMENTS).invalidFraction(0.02).maxLiveOrders(300));
        final TradingStateMachine machine = stores.newStateMachine();
        final ReferenceModel model = stores.newReferenceModel();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        for (long sequence = 1; sequence <= EVENTS; sequence++)
        {
            final int length = generator.next(buffer, 0);
            assertEquals(model.apply(buffer, 0, length, sequence, sequence), machine.apply(buffer, 0, length, sequence, sequence));
        }
        assertEquals(model.digest(), stores.digest());
        return model;
    }

    private static StoreQueries.Exposure expectedExposure(final ReferenceModel model, final int instrument)
    {
        final List<StoreQueries.AccountExposure> accounts = new ArrayList<>();
        BigInteger longQuantity = BigInteger.ZERO;
        BigInteger shortQuantity = BigInteger.ZERO;
        for (final PositionRecord position : model.positions())
        {
            if (position.instrumentId == instrument && position.netQuantity != 0)
            {
                accounts.add(new StoreQueries.AccountExposure(position.accountId, position.netQuantity));
                if (position.netQuantity > 0)
                {
                    longQuantity = longQuantity.add(BigInteger.valueOf(position.netQuantity));
                }
                else
                {
                    shortQuantity = shortQuantity.subtract(BigInteger.valueOf(position.netQuantity));
                }
            }
        }
        return new StoreQueries.Exposure(instrument, accounts, clamp(longQuantity), clamp(shortQuantity),
            clamp(longQuantity.subtract(shortQuantity)));
    }

    private static List<StoreQueries.AccountPnl> expectedTop(final ReferenceModel model)
    {
        final TreeMap<Long, BigInteger> pnl = model.realizedPnlByAccount();
        final List<StoreQueries.AccountPnl> result = new ArrayList<>();
        for (final Map.Entry<Long, BigInteger> entry : pnl.entrySet())
        {
            result.add(new StoreQueries.AccountPnl(entry.getKey(), clamp(entry.getValue())));
        }
        result.sort((a, b) -> a.realizedPnl() != b.realizedPnl() ?
            Long.compare(b.realizedPnl(), a.realizedPnl()) : Long.compare(a.accountId(), b.accountId()));
        return result;
    }

    private static long clamp(final BigInteger value)
    {
        return value.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    private static void assertEqualOrders(final List<OrderRecord> expected, final List<OrderRecord> actual, final String context)
    {
        assertEquals(expected.size(), actual.size(), context);
        for (int i = 0; i < expected.size(); i++)
        {
            assertTrue(ReferenceModel.equal(expected.get(i), actual.get(i)),
                context + ": expected " + expected.get(i) + " but was " + actual.get(i));
        }
    }

    private void put(final PositionRecord position)
    {
        stores.positions().put(position);
    }

    private static PositionRecord position(final long account, final int instrument, final long net, final long realized)
    {
        final PositionRecord position = new PositionRecord().reset(account, instrument);
        position.netQuantity = net;
        position.realizedPnl = realized;
        return position;
    }
}
