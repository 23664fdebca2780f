package io.tradestore.core;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Orders by order id in a persisted, memory-mapped Chronicle Map.
 * <p>
 * Writes ({@link #put(OrderRecord)}) come only from the apply thread and are allocation-free: a reused
 * {@link LongValue} key, a query context under the write lock, the value written in place through a native
 * flyweight or inserted from a reused heap instance. Reads from other threads use a {@link Reader} of their own
 * and copy the entry under the segment read lock, so they never see a torn order and never block for long.
 * <p>
 * The store rejects rather than grows: {@link #isFull()} is true at the configured capacity, so the map never
 * reaches Chronicle's overflow tiers (which allocate) or its hard limit (which throws).
 */
public final class OrderStore implements AutoCloseable
{
    private final ChronicleMap<LongValue, OrderValue> map;
    private final File file;
    private final long capacity;
    private final Reader applyReader;
    private final LongValue writeKey = Values.newHeapInstance(LongValue.class);
    private final OrderValue insertValue = Values.newHeapInstance(OrderValue.class);
    private final OrderValue inPlace = Values.newNativeReference(OrderValue.class);
    private ExternalMapQueryContext<LongValue, OrderValue, ?> context;
    private MapEntry<LongValue, OrderValue> openEntry;
    private long size;

    private OrderStore(final ChronicleMap<LongValue, OrderValue> map, final File file, final long capacity)
    {
        this.map = map;
        this.file = file;
        this.capacity = capacity;
        this.size = map.longSize();
        this.applyReader = new Reader();
    }

    /**
     * Open (or create) the persisted order map.
     *
     * @param file     the Chronicle Map file.
     * @param capacity maximum number of orders.
     * @return the open store.
     */
    public static OrderStore open(final File file, final long capacity)
    {
        try
        {
            final ChronicleMap<LongValue, OrderValue> map = ChronicleMap
                .of(LongValue.class, OrderValue.class)
                .name("tradestore-orders")
                .entries(capacity)
                .checksumEntries(false)
                .skipCloseOnExitHook(true)
                .createPersistedTo(file);
            return new OrderStore(map, file, capacity);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new StoreException("cannot open order store " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Look up an order on the apply thread.
     *
     * @param orderId to find.
     * @param out     filled when found.
     * @return true when found.
     */
    public boolean get(final long orderId, final OrderRecord out)
    {
        return applyReader.get(orderId, out);
    }

    /**
     * Insert or overwrite the order with {@code record.orderId}. Apply thread only; the caller has checked
     * {@link #isFull()} before inserting a new id. Snapshot loading and tests use this; the state machine uses
     * the single-lookup {@link #beginUpdate}/{@link #commitUpdate}/{@link #endUpdate} cycle instead.
     *
     * @param record the order.
     */
    public void put(final OrderRecord record)
    {
        beginUpdate(record.orderId);
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
     * Start a read-modify-write of one order with a single hash lookup: the entry's segment is held under the
     * update lock (readers on other threads proceed, no other writer can enter) until {@link #endUpdate()}.
     * Apply thread only; exactly one update may be open per store, and every call must be followed by
     * {@link #endUpdate()} in a {@code finally} block.
     *
     * @param orderId to find.
     * @param out     filled when found.
     * @return true when the order exists.
     */
    public boolean beginUpdate(final long orderId, final OrderRecord out)
    {
        final MapEntry<LongValue, OrderValue> entry = beginUpdate(orderId);
        if (entry == null)
        {
            return false;
        }
        read(orderId, inPlace, out);
        return true;
    }

    /**
     * Write the order of the open update in place, or insert it when the order did not exist. The caller has
     * checked {@link #isFull()} before inserting; {@code record.orderId} must be the id the update was begun for.
     *
     * @param record the order.
     */
    public void commitUpdate(final OrderRecord record)
    {
        final ExternalMapQueryContext<LongValue, OrderValue, ?> context = this.context;
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
        final ExternalMapQueryContext<LongValue, OrderValue, ?> context = this.context;
        if (context != null)
        {
            this.context = null;
            openEntry = null;
            context.close();
        }
    }

    private MapEntry<LongValue, OrderValue> beginUpdate(final long orderId)
    {
        if (context != null)
        {
            throw new IllegalStateException("an order update is already open");
        }
        writeKey.setValue(orderId);
        final ExternalMapQueryContext<LongValue, OrderValue, ?> context = map.queryContext(writeKey);
        this.context = context;
        context.updateLock().lock();
        final MapEntry<LongValue, OrderValue> entry = context.entry();
        if (entry != null)
        {
            entry.value().getUsing(inPlace);
        }
        openEntry = entry;
        return entry;
    }

    /** @return true when no new order can be inserted. */
    public boolean isFull()
    {
        return size >= capacity;
    }

    /** @return number of orders held (apply thread's view). */
    public long size()
    {
        return size;
    }

    /** @return maximum number of orders. */
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
     * Visit every order id, in hash order: callers that need a canonical order sort.
     *
     * @param consumer of order ids.
     */
    public void forEachOrderId(final LongConsumer consumer)
    {
        map.forEachEntry((entry) -> consumer.accept(entry.key().get().getValue()));
    }

    /**
     * Visit every order, in hash order, with one reused record. Any thread; each segment is read-locked while
     * visited. Allocates; not for the hot path.
     *
     * @param consumer of orders; must copy what it keeps.
     */
    public void forEach(final Consumer<OrderRecord> consumer)
    {
        final OrderRecord record = new OrderRecord();
        final OrderValue view = Values.newNativeReference(OrderValue.class);
        map.forEachEntry((entry) ->
        {
            read(entry.key().get().getValue(), entry.value().getUsing(view), record);
            consumer.accept(record);
        });
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

    private static void write(final OrderValue value, final OrderRecord record)
    {
        value.setAccountId(record.accountId);
        value.setInstrumentId(record.instrumentId);
        value.setSide(record.side);
        value.setStatus(record.status);
        value.setPrice(record.price);
        value.setQuantity(record.quantity);
        value.setFilledQuantity(record.filledQuantity);
        value.setCreatedSequence(record.createdSequence);
        value.setLastSequence(record.lastSequence);
    }

    private static void read(final long orderId, final OrderValue value, final OrderRecord record)
    {
        record.orderId = orderId;
        record.accountId = value.getAccountId();
        record.instrumentId = value.getInstrumentId();
        record.side = value.getSide();
        record.status = value.getStatus();
        record.price = value.getPrice();
        record.quantity = value.getQuantity();
        record.filledQuantity = value.getFilledQuantity();
        record.createdSequence = value.getCreatedSequence();
        record.lastSequence = value.getLastSequence();
    }

    /**
     * Reads orders into records with its own reused key and value; allocation-free after construction.
     * One per thread.
     */
    public final class Reader
    {
        private final LongValue key = Values.newHeapInstance(LongValue.class);
        private final OrderValue value = Values.newHeapInstance(OrderValue.class);

        private Reader()
        {
        }

        /**
         * @param orderId to find.
         * @param out     filled when found.
         * @return true when found.
         */
        public boolean get(final long orderId, final OrderRecord out)
        {
            key.setValue(orderId);
            final OrderValue found = map.getUsing(key, value);
            if (found == null)
            {
                return false;
            }
            read(orderId, found, out);
            return true;
        }
    }
}
