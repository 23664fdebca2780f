package io.tradestore.core;

import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Orders by order id in a persisted, memory-mapped Chronicle Map, values laid out by {@link OrderLayout}.
 * <p>
 * The apply thread is the only writer. Chronicle Map finds and inserts entries; once inserted, an entry's value
 * never moves while the map is open (values have one constant size and orders are never removed), so the apply
 * thread keeps an index from order id to the value's address in the mapped file and reads and rewrites orders
 * there directly, without a hash lookup or a segment lock in Chronicle Map. Only a new order goes through
 * Chronicle Map (under its segment write lock). Readers on other threads find the entry through Chronicle Map and
 * copy it under the record's {@link SeqLock}, so they never see a torn order and never block the writer.
 * <p>
 * The index is an {@link OrderIndex} (25-50 bytes of heap per order of capacity: a power-of-two table at a load
 * factor of at most 0.65 that keeps runs of ids in one 128-byte block), rebuilt from the map when an existing file
 * is opened; it never resizes, so the apply path allocates nothing. The store rejects rather than grows:
 * {@link #isFull()} is true at the configured capacity, so the map never reaches Chronicle's overflow tiers (which
 * allocate) or its hard limit (which throws).
 */
public final class OrderStore implements AutoCloseable
{
    /** Largest order capacity: the index's arrays must fit a Java array. */
    public static final long MAX_CAPACITY = OrderIndex.MAX_CAPACITY;

    private final ChronicleMap<LongValue, byte[]> map;
    private final File file;
    private final long capacity;
    private final OrderIndex index;
    private final LongValue writeKey = Values.newHeapInstance(LongValue.class);
    private final MappedValues values;
    private final UnsafeBuffer insertBuffer;
    private final UnsafeBuffer entry = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer getView = new UnsafeBuffer(0, 0);
    private boolean updateOpen;
    private long openOrderId;
    private long openAddress;

    private OrderStore(final ChronicleMap<LongValue, byte[]> map, final File file, final long capacity)
    {
        this.map = map;
        this.file = file;
        this.capacity = capacity;
        final long existing = map.longSize();
        final long indexed = Math.max(capacity, existing);
        if (indexed > MAX_CAPACITY)
        {
            throw new StoreException("order store " + file + " holds " + existing + " orders, more than " + MAX_CAPACITY);
        }
        this.index = new OrderIndex(indexed);
        map.forEachEntry((e) -> index.insert(e.key().get().getValue(), MappedValues.addressOf(e.value())));
        // last: nothing above can leak the native staging area when it throws
        this.values = new MappedValues("order store " + file, OrderLayout.LENGTH);
        this.insertBuffer = values.insertBuffer();
    }

    /**
     * Open (or create) the persisted order map.
     *
     * @param file     the Chronicle Map file.
     * @param capacity maximum number of orders, 1..{@link #MAX_CAPACITY}.
     * @return the open store.
     */
    public static OrderStore open(final File file, final long capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            // a store created by an older version may record more (up to 2^32 orders, 2^30 positions): refused
            // with the way out rather than an index that cannot be built
            throw new StoreException("order capacity " + capacity + " is outside 1.." + MAX_CAPACITY +
                " (the apply thread's index must fit in Java arrays); replay the journal into a new data directory " +
                "with a smaller capacity");
        }
        ChronicleMap<LongValue, byte[]> map = null;
        try
        {
            map = ChronicleMap
                .of(LongValue.class, byte[].class)
                .name("tradestore-orders")
                .entries(capacity)
                .constantValueSizeBySample(new byte[OrderLayout.LENGTH])
                .checksumEntries(false)
                .skipCloseOnExitHook(true)
                .createPersistedTo(file);
            return new OrderStore(map, file, capacity);
        }
        catch (final IOException | RuntimeException ex)
        {
            if (map != null)
            {
                map.close();
            }
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
        values.ensureOpen();
        final long address = index.get(orderId);
        if (address == 0)
        {
            return false;
        }
        getView.wrap(address, OrderLayout.LENGTH);
        OrderLayout.readFields(getView, orderId, out);
        return true;
    }

