package io.tradestore.gateway;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The gateway's counters. Each counter has a single writer (the gateway agent thread, except
 * {@link GatewayCounter#OUTCOME_RING_FULL} which the store's egress thread writes), so increments are plain
 * ordered writes; any thread may read them at any time.
 */
public final class GatewayCounters
{
    private static final GatewayCounter[] ALL = GatewayCounter.values();

    private final AtomicLongArray values = new AtomicLongArray(ALL.length);

    /**
     * @param counter to read.
     * @return its current value.
     */
    public long get(final GatewayCounter counter)
    {
        return values.get(counter.ordinal());
    }

    /**
     * Increment from the counter's single writer thread.
     *
     * @param counter to increment.
     */
    void increment(final GatewayCounter counter)
    {
        final int index = counter.ordinal();
        values.lazySet(index, values.get(index) + 1);
    }

    /**
     * Add from the counter's single writer thread.
     *
     * @param counter to add to.
     * @param delta   to add.
     */
    void add(final GatewayCounter counter, final long delta)
    {
        final int index = counter.ordinal();
        values.lazySet(index, values.get(index) + delta);
    }

    /**
     * @return one line per non-zero counter, {@code label: value}; for operators, not the hot path.
     */
    public String describeNonZero()
    {
        final StringBuilder sb = new StringBuilder();
        for (final GatewayCounter counter : ALL)
        {
            final long value = get(counter);
            if (value != 0)
            {
                sb.append(String.format("  %-44s %,d%n", counter.label() + ":", value));
            }
        }
        return sb.toString();
    }
}
