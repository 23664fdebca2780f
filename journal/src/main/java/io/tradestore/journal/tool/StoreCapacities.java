package io.tradestore.journal.tool;

import io.tradestore.core.StoreConfig;

/**
 * Capacities of the scratch stores a tool replays into. They must equal the live store's: the state machine
 * rejects an order with ORDER_STORE_FULL, a fill with POSITION_STORE_FULL and an instrument outside
 * {@code 1..instrumentCapacity} with UNKNOWN_INSTRUMENT, so other capacities change outcomes. Defaults are
 * {@link StoreConfig}'s. Not thread safe.
 */
public final class StoreCapacities
{
    private long orderCapacity = StoreConfig.DEFAULT_ORDER_CAPACITY;
    private long positionCapacity = StoreConfig.DEFAULT_POSITION_CAPACITY;
    private int instrumentCapacity = StoreConfig.DEFAULT_INSTRUMENT_CAPACITY;

    /**
     * @param orderCapacity maximum number of orders, as configured on the live store.
     * @return this.
     */
    public StoreCapacities orderCapacity(final long orderCapacity)
    {
        this.orderCapacity = orderCapacity;
        return this;
    }

    /** @return maximum number of orders. */
    public long orderCapacity()
    {
        return orderCapacity;
    }

    /**
     * @param positionCapacity maximum number of positions, as configured on the live store.
     * @return this.
     */
    public StoreCapacities positionCapacity(final long positionCapacity)
    {
        this.positionCapacity = positionCapacity;
        return this;
    }

    /** @return maximum number of positions. */
    public long positionCapacity()
    {
        return positionCapacity;
    }

    /**
     * @param instrumentCapacity number of instrument slots, as configured on the live store.
     * @return this.
     */
    public StoreCapacities instrumentCapacity(final int instrumentCapacity)
    {
        this.instrumentCapacity = instrumentCapacity;
        return this;
    }

    /** @return number of instrument slots. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    void validate()
    {
        if (orderCapacity < 1 || positionCapacity < 1 || instrumentCapacity < 1 ||
            instrumentCapacity > StoreConfig.MAX_INSTRUMENT_CAPACITY)
        {
            throw new ToolException("invalid store capacities: orders " + orderCapacity + ", positions " +
                positionCapacity + ", instruments " + instrumentCapacity);
        }
    }
}
