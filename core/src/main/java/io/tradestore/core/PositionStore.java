package io.tradestore.core;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Positions by (account, instrument) in a persisted, memory-mapped Chronicle Map. Same threading and
 * allocation contract as {@link OrderStore}: allocation-free writes from the apply thread, lock-protected copies
 * for readers on other threads, deterministic rejection at capacity.
 */
public final class PositionStore implements AutoCloseable
{
    private final ChronicleMap<PositionKey, PositionValue> map;
    private final File file;
    private final long capacity;
    private final Reader applyReader;
    private final PositionKey writeKey = Values.newHeapInstance(PositionKey.class);
    private final PositionValue insertValue = Values.newHeapInstance(PositionValue.class);
    private final PositionValue inPlace = Values.newNativeReference(PositionValue.class);
    private ExternalMapQueryContext<PositionKey, PositionValue, ?> context;
    private MapEntry<PositionKey, PositionValue> openEntry;
    private long size;

    private PositionStore(final ChronicleMap<PositionKey, PositionValue> map, final File file, final long capacity)
    {
        this.map = map;
        this.file = file;
        this.capacity = capacity;
        this.size = map.longSize();
        this.applyReader = new Reader();
    }

    /**
     * Open (or create) the persisted position map.
     *
     * @param file     the Chronicle Map file.
     * @param capacity maximum number of positions.
     * @return the open store.
     */
    public static PositionStore open(final File file, final long capacity)
    {
        try
        {
            final ChronicleMap<PositionKey, PositionValue> map = ChronicleMap
                .of(PositionKey.class, PositionValue.class)
                .name("tradestore-positions")
                .entries(capacity)
                .checksumEntries(false)
                .skipCloseOnExitHook(true)
                .createPersistedTo(file);
            return new PositionStore(map, file, capacity);
        }
        catch (final IOException | RuntimeException ex)
        {
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
        return applyReader.get(accountId, instrumentId, out);
    }

    /**
     * Insert or overwrite the position with the record's key. Apply thread only; the caller has checked
     * {@link #isFull()} before inserting a new key. Snapshot loading and tests use this; the state machine uses
     * the single-lookup {@link #beginUpdate}/{@link #commitUpdate}/{@link #endUpdate} cycle instead.
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
     * Start a read-modify-write of one position with a single hash lookup, under the update lock until
     * {@link #endUpdate()}; same contract as {@link OrderStore#beginUpdate(long, OrderRecord)}. The cycle is written
     * out again here rather than shared with the order store on purpose: a generic helper over both maps measured
     * 14% slower {@code applyFill} (its Chronicle call sites see two key and value types instead of one).
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
        if (beginUpdate(accountId, instrumentId) == null)
        {
            return false;
        }
        readValue(inPlace, out);
        return true;
    }

    /**
     * Write the position of the open update in place, or insert it when it did not exist. The caller has checked
     * {@link #isFull()} before inserting; the record's key must be the one the update was begun for.
     *
     * @param record the position.
     */
    public void commitUpdate(final PositionRecord record)
    {
        final ExternalMapQueryContext<PositionKey, PositionValue, ?> context = this.context;
        if (openEntry != null)
        {
            context.writeLock().lock();
            write(inPlace, record);
        }
        else
        {
            write(insertValue, record);
            context.absentEntry().doInsert(context.wrapValueAsData(insertValue));
            size++;
        }
    }

    /** End the open update, releasing its locks; a no-op when none is open. */
    public void endUpdate()
    {
        final ExternalMapQueryContext<PositionKey, PositionValue, ?> context = this.context;
        if (context != null)
        {
            this.context = null;
            openEntry = null;
            context.close();
        }
    }

    private MapEntry<PositionKey, PositionValue> beginUpdate(final long accountId, final int instrumentId)
    {
        if (context != null)
        {
            throw new IllegalStateException("a position update is already open");
        }
        writeKey.setAccountId(accountId);
        writeKey.setInstrumentId(instrumentId);
        final ExternalMapQueryContext<PositionKey, PositionValue, ?> context = map.queryContext(writeKey);
        this.context = context;
        context.updateLock().lock();
        final MapEntry<PositionKey, PositionValue> entry = context.entry();
        if (entry != null)
        {
            entry.value().getUsing(inPlace);
        }
        openEntry = entry;
        return entry;
    }

    /** @return true when no new position can be inserted. */
    public boolean isFull()
    {
        return size >= capacity;
    }

    /** @return number of positions held (apply thread's view). */
    public long size()
    {
        return size;
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
     * Visit every position, in hash order, with one reused record. Any thread; allocates; not for the hot path.
     *
     * @param consumer of positions; must copy what it keeps.
     */
    public void forEach(final Consumer<PositionRecord> consumer)
    {
        final PositionRecord record = new PositionRecord();
        final PositionKey keyView = Values.newNativeReference(PositionKey.class);
        final PositionValue view = Values.newNativeReference(PositionValue.class);
        map.forEachEntry((entry) ->
        {
            read(entry.key().getUsing(keyView), entry.value().getUsing(view), record);
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
        map.forEachEntry((entry) ->
        {
            final PositionKey key = entry.key().getUsing(keyView);
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
        map.close();
    }

    private static void write(final PositionValue value, final PositionRecord record)
    {
        value.setNetQuantity(record.netQuantity);
        value.setBuyQuantity(record.buyQuantity);
        value.setSellQuantity(record.sellQuantity);
        value.setBuyNotional(record.buyNotional);
        value.setSellNotional(record.sellNotional);
        value.setOpenCost(record.openCost);
        value.setRealizedPnl(record.realizedPnl);
    }

    private static void read(final PositionKey key, final PositionValue value, final PositionRecord record)
    {
        record.accountId = key.getAccountId();
        record.instrumentId = key.getInstrumentId();
        readValue(value, record);
    }

    private static void readValue(final PositionValue value, final PositionRecord record)
    {
        record.netQuantity = value.getNetQuantity();
        record.buyQuantity = value.getBuyQuantity();
        record.sellQuantity = value.getSellQuantity();
        record.buyNotional = value.getBuyNotional();
        record.sellNotional = value.getSellNotional();
        record.openCost = value.getOpenCost();
        record.realizedPnl = value.getRealizedPnl();
    }

    /**
     * Reads positions into records with its own reused key and value; allocation-free after construction.
     * One per thread.
     */
    public final class Reader
    {
        private final PositionKey key = Values.newHeapInstance(PositionKey.class);
        private final PositionValue value = Values.newHeapInstance(PositionValue.class);

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
            final PositionValue found = map.getUsing(key, value);
            if (found == null)
            {
                return false;
            }
            out.accountId = accountId;
            out.instrumentId = instrumentId;
            readValue(found, out);
            return true;
        }
    }
}
