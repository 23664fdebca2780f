package io.tradestore.perf;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.TradingStateMachine;

import java.io.File;

/**
 * The three stores of a benchmark in a fresh temporary directory, opened at trial set-up and closed and deleted at
 * trial tear-down. Owned by one benchmark thread.
 */
final class StoreFixture implements AutoCloseable
{
    private static boolean closePathWarmed;

    final File directory;
    final OrderStore orders;
    final PositionStore positions;
    final MarketDataStore marketData;

    private StoreFixture(
        final File directory, final OrderStore orders, final PositionStore positions, final MarketDataStore marketData)
    {
        this.directory = directory;
        this.orders = orders;
        this.positions = positions;
        this.marketData = marketData;
    }

    /**
     * @param orderCapacity      maximum orders.
     * @param positionCapacity   maximum positions.
     * @param instrumentCapacity instrument slots.
     * @return the open stores in a new temporary directory.
     */
    static StoreFixture open(final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        warmClosePath();
        return create(orderCapacity, positionCapacity, instrumentCapacity);
    }

    /**
     * The first close of a Chronicle Map in a JVM allocates ~175 KB initialising classes. JMH runs trial
     * tear-down inside the last measured iteration, where that would show as allocation of the benchmark, so a
     * throwaway fixture is opened and closed once during set-up instead.
     */
    private static void warmClosePath()
    {
        if (!closePathWarmed)
        {
            closePathWarmed = true;
            create(64, 64, 1).close();
        }
    }

    private static StoreFixture create(
        final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        final File directory = TempDirectory.create("tradestore-jmh-");
        final OrderStore orders = OrderStore.open(new File(directory, "orders.cm3"), orderCapacity);
        final PositionStore positions = PositionStore.open(new File(directory, "positions.cm3"), positionCapacity);
        final MarketDataStore marketData =
            MarketDataStore.open(new File(directory, "marketdata.dat"), instrumentCapacity);
        return new StoreFixture(directory, orders, positions, marketData);
    }

    /** @return a state machine over these stores. */
    TradingStateMachine newStateMachine()
    {
        return new TradingStateMachine(orders, positions, marketData);
    }

    @Override
    public void close()
    {
        try
        {
            orders.close();
            positions.close();
            marketData.close();
        }
        finally
        {
            TempDirectory.delete(directory);
        }
    }
}
