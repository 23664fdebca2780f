package io.tradestore.core;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Positions by (account, instrument) in a persisted, memory-mapped Chronicle Map, values laid out by
 * {@link PositionLayout}. Same design as {@link OrderStore}: the apply thread, the only writer, keeps a
 * {@link PositionIndex} from key to the value's address and reads and rewrites positions there; only a new position
 * goes through Chronicle Map; readers on other threads copy under the record's {@link SeqLock}; the store rejects at
 * its capacity rather than grow.
 */
public final class PositionStore implements AutoCloseable
{
    /** Largest position capacity: the index's arrays must fit a Java array. */
    public static final long MAX_CAPACITY = PositionIndex.MAX_CAPACITY;

    private final ChronicleMap<PositionKey, byte[]> map;
    private final File file;
    private final long capacity;
    private final PositionIndex index;
    private final PositionKey writeKey = Values.newHeapInstance(PositionKey.class);
    private final MappedValues values;
    private final UnsafeBuffer insertBuffer;
    private final UnsafeBuffer entry = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer getView = new UnsafeBuffer(0, 0);
    private boolean updateOpen;
    private long openAccountId;
    private int openInstrumentId;
    private long openAddress;

    private PositionStore(final ChronicleMap<PositionKey, byte[]> map, final File file, final long capacity)
    {
        this.map = map;
        this.file = file;
        this.capacity = capacity;
        final long existing = map.longSize();
        if (existing > MAX_CAPACITY)
        {
            throw new StoreException(
                "position store " + file + " holds " + existing + " positions, more than " + MAX_CAPACITY);
        }
        this.index = new PositionIndex(Math.max(capacity, existing));
        final PositionKey keyView = Values.newNativeReference(PositionKey.class);
        map.forEachEntry((e) ->
        {
            final PositionKey key = e.key().getUsing(keyView);
            index.insert(key.getAccountId(), key.getInstrumentId(), MappedValues.addressOf(e.value()));
        });
        // last: nothing above can leak the native staging area when it throws
        this.values = new MappedValues("position store " + file, PositionLayout.LENGTH);
        this.insertBuffer = values.insertBuffer();
    }

