package io.tradestore.journal;

import io.tradestore.core.StoreConfig;
import io.tradestore.core.StoreException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The capacities a store was created with, recorded in {@code DATA/store/capacities.dat}. They are part of what
 * the journal means: the state machine rejects an order with ORDER_STORE_FULL, a new position with
 * POSITION_STORE_FULL and an instrument outside {@code 1..instrumentCapacity} with UNKNOWN_INSTRUMENT, so
 * replaying the same journal with other capacities gives other outcomes. {@link StoreEngine#open} writes the file
 * when it creates a store and refuses to reopen a store with different ones; the offline tools read it so that
 * their replay uses the store's own capacities. Never journaled; written once, through a temporary file and an
 * atomic rename, so it is either absent or complete.
 * <pre>
 *   0  magic (int64)                8  version (int32)             12  instrument capacity (int32)
 *   16 order capacity (int64)      24  position capacity (int64)   32  reserved (24 bytes)
 *   56 CRC32C of [0, 56)           60  padding to 64
 * </pre>
 * Immutable; any thread.
 */
public final class StoreCapacities
{
    /** Name of the file in the store directory. */
    public static final String FILE_NAME = "capacities.dat";
    /** {@link StoreConfig}'s defaults. */
    public static final StoreCapacities DEFAULTS = new StoreCapacities(StoreConfig.DEFAULT_ORDER_CAPACITY,
        StoreConfig.DEFAULT_POSITION_CAPACITY, StoreConfig.DEFAULT_INSTRUMENT_CAPACITY);

    static final long MAGIC = 0x5453_4341_5041_0001L;
    static final int VERSION = 1;
    static final int LENGTH = 64;
    private static final int VERSION_OFFSET = 8;
    private static final int INSTRUMENT_CAPACITY_OFFSET = 12;
    private static final int ORDER_CAPACITY_OFFSET = 16;
    private static final int POSITION_CAPACITY_OFFSET = 24;
    private static final int CRC_OFFSET = 56;

    private final long orderCapacity;
    private final long positionCapacity;
    private final int instrumentCapacity;

    /**
     * @param orderCapacity      maximum number of orders, live and terminal.
     * @param positionCapacity   maximum number of (account, instrument) positions.
     * @param instrumentCapacity number of instruments; ids are 1..capacity.
     * @throws IllegalArgumentException naming the first value out of range.
     */
    public StoreCapacities(final long orderCapacity, final long positionCapacity, final int instrumentCapacity)
    {
        if (orderCapacity < 1 || positionCapacity < 1 || instrumentCapacity < 1 ||
            instrumentCapacity > StoreConfig.MAX_INSTRUMENT_CAPACITY)
        {
            throw new IllegalArgumentException("invalid store capacities: orders " + orderCapacity +
                ", positions " + positionCapacity + ", instruments " + instrumentCapacity);
        }
        this.orderCapacity = orderCapacity;
        this.positionCapacity = positionCapacity;
        this.instrumentCapacity = instrumentCapacity;
    }

    /** @return maximum number of orders. */
    public long orderCapacity()
    {
        return orderCapacity;
    }

    /** @return maximum number of positions. */
    public long positionCapacity()
    {
        return positionCapacity;
    }

    /** @return number of instruments. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /**
     * Read the capacities recorded in a store directory, without writing anything.
     *
     * @param storeDirectory {@code DATA/store}.
     * @return the recorded capacities, or null when the file is absent (a store from before they were recorded).
     * @throws StoreException when the file exists but is not a valid capacities file (wrong length, magic,
     *                        version or CRC, or values out of range).
     */
    public static StoreCapacities read(final File storeDirectory)
    {
        final File file = new File(storeDirectory, FILE_NAME);
        if (!file.exists())
        {
            return null;
        }
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file.toPath());
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (bytes.length != LENGTH || buffer.getLong(0) != MAGIC || buffer.getInt(VERSION_OFFSET) != VERSION ||
            buffer.getInt(CRC_OFFSET) != crc(bytes))
        {
            throw new StoreException(file + " is not a valid capacities file (length " + bytes.length +
                ", expected " + LENGTH + " with magic, version " + VERSION + " and CRC)");
        }
        try
        {
            return new StoreCapacities(buffer.getLong(ORDER_CAPACITY_OFFSET), buffer.getLong(POSITION_CAPACITY_OFFSET),
                buffer.getInt(INSTRUMENT_CAPACITY_OFFSET));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new StoreException(file + ": " + ex.getMessage(), ex);
        }
    }

    /** Record these capacities in {@code storeDirectory}, replacing the file atomically. */
    void write(final File storeDirectory)
    {
        final byte[] bytes = new byte[LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putLong(0, MAGIC);
        buffer.putInt(VERSION_OFFSET, VERSION);
        buffer.putInt(INSTRUMENT_CAPACITY_OFFSET, instrumentCapacity);
        buffer.putLong(ORDER_CAPACITY_OFFSET, orderCapacity);
        buffer.putLong(POSITION_CAPACITY_OFFSET, positionCapacity);
        buffer.putInt(CRC_OFFSET, crc(bytes));
        FileSupport.writeAtomically(storeDirectory, FILE_NAME, bytes);
    }

    /**
     * @param configured the capacities a caller asks for.
     * @return null when equal, else one line naming each differing capacity with both values.
     */
    String differenceFrom(final StoreCapacities configured)
    {
        final StringBuilder b = new StringBuilder();
        difference(b, "orders", orderCapacity, configured.orderCapacity);
        difference(b, "positions", positionCapacity, configured.positionCapacity);
        difference(b, "instruments", instrumentCapacity, configured.instrumentCapacity);
        return b.length() == 0 ? null : b.toString();
    }

    private static void difference(final StringBuilder b, final String name, final long recorded, final long configured)
    {
        if (recorded != configured)
        {
            b.append(b.length() == 0 ? "" : ", ").append(name).append(" recorded ").append(recorded)
                .append(" but configured ").append(configured);
        }
    }

    private static int crc(final byte[] bytes)
    {
        return FileSupport.crc32c(bytes, CRC_OFFSET);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof StoreCapacities && differenceFrom((StoreCapacities)other) == null;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(orderCapacity * 31 + positionCapacity) * 31 + instrumentCapacity;
    }

    @Override
    public String toString()
    {
        return "orders " + orderCapacity + ", positions " + positionCapacity + ", instruments " + instrumentCapacity;
    }
}
