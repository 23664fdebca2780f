package io.tradestore.perf;

import io.tradestore.core.MarketDataRecord;
import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderRecord;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionRecord;
import io.tradestore.core.PositionStore;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.test.TestStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The stores on their own: reads through a {@link PositionStore.Reader} and an {@link OrderStore.Reader} (the
 * query path of a thread other than the apply thread), and market-data updates and seqlock reads. Keys cycle over
 * populated entries so every read is a hit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark
{
    /** Populated stores: 65,536 orders, 8,192 positions (1,024 accounts x 8 instruments), 256 instruments. */
    @State(Scope.Thread)
    public static class Stores
    {
        static final int ORDERS = 65_536;
        static final int ACCOUNTS = 1024;
        static final int INSTRUMENTS_PER_ACCOUNT = 8;
        static final int POSITIONS = ACCOUNTS * INSTRUMENTS_PER_ACCOUNT;
        static final int INSTRUMENTS = 256;

        final OrderRecord order = new OrderRecord();
        final PositionRecord position = new PositionRecord();
        final MarketDataRecord marketDataRecord = new MarketDataRecord();
        TestStores stores;
        OrderStore.Reader orderReader;
        PositionStore.Reader positionReader;
        MarketDataStore marketData;
        long counter;

        /** Open and populate the stores. */
        @Setup(Level.Trial)
        public void setUp()
        {
            stores = StoreFixture.open(2 * ORDERS, 2 * POSITIONS, INSTRUMENTS);
            marketData = stores.marketData();
            final OrderRecord order = new OrderRecord();
            for (int i = 1; i <= ORDERS; i++)
            {
                order.orderId = i;
                order.accountId = 1 + (i % ACCOUNTS);
                order.instrumentId = 1 + (i % INSTRUMENTS);
                order.side = (byte)((i & 1) == 0 ? Side.BUY.value() : Side.SELL.value());
                order.status = (byte)OrderStatus.NEW.value();
                order.price = 1_000_000 + i;
                order.quantity = 100;
                order.createdSequence = i;
                order.lastSequence = i;
                stores.orders().put(order);
            }
            final PositionRecord position = new PositionRecord();
            for (int i = 0; i < POSITIONS; i++)
            {
                position.reset(accountOf(i), instrumentOf(i));
                position.netQuantity = i;
                position.buyQuantity = i;
                position.buyNotional = i * 1_000_000L;
                position.openCost = i * 1_000_000L;
                stores.positions().put(position);
            }
            for (int i = 1; i <= INSTRUMENTS; i++)
            {
                marketData.update(i, 1_000_000, 100, 1_000_100, 100, 1_000_050, 10, i);
            }
            orderReader = stores.orders().newReader();
            positionReader = stores.positions().newReader();
        }

        /** Close and delete the stores. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stores.close();
        }

        static long accountOf(final int positionIndex)
        {
            return 1 + (positionIndex / INSTRUMENTS_PER_ACCOUNT);
        }

        static int instrumentOf(final int positionIndex)
        {
            return 1 + (positionIndex % INSTRUMENTS_PER_ACCOUNT);
        }
    }

    /**
     * @param state the populated stores.
     * @param blackhole sink for the position read.
     * @return whether it was found.
     */
    @Benchmark
    public boolean positionRead(final Stores state, final Blackhole blackhole)
    {
        final int i = (int)(state.counter++ & (Stores.POSITIONS - 1));
        final boolean found = state.positionReader.get(Stores.accountOf(i), Stores.instrumentOf(i), state.position);
        blackhole.consume(state.position.netQuantity);
        blackhole.consume(state.position.realizedPnl);
        return found;
    }

    /**
     * @param state the populated stores.
     * @param blackhole sink for the order read.
     * @return whether it was found.
     */
    @Benchmark
    public boolean orderRead(final Stores state, final Blackhole blackhole)
    {
        final long orderId = 1 + (state.counter++ & (Stores.ORDERS - 1));
        final boolean found = state.orderReader.get(orderId, state.order);
        blackhole.consume(state.order.price);
        blackhole.consume(state.order.filledQuantity);
        return found;
    }

    /**
     * {@link MarketDataStore#update} directly, cycling over the instruments.
     *
     * @param state the populated stores.
     * @return the instrument updated.
     */
    @Benchmark
    public int marketDataUpdate(final Stores state)
    {
        final long n = state.counter++;
        final int instrumentId = 1 + (int)(n & (Stores.INSTRUMENTS - 1));
        final long bid = 1_000_000 + (n & 1023);
        state.marketData.update(instrumentId, bid, 100, bid + 100, 200, (n & 3) == 0 ? bid + 50 : 0, 10, n);
        return instrumentId;
    }

    /**
     * {@link MarketDataStore#read}, the seqlock read another thread or process would do.
     *
     * @param state the populated stores.
     * @param blackhole sink for the record read.
     * @return whether the instrument has data.
     */
    @Benchmark
    public boolean marketDataRead(final Stores state, final Blackhole blackhole)
    {
        final int instrumentId = 1 + (int)(state.counter++ & (Stores.INSTRUMENTS - 1));
        final boolean found = state.marketData.read(instrumentId, state.marketDataRecord);
        blackhole.consume(state.marketDataRecord.bidPrice);
        blackhole.consume(state.marketDataRecord.askPrice);
        return found;
    }
}
