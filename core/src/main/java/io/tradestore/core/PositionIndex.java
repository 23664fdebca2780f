package io.tradestore.core;

import org.agrona.BitUtil;

/**
 * The apply thread's map from (account, instrument) to the address of the position's value in the mapped store:
 * open addressing with linear probing over one {@code long[]} of (account, instrument, address) triples, so a probe
 * touches one cache line rather than one per field, sized once for the store's capacity at a load factor of at most
 * one half, so it never resizes and never allocates after construction. No removal:
 * positions are never deleted. Agrona has no map with a (long, int) key; this is the one hand-written table.
 */
final class PositionIndex
{
    /** Largest position capacity the index can be sized for (2^28: twice that many slots of three longs fit an array). */
    static final long MAX_CAPACITY = 1L << 28;

    private static final int SLOT_LONGS = 3;
    private static final int ACCOUNT = 0;
    private static final int INSTRUMENT = 1;
    private static final int ADDRESS = 2;

    private final long[] slots;
    private final int mask;
    private final long capacity;
    private long size;

    /**
     * @param capacity positions the index must hold, 1..{@link #MAX_CAPACITY}.
     */
    PositionIndex(final long capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("position index capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        final int slotCount = BitUtil.findNextPositivePowerOfTwo((int)Math.max(16, capacity * 2));
        this.slots = new long[slotCount * SLOT_LONGS];
        this.mask = slotCount - 1;
        this.capacity = capacity;
    }

    /**
     * @param accountId    account.
     * @param instrumentId instrument.
     * @return the address, or 0 when the key is absent.
     */
    long get(final long accountId, final int instrumentId)
    {
        final long[] slots = this.slots;
        int slot = slot(accountId, instrumentId);
        long address;
        while ((address = slots[slot * SLOT_LONGS + ADDRESS]) != 0)
        {
            final int at = slot * SLOT_LONGS;
            if (slots[at + ACCOUNT] == accountId && slots[at + INSTRUMENT] == instrumentId)
            {
                return address;
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /**
     * Insert a key that is absent.
     *
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param address      non-zero address of the value.
     * @throws IllegalStateException when the key is present already or the index is at capacity.
     */
    void insert(final long accountId, final int instrumentId, final long address)
    {
        if (address == 0)
        {
            throw new IllegalArgumentException("address 0 marks an empty slot");
        }
        if (size >= capacity)
        {
            throw new IllegalStateException("position index is full at " + capacity);
        }
        final long[] slots = this.slots;
        int slot = slot(accountId, instrumentId);
        while (slots[slot * SLOT_LONGS + ADDRESS] != 0)
        {
            final int at = slot * SLOT_LONGS;
            if (slots[at + ACCOUNT] == accountId && slots[at + INSTRUMENT] == instrumentId)
            {
                throw new IllegalStateException(
                    "position (" + accountId + ", " + instrumentId + ") is in the index already");
            }
            slot = (slot + 1) & mask;
        }
        final int at = slot * SLOT_LONGS;
        slots[at + ACCOUNT] = accountId;
        slots[at + INSTRUMENT] = instrumentId;
        slots[at + ADDRESS] = address;
        size++;
    }

    /** @return keys held. */
    long size()
    {
        return size;
    }

    private int slot(final long accountId, final int instrumentId)
    {
        long h = accountId * 0x9E37_79B9_7F4A_7C15L + instrumentId;
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 32;
        return (int)h & mask;
    }
}
