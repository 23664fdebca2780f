package io.tradestore.perf;

import io.tradestore.core.test.TestStores;

/**
 * Opens the stores of a benchmark ({@link TestStores} in a fresh temporary directory, deleted on close) after
 * warming Chronicle Map's close path once per JVM.
 */
final class StoreFixture
{
    private static boolean closePathWarmed;

    private StoreFixture()
    {
    }

    /**
     * @param orderCapacity      maximum orders.
     * @param positionCapacity   maximum positions.
     * @param instrumentCapacity instrument slots.
     * @return the open stores in a new temporary directory.
     */
    static TestStores open(final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        warmClosePath();
        return TestStores.create(orderCapacity, positionCapacity, instrumentCapacity);
    }

    /**
     * The first close of a Chronicle Map in a JVM allocates ~175 KB initialising classes. JMH runs trial
     * tear-down inside the last measured iteration, where that would show as allocation of the benchmark, so a
     * throwaway set of stores is opened and closed once during set-up instead.
     */
    private static void warmClosePath()
    {
        if (!closePathWarmed)
        {
            closePathWarmed = true;
            TestStores.create(64, 64, 1).close();
        }
    }
}