    /**
     * Open (or create) the persisted position map.
     *
     * @param file     the Chronicle Map file.
     * @param capacity maximum number of positions, 1..{@link #MAX_CAPACITY}.
     * @return the open store.
     */
    public static PositionStore open(final File file, final long capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            // a store created by an older version may record more (up to 2^32 orders, 2^30 positions): refused
            // with the way out rather than an index that cannot be built
            throw new StoreException("position capacity " + capacity + " is outside 1.." + MAX_CAPACITY +
                " (the apply thread's index must fit in Java arrays); replay the journal into a new data directory " +
                "with a smaller capacity");
        }
        ChronicleMap<PositionKey, byte[]> map = null;
        try
        {
            map = ChronicleMap
                .of(PositionKey.class, byte[].class)
                .name("tradestore-positions")
                .entries(capacity)
                .constantValueSizeBySample(new byte[PositionLayout.LENGTH])
                .checksumEntries(false)
                .skipCloseOnExitHook(true)
                .createPersistedTo(file);
            return new PositionStore(map, file, capacity);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (map != null)
            {
                map.close();
            }
            throw new StoreException("cannot open position store " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Look up a position on the apply thread.
     *
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param out          filled when found.
     * @return true when found.
     */
    public boolean get(final long accountId, final int instrumentId, final PositionRecord out)
    {
        values.ensureOpen();
        final long address = index.get(accountId, instrumentId);
        if (address == 0)
        {
            return false;
        }
        getView.wrap(address, PositionLayout.LENGTH);
        out.accountId = accountId;
        out.instrumentId = instrumentId;
        PositionLayout.readFields(getView, out);
        return true;
    }

    /**
     * Insert or overwrite the position with the record's key. Apply thread only; the caller has checked
     * {@link #isFull()} before inserting a new key. Snapshot loading and tests use this; the state machine uses
     * the {@link #beginUpdate}/{@link #commitUpdate}/{@link #endUpdate} cycle instead.
     *
     * @param record the position.
     */
    public void put(final PositionRecord record)
    {
        beginUpdate(record.accountId, record.instrumentId);
        try
        {
            commitUpdate(record);
        }
        finally
        {
            endUpdate();
        }
    }

    /**
     * Start a read-modify-write of one position: one index lookup, no lock; same contract as
     * {@link OrderStore#beginUpdate(long, OrderRecord)}.
     *
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param out          filled when found; its key is set either way.
     * @return true when the position exists.
     */
    public boolean beginUpdate(final long accountId, final int instrumentId, final PositionRecord out)
    {
        out.accountId = accountId;
        out.instrumentId = instrumentId;
        if (beginUpdate(accountId, instrumentId) == 0)
        {
            return false;
        }
        PositionLayout.readFields(entry, out);
        return true;
    }

    /**
     * Write the position of the open update in place, or insert it when it did not exist. The caller has checked
     * {@link #isFull()} before inserting; the record's key must be the one the update was begun for.
     *
     * @param record the position.
     * @throws IllegalStateException when inserting into a full store, before anything is written.
     */
    public void commitUpdate(final PositionRecord record)
    {
        // no closed check: an open update was begun by beginUpdate, which made it
        if (!updateOpen || record.accountId != openAccountId || record.instrumentId != openInstrumentId)
        {
            throw new IllegalStateException(
                "no open update for position (" + record.accountId + ", " + record.instrumentId + ")");
        }
        if (openAddress != 0)
        {
            PositionLayout.update(entry, record);
        }
        else
        {
            if (isFull())
            {
                // before the map is touched: an entry in the map but not in the index would poison the key
                throw new IllegalStateException("position store is full at " + capacity);
            }
            openAddress = insert(record);
        }
    }

    /** End the open update; a no-op when none is open. */
    public void endUpdate()
    {
        updateOpen = false;
        openAddress = 0;
    }

    private long beginUpdate(final long accountId, final int instrumentId)
    {
        values.ensureOpen();
        if (updateOpen)
        {
            throw new IllegalStateException("a position update is already open");
        }
        final long address = index.get(accountId, instrumentId);
        updateOpen = true;
        openAccountId = accountId;
        openInstrumentId = instrumentId;
        openAddress = address;
        if (address != 0)
        {
            entry.wrap(address, PositionLayout.LENGTH);
        }
        return address;
    }

    private long insert(final PositionRecord record)
    {
        insertBuffer.putInt(PositionLayout.VERSION_OFFSET, 0);
        PositionLayout.writeFields(insertBuffer, record);
        writeKey.setAccountId(record.accountId);
        writeKey.setInstrumentId(record.instrumentId);
        final long address;
        try (ExternalMapQueryContext<PositionKey, byte[], ?> context = map.queryContext(writeKey))
        {
            context.writeLock().lock();
            final MapAbsentEntry<PositionKey, byte[]> absent = context.absentEntry();
            if (absent == null)
            {
                throw new IllegalStateException("position (" + record.accountId + ", " + record.instrumentId +
                    ") is in the position map but not in its index");
            }
            absent.doInsert(context.wrapValueBytesAsData(values.insertStore(), 0, PositionLayout.LENGTH));
            final MapEntry<PositionKey, byte[]> inserted = context.entry();
            if (inserted == null)
            {
                throw new IllegalStateException(
                    "position (" + record.accountId + ", " + record.instrumentId + ") not found after insert");
            }
            address = MappedValues.addressOf(inserted.value());
        }
        index.insert(record.accountId, record.instrumentId, address);
        entry.wrap(address, PositionLayout.LENGTH);
        return address;
    }

    /** @return true when no new position can be inserted. */
    public boolean isFull()
    {
        return index.size() >= capacity;
    }

    /** @return number of positions held (apply thread's view). */
    public long size()
    {
        return index.size();
    }

    /** @return maximum number of positions. */
    public long capacity()
    {
        return capacity;
    }

    /** @return a reader for a thread other than the apply thread; one per thread. */
    public Reader newReader()
    {
        return new Reader();
    }

    /**
     * Visit every position, in hash order, with one reused record. Any thread; each position is a consistent copy.
     * Allocates; not for the hot path.
     *
     * @param consumer of positions; must copy what it keeps.
     */
    public void forEach(final Consumer<PositionRecord> consumer)
    {
        final PositionRecord record = new PositionRecord();
        final PositionKey keyView = Values.newNativeReference(PositionKey.class);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        map.forEachEntry((e) ->
        {
            final PositionKey key = e.key().getUsing(keyView);
            record.accountId = key.getAccountId();
            record.instrumentId = key.getInstrumentId();
            view.wrap(MappedValues.addressOf(e.value()), PositionLayout.LENGTH);
            PositionLayout.readConsistent(view, record);
            consumer.accept(record);
        });
    }

    /**
     * Every key as {@code {accountId, instrumentId}}, ascending by account then instrument.
     *
     * @return the sorted keys.
     */
    public long[][] sortedKeys()
    {
        final List<long[]> keys = new ArrayList<>();
        final PositionKey keyView = Values.newNativeReference(PositionKey.class);
        map.forEachEntry((e) ->
        {
            final PositionKey key = e.key().getUsing(keyView);
            keys.add(new long[]{ key.getAccountId(), key.getInstrumentId() });
        });
        keys.sort(Comparator.<long[]>comparingLong((k) -> k[0]).thenComparingLong((k) -> k[1]));
        return keys.toArray(new long[0][]);
    }

    /** @return the map file. */
    public File file()
    {
        return file;
    }

    @Override
    public void close()
    {
        values.close(map);
    }

    /** @return true once {@link #close()} has been called. */
    public boolean isClosed()
    {
        return values.isClosed();
    }


    /**
     * Reads consistent copies of positions into records with its own reused key and view; allocation-free after
     * construction. One per thread.
     */
    public final class Reader
    {
        private final PositionKey key = Values.newHeapInstance(PositionKey.class);
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

        private Reader()
        {
        }

        /**
         * @param accountId    account.
         * @param instrumentId instrument.
         * @param out          filled when found.
         * @return true when found.
         */
        public boolean get(final long accountId, final int instrumentId, final PositionRecord out)
        {
            key.setAccountId(accountId);
            key.setInstrumentId(instrumentId);
            try (ExternalMapQueryContext<PositionKey, byte[], ?> context = map.queryContext(key))
            {
                context.readLock().lock();
                final MapEntry<PositionKey, byte[]> found = context.entry();
                if (found == null)
                {
                    return false;
                }
                out.accountId = accountId;
                out.instrumentId = instrumentId;
                view.wrap(MappedValues.addressOf(found.value()), PositionLayout.LENGTH);
                PositionLayout.readConsistent(view, out);
                return true;
            }
        }
    }
}
