package io.tradestore.core;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;

import static io.tradestore.core.MarketDataDescriptor.*;

/**
 * Top of book, last trade, update count and event timestamp per instrument, in a memory-mapped file with one
 * fixed slot per instrument (see {@link MarketDataDescriptor}).
 * <p>
 * Single writer (the apply thread) and any number of readers, in this or another process: each slot is guarded
 * by a seqlock, so a reader never sees a torn update and never blocks the writer.
 */
public final class MarketDataStore implements AutoCloseable
{
    private final File file;
    private final int instrumentCapacity;
    private final MappedByteBuffer mappedBuffer;
    private final UnsafeBuffer buffer;
    private boolean closed;

    private MarketDataStore(final File file, final int instrumentCapacity, final MappedByteBuffer mappedBuffer)
    {
        this.file = file;
        this.instrumentCapacity = instrumentCapacity;
        this.mappedBuffer = mappedBuffer;
        this.buffer = new UnsafeBuffer(mappedBuffer);
    }

    /**
     * Open the store file, creating it when absent.
     *
     * @param file               the mapped file.
     * @param instrumentCapacity number of instrument slots; instrument ids are 1..capacity.
     * @return the open store.
     * @throws StoreException when an existing file is not a market-data file or has another capacity.
     */
    public static MarketDataStore open(final File file, final int instrumentCapacity)
    {
        if (instrumentCapacity < 1 || instrumentCapacity > StoreConfig.MAX_INSTRUMENT_CAPACITY)
        {
            throw new StoreException("instrument capacity out of range: " + instrumentCapacity);
        }
        final long length = fileLength(instrumentCapacity);
        if (file.exists())
        {
            if (file.length() != length)
            {
                throw new StoreException("market data file " + file + " has length " + file.length() +
                    ", expected " + length + " for capacity " + instrumentCapacity);
            }
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "market data");
            final UnsafeBuffer header = new UnsafeBuffer(mapped);
            if (header.getLong(MAGIC_OFFSET) != MAGIC || header.getInt(LAYOUT_VERSION_OFFSET) != LAYOUT_VERSION ||
                header.getInt(CAPACITY_OFFSET) != instrumentCapacity)
            {
                IoUtil.unmap(mapped);
                throw new StoreException("not a tradestore market data file of capacity " + instrumentCapacity + ": " + file);
            }
            return new MarketDataStore(file, instrumentCapacity, mapped);
        }

