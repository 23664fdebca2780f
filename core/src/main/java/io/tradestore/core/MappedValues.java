package io.tradestore.core;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the order and position stores share about their Chronicle Map of fixed-size values: the native buffer a new
 * value is staged in before Chronicle copies it into the map, the closed flag that guards the addresses the apply
 * thread caches into the mapping, and how an entry's address is found.
 */
final class MappedValues
{
    private final String description;
    private final BytesStore<?, Void> insertStore;
    private final UnsafeBuffer insertBuffer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param description names the store in errors, e.g. "order store /data/store/orders-v2.cmap".
     * @param length      of one value.
     */
    MappedValues(final String description, final int length)
    {
        this.description = description;
        this.insertStore = BytesStore.nativeStoreWithFixedCapacity(length);
        this.insertBuffer = new UnsafeBuffer(insertStore.addressForWrite(0), length);
    }

    /** @return the native staging area of a value to insert, for Chronicle's {@code wrapValueBytesAsData}. */
    BytesStore<?, Void> insertStore()
    {
        return insertStore;
    }

    /** @return the staging area as an Agrona buffer, to lay the value out in. */
    UnsafeBuffer insertBuffer()
    {
        return insertBuffer;
    }

    /**
     * Mark closed, then close the map and release the staging area; once only, whichever thread calls first.
     *
     * @param map the store's map.
     */
    void close(final ChronicleMap<?, ?> map)
    {
        if (!closed.compareAndSet(false, true))
        {
            return;
        }
        try
        {
            map.close();
        }
        finally
        {
            insertStore.releaseLast();
        }
    }

    /** @return true once {@link #close} has been called. */
    boolean isClosed()
    {
        return closed.get();
    }

    /** @throws IllegalStateException once closed. */
    void ensureOpen()
    {
        if (closed.get())
        {
            // the index holds addresses into the unmapped file: reading one would crash the JVM, not throw
            throw new IllegalStateException(description + " is closed");
        }
    }

    /**
     * @param value of a Chronicle Map entry of a persisted map.
     * @return the address of its first byte in the mapping.
     * @throws IllegalStateException when the address is not 4-byte aligned (a key size change could do that).
     */
    static long addressOf(final Data<?> value)
    {
        final long address = value.bytes().addressForRead(value.offset());
        if ((address & 3) != 0)
        {
            // the seqlock's int32 version must not straddle a cache line; Chronicle places these values at 4 or 8
            throw new IllegalStateException("Chronicle Map value at " + address + " is not 4-byte aligned");
        }
        return address;
    }
}
