package io.tradestore.perf;

import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.core.test.EventEncoder;
import io.tradestore.core.test.TestStores;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
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

import java.util.concurrent.TimeUnit;

/**
 * {@link TradingStateMachine#apply} of SBE events held in a direct buffer, as the apply stage calls it, against
 * persisted stores in a temporary directory. Every operation must be accepted: a reject would measure the cheap
 * path, so it fails the benchmark instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StateMachineBenchmark
{
    private static final int ALIGNMENT = 64;

    /**
     * A NewOrder with a fresh order id per operation into an order store that only grows (orders are never
     * removed). The store is sized so that a default run never fills it; before an iteration that might fill it,
     * the store is replaced by an empty one (outside the measurement, but inside the GC profiler's iteration
     * window, so the replacement's allocation shows as a fraction of a byte per operation in that iteration).
     */
    @State(Scope.Thread)
    public static class NewOrderState
    {
        static final long ORDER_CAPACITY = 16_000_000;
        static final long MIN_HEADROOM = 2_000_000;

        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, ALIGNMENT));
        final EventEncoder encoder = new EventEncoder();
        final NewOrderEncoder newOrder = new NewOrderEncoder();
        TestStores stores;
        TradingStateMachine machine;
        int length;
        long nextOrderId;
        long orderIdAtIterationStart;

        /** Open the stores and encode the NewOrder template. */
        @Setup(Level.Trial)
        public void setUp()
        {
            stores = StoreFixture.open(ORDER_CAPACITY, 16, 64);
            machine = stores.newStateMachine();
            length = encoder.newOrder(buffer, 0, 1, 42, 7, Side.BUY, 1_000_000, 100);
            newOrder.wrap(buffer, MessageHeaderEncoder.ENCODED_LENGTH);
        }

        /** Replace the order store when the next iteration might fill it. */
        @Setup(Level.Iteration)
        public void ensureHeadroom()
        {
            final long lastIterationOps = nextOrderId - orderIdAtIterationStart;
            final long headroom = Math.max(MIN_HEADROOM, 2 * lastIterationOps);
            if (stores.orders().capacity() - stores.orders().size() < headroom)
            {
                stores.close();
                stores = StoreFixture.open(ORDER_CAPACITY, 16, 64);
                machine = stores.newStateMachine();
            }
            orderIdAtIterationStart = nextOrderId;
        }

        /** Close and delete the stores. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stores.close();
        }
    }

    /**
     * Fills alternating between a buy and a sell order of each of 1,024 (account, instrument) positions, so half
     * the fills open and half close a position (realizing PnL). Orders are large enough never to fill up.
     */
    @State(Scope.Thread)
    public static class FillState
    {
        static final int POSITIONS = 1024;
        static final int MESSAGES = 2 * POSITIONS;
        static final int STRIDE = 64;
        static final long ORDER_QUANTITY = 1_000_000_000_000L;

        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MESSAGES * STRIDE, ALIGNMENT));
        final EventEncoder encoder = new EventEncoder();
        final FillEncoder fill = new FillEncoder();
        TestStores stores;
        TradingStateMachine machine;
        int length;
        long sequence;

        /** Open the stores, enter the orders and encode one fill per order. */
        @Setup(Level.Trial)
        public void setUp()
        {
            stores = StoreFixture.open(4 * MESSAGES, 2 * POSITIONS, 64);
            machine = stores.newStateMachine();
            final UnsafeBuffer scratch = new UnsafeBuffer(new byte[256]);
            for (int i = 0; i < MESSAGES; i++)
            {
                final int position = i >> 1;
                final long accountId = 1 + (position >> 2);
                final int instrumentId = 1 + (position & 3);
                final boolean buy = (i & 1) == 0;
                final long orderId = i + 1;
                final Side side = buy ? Side.BUY : Side.SELL;
                final int orderLength = encoder.newOrder(
                    scratch, 0, orderId, accountId, instrumentId, side, 1_000_000, ORDER_QUANTITY);
                sequence++;
                expectAccepted(machine.apply(scratch, 0, orderLength, sequence, sequence), "NewOrder");
                length = encoder.fill(buffer, i * STRIDE, 1, orderId, accountId, buy ? 1_000_000 : 1_000_100, 10);
            }
        }

        /** Close and delete the stores. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stores.close();
        }
    }

    /** Market-data updates cycling over 256 instruments, every fourth one with a last trade. */
    @State(Scope.Thread)
    public static class MarketDataState
    {
        static final int INSTRUMENTS = 256;
        static final int STRIDE = 128;

        final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(INSTRUMENTS * STRIDE, ALIGNMENT));
        final EventEncoder encoder = new EventEncoder();
        TestStores stores;
        TradingStateMachine machine;
        int length;
        long sequence;

        /** Open the stores and encode one update per instrument. */
        @Setup(Level.Trial)
        public void setUp()
        {
            stores = StoreFixture.open(16, 16, INSTRUMENTS);
            machine = stores.newStateMachine();
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                final long bid = 1_000_000 + i;
                final long last = (i & 3) == 0 ? bid + 50 : 0;
                length = encoder.marketData(buffer, i * STRIDE, i + 1, bid, 100, bid + 100, 200, last, last == 0 ? 0 : 50);
            }
        }

        /** Close and delete the stores. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stores.close();
        }
    }

    /**
     * @param state stores and the encoded NewOrder.
     * @return the outcome.
     */
    @Benchmark
    public int applyNewOrder(final NewOrderState state)
    {
        final long orderId = ++state.nextOrderId;
        state.newOrder.orderId(orderId);
        return expectAccepted(state.machine.apply(state.buffer, 0, state.length, orderId, orderId), "NewOrder");
    }

    /**
     * @param state stores, live orders and the encoded fills.
     * @return the outcome.
     */
    @Benchmark
    public int applyFill(final FillState state)
    {
        final long sequence = ++state.sequence;
        final int offset = (int)(sequence & (FillState.MESSAGES - 1)) * FillState.STRIDE;
        state.fill.wrap(state.buffer, offset + MessageHeaderEncoder.ENCODED_LENGTH).execId(sequence);
        return expectAccepted(state.machine.apply(state.buffer, offset, state.length, sequence, sequence), "Fill");
    }

    /**
     * @param state stores and the encoded updates.
     * @return the outcome.
     */
    @Benchmark
    public int applyMarketData(final MarketDataState state)
    {
        final long sequence = ++state.sequence;
        final int offset = (int)(sequence & (MarketDataState.INSTRUMENTS - 1)) * MarketDataState.STRIDE;
        final int outcome = state.machine.apply(state.buffer, offset, state.length, sequence, sequence);
        return expectAccepted(outcome, "MarketData");
    }

    static int expectAccepted(final int outcome, final String event)
    {
        if (outcome != TradingStateMachine.ACCEPTED)
        {
            throw new IllegalStateException(event + " rejected with reason " + outcome + ": measurement invalid");
        }
        return outcome;
    }
}