    /**
     * Insert or overwrite the order with {@code record.orderId}. Apply thread only; the caller has checked
     * {@link #isFull()} before inserting a new id. Snapshot loading and tests use this; the state machine uses
     * the {@link #beginUpdate}/{@link #commitUpdate}/{@link #endUpdate} cycle instead.
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
     * Start a read-modify-write of one order: one index lookup, no lock. Apply thread only; exactly one update may be
     * open per store, and every call must be followed by {@link #endUpdate()} in a {@code finally} block.
     *
     * @param orderId to find.
     * @param out     filled when found.
     * @return true when the order exists.
     */
    public boolean beginUpdate(final long orderId, final OrderRecord out)
    {
        if (beginUpdate(orderId) == 0)
        {
            return false;
        }
        OrderLayout.readFields(entry, orderId, out);
        return true;
    }

    /**
     * Write the order of the open update in place, or insert it when the order did not exist. The caller has
     * checked {@link #isFull()} before inserting; {@code record.orderId} must be the id the update was begun for.
     *
     * @param record the order.
     * @throws IllegalStateException when inserting into a full store, before anything is written.
     */
    public void commitUpdate(final OrderRecord record)
    {
        // no closed check: an open update was begun by beginUpdate, which made it
        if (!updateOpen || record.orderId != openOrderId)
        {
            throw new IllegalStateException("no open update for order " + record.orderId);
        }
        if (openAddress != 0)
        {
            OrderLayout.update(entry, record);
        }
        else
        {
            if (isFull())
            {
                // before the map is touched: an entry in the map but not in the index would poison the key
                throw new IllegalStateException("order store is full at " + capacity);
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

    private long beginUpdate(final long orderId)
    {
        values.ensureOpen();
        if (updateOpen)
        {
            throw new IllegalStateException("an order update is already open");
        }
        final long address = index.get(orderId);
        updateOpen = true;
        openOrderId = orderId;
        openAddress = address;
        if (address != 0)
        {
            entry.wrap(address, OrderLayout.LENGTH);
        }
        return address;
    }

    private long insert(final OrderRecord record)
    {
        final long orderId = record.orderId;
        insertBuffer.putInt(OrderLayout.VERSION_OFFSET, 0);
        OrderLayout.writeFields(insertBuffer, record);
        writeKey.setValue(orderId);
        final long address;
        try (ExternalMapQueryContext<LongValue, byte[], ?> context = map.queryContext(writeKey))
        {
            context.writeLock().lock();
            final MapAbsentEntry<LongValue, byte[]> absent = context.absentEntry();
            if (absent == null)
            {
                throw new IllegalStateException("order " + orderId + " is in the order map but not in its index");
            }
            absent.doInsert(context.wrapValueBytesAsData(values.insertStore(), 0, OrderLayout.LENGTH));
            final MapEntry<LongValue, byte[]> inserted = context.entry();
            if (inserted == null)
            {
                throw new IllegalStateException("order " + orderId + " not found after insert");
            }
            address = MappedValues.addressOf(inserted.value());
        }
        index.insert(orderId, address);
        entry.wrap(address, OrderLayout.LENGTH);
        return address;
    }

    /** @return true when no new order can be inserted. */
    public boolean isFull()
    {
        return index.size() >= capacity;
    }

    /** @return number of orders held (apply thread's view). */
    public long size()
    {
        return index.size();
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
        map.forEachEntry((e) -> consumer.accept(e.key().get().getValue()));
    }

    /**
     * Visit every order, in hash order, with one reused record. Any thread; each order is a consistent copy.
     * Allocates; not for the hot path.
     *
     * @param consumer of orders; must copy what it keeps.
     */
    public void forEach(final Consumer<OrderRecord> consumer)
    {
        final OrderRecord record = new OrderRecord();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        map.forEachEntry((e) ->
        {
            view.wrap(MappedValues.addressOf(e.value()), OrderLayout.LENGTH);
            OrderLayout.readConsistent(view, e.key().get().getValue(), record);
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
        values.close(map);
    }

    /** @return true once {@link #close()} has been called. */
    public boolean isClosed()
    {
        return values.isClosed();
    }



    /**
     * Reads consistent copies of orders into records with its own reused key and view; allocation-free after
     * construction. One per thread.
     */
    public final class Reader
    {
        private final LongValue key = Values.newHeapInstance(LongValue.class);
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

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
            try (ExternalMapQueryContext<LongValue, byte[], ?> context = map.queryContext(key))
            {
                context.readLock().lock();
                final MapEntry<LongValue, byte[]> found = context.entry();
                if (found == null)
                {
                    return false;
                }
                view.wrap(MappedValues.addressOf(found.value()), OrderLayout.LENGTH);
                OrderLayout.readConsistent(view, orderId, out);
                return true;
            }
        }
    }
}