        final File parent = file.getAbsoluteFile().getParentFile();
        if (parent != null && !parent.isDirectory() && !parent.mkdirs())
        {
            throw new StoreException("cannot create directory " + parent);
        }
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, length, true);
        final UnsafeBuffer header = new UnsafeBuffer(mapped);
        header.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        header.putInt(CAPACITY_OFFSET, instrumentCapacity);
        header.putLongRelease(MAGIC_OFFSET, MAGIC);
        return new MarketDataStore(file, instrumentCapacity, mapped);
    }

    /** @return number of instrument slots; valid instrument ids are 1..capacity. */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /**
     * @param instrumentId to check.
     * @return true when the id has a slot.
     */
    public boolean isValidInstrument(final long instrumentId)
    {
        return instrumentId >= 1 && instrumentId <= instrumentCapacity;
    }

    /**
     * Apply an update. Apply thread only. A last price of 0 keeps the previous last trade.
     *
     * @param instrumentId valid instrument id (checked by the caller).
     * @param bidPrice     best bid, 0 = none.
     * @param bidQuantity  best bid quantity.
     * @param askPrice     best ask, 0 = none.
     * @param askQuantity  best ask quantity.
     * @param lastPrice    last trade price, 0 = no trade in this update.
     * @param lastQuantity last trade quantity.
     * @param timestampNs  event timestamp.
     */
    public void update(
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity,
        final long lastPrice,
        final long lastQuantity,
        final long timestampNs)
    {
        final int slot = slotOffset(instrumentId);
        final UnsafeBuffer buffer = this.buffer;
        final int version = SeqLock.beginWrite(buffer, slot + VERSION_OFFSET);
        buffer.putLong(slot + BID_PRICE_OFFSET, bidPrice);
        buffer.putLong(slot + BID_QUANTITY_OFFSET, bidQuantity);
        buffer.putLong(slot + ASK_PRICE_OFFSET, askPrice);
        buffer.putLong(slot + ASK_QUANTITY_OFFSET, askQuantity);
        if (lastPrice != 0)
        {
            buffer.putLong(slot + LAST_PRICE_OFFSET, lastPrice);
            buffer.putLong(slot + LAST_QUANTITY_OFFSET, lastQuantity);
        }
        buffer.putLong(slot + UPDATE_COUNT_OFFSET, buffer.getLong(slot + UPDATE_COUNT_OFFSET) + 1);
        buffer.putLong(slot + TIMESTAMP_OFFSET, timestampNs);
        SeqLock.endWrite(buffer, slot + VERSION_OFFSET, version);
    }

    /**
     * Overwrite a whole slot, used when loading a snapshot. Apply thread only, before the pipeline starts.
     *
     * @param record to write; its instrument id selects the slot.
     */
    public void put(final MarketDataRecord record)
    {
        final int slot = slotOffset(record.instrumentId);
        final int version = SeqLock.beginWrite(buffer, slot + VERSION_OFFSET);
        buffer.putLong(slot + BID_PRICE_OFFSET, record.bidPrice);
        buffer.putLong(slot + BID_QUANTITY_OFFSET, record.bidQuantity);
        buffer.putLong(slot + ASK_PRICE_OFFSET, record.askPrice);
        buffer.putLong(slot + ASK_QUANTITY_OFFSET, record.askQuantity);
        buffer.putLong(slot + LAST_PRICE_OFFSET, record.lastPrice);
        buffer.putLong(slot + LAST_QUANTITY_OFFSET, record.lastQuantity);
        buffer.putLong(slot + UPDATE_COUNT_OFFSET, record.updateCount);
        buffer.putLong(slot + TIMESTAMP_OFFSET, record.timestampNs);
        SeqLock.endWrite(buffer, slot + VERSION_OFFSET, version);
    }

    /**
     * Read a consistent copy of one instrument's slot. Any thread; never blocks the writer.
     *
     * @param instrumentId valid instrument id.
     * @param record       to fill.
     * @return true when the instrument has had at least one update.
     */
    public boolean read(final int instrumentId, final MarketDataRecord record)
    {
        final int slot = slotOffset(instrumentId);
        final UnsafeBuffer buffer = this.buffer;
        int spins = 0;
        while (true)
        {
            final int version = SeqLock.beginRead(buffer, slot + VERSION_OFFSET);
            record.instrumentId = instrumentId;
            record.bidPrice = buffer.getLong(slot + BID_PRICE_OFFSET);
            record.bidQuantity = buffer.getLong(slot + BID_QUANTITY_OFFSET);
            record.askPrice = buffer.getLong(slot + ASK_PRICE_OFFSET);
            record.askQuantity = buffer.getLong(slot + ASK_QUANTITY_OFFSET);
            record.lastPrice = buffer.getLong(slot + LAST_PRICE_OFFSET);
            record.lastQuantity = buffer.getLong(slot + LAST_QUANTITY_OFFSET);
            record.updateCount = buffer.getLong(slot + UPDATE_COUNT_OFFSET);
            record.timestampNs = buffer.getLong(slot + TIMESTAMP_OFFSET);
            if (SeqLock.isUnchanged(buffer, slot + VERSION_OFFSET, version))
            {
                return record.updateCount != 0;
            }
            spins = SeqLock.backOff(spins);
        }
    }

    /** Zero every slot (used before loading a snapshot into a reused file). Apply thread only. */
    public void clear()
    {
        buffer.setMemory(HEADER_LENGTH, (int)(fileLength(instrumentCapacity) - HEADER_LENGTH), (byte)0);
    }

    /** Force the mapped pages to the storage device. */
    public void force()
    {
        mappedBuffer.force();
    }

    /** @return the mapped file. */
    public File file()
    {
        return file;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mappedBuffer);
        }
    }
}
