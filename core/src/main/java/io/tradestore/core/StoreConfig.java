package io.tradestore.core;

import java.io.File;

/**
 * Capacities and location of the off-heap stores. Validated once by {@link #conclude()}.
 */
public final class StoreConfig
{
    /** Upper bound on instruments: keeps the market-data file under 2 GiB. */
    public static final int MAX_INSTRUMENT_CAPACITY = 1 << 20;
    /** Default number of orders the order store accepts before rejecting with ORDER_STORE_FULL. */
    public static final long DEFAULT_ORDER_CAPACITY = 2_000_000;
    /** Default number of (account, instrument) positions. */
    public static final long DEFAULT_POSITION_CAPACITY = 200_000;
    /** Default number of instruments. */
    public static final int DEFAULT_INSTRUMENT_CAPACITY = 1_024;

    private File directory;
    private long orderCapacity = DEFAULT_ORDER_CAPACITY;
    private long positionCapacity = DEFAULT_POSITION_CAPACITY;
    private int instrumentCapacity = DEFAULT_INSTRUMENT_CAPACITY;

    /**
     * @param directory where the store files live ({@code DATA/store}).
     * @return this.
     */
    public StoreConfig directory(final File directory)
    {
        this.directory = directory;
        return this;
    }

    /** @return where the store files live. */
    public File directory()
    {
        return directory;
    }

    /**
     * @param orderCapacity maximum number of orders, live and terminal.
     * @return this.
     */
    public StoreConfig orderCapacity(final long orderCapacity)
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
     * @param positionCapacity maximum number of (account, instrument) positions.
     * @return this.
     */
    public StoreConfig positionCapacity(final long positionCapacity)
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
     * @param instrumentCapacity number of instruments; ids are 1..capacity.
     * @return this.
     */
    public StoreConfig instrumentCapacity(final int instrumentCapacity)
    {
        this.instrumentCapacity = instrumentCapacity;
        return this;
    }

    /** @return number of instruments. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /**
     * Validate the configuration.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first invalid value.
     */
    public StoreConfig conclude()
    {
        if (directory == null)
        {
            throw new IllegalArgumentException("store directory is required");
        }
        if (orderCapacity < 1 || orderCapacity > OrderStore.MAX_CAPACITY)
        {
            throw new IllegalArgumentException("orderCapacity must be in 1..2^28: " + orderCapacity);
        }
        if (positionCapacity < 1 || positionCapacity > PositionStore.MAX_CAPACITY)
        {
            throw new IllegalArgumentException("positionCapacity must be in 1..2^28: " + positionCapacity);
        }
        if (instrumentCapacity < 1 || instrumentCapacity > MAX_INSTRUMENT_CAPACITY)
        {
            throw new IllegalArgumentException(
                "instrumentCapacity must be in 1.." + MAX_INSTRUMENT_CAPACITY + ": " + instrumentCapacity);
        }
        return this;
    }

    @Override
    public String toString()
    {
        return "StoreConfig{directory=" + directory + ", orderCapacity=" + orderCapacity + ", positionCapacity=" +
            positionCapacity + ", instrumentCapacity=" + instrumentCapacity + '}';
    }
}
