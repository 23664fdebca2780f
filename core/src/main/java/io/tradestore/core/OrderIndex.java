package io.tradestore.core;

import org.agrona.BitUtil;

/**
 * The apply thread's map from order id to the address of the order's value in the mapped store: open addressing
 * over one {@code long[]} of (order id, address) pairs, sized once for the store's capacity at a load factor of at
 * most 0.65, so it never resizes and never allocates after construction. No removal: orders are never deleted. A
 * slot is empty while its address is 0.
 * <p>
 * The table is cut into blocks of eight adjacent slots (128 bytes). Runs of four ids (ids that differ only in their
 * lowest two bits) share a home block, chosen by a mixing hash of the remaining bits, and each id prefers the slot
 * its lowest three bits name, so a block holds two runs. Order ids are mostly handed out in sequence, so new orders
 * fill a block four at a time: one cache and TLB miss per four inserts instead of one per insert, which at 10M
 * orders (a 256 MB table) is most of what an insert into the index costs. Ids that do not come in runs (every
 * eighth id, random ids) spread as evenly as with any mixing hash: the blocks are still chosen at random.
 * <p>
 * An id goes into the first free slot of its home block, looking from its preferred slot round the block; when the
 * block is full, into the next block of a triangular probe sequence (home, +1, +3, +6, ...), which reaches every
 * block of a power-of-two table and, unlike linear probing, does not merge full blocks into the long runs that runs
 * of ids would otherwise build (runs of eight per block made full-load lookups of absent ids twice as long). Slots
 * are never freed, so a lookup that meets an empty slot on that path knows the id is absent.
 */
final class OrderIndex
{
    /** Largest order capacity the index can be sized for: its slots must fit one Java array. */
    static final long MAX_CAPACITY = 1L << 28;

    private static final double MAX_LOAD_FACTOR = 0.65;
    private static final int GROUP_SHIFT = 2;
    private static final int BLOCK_SHIFT = 3;
    private static final int BLOCK_SLOTS = 1 << BLOCK_SHIFT;
    private static final int IN_BLOCK_MASK = BLOCK_SLOTS - 1;
    private static final int SLOT_LONGS = 2;
    private static final int ID = 0;
    private static final int ADDRESS = 1;

    private final long[] slots;
    private final int blockMask;
    private final long capacity;
    private long size;

    /**
     * @param capacity orders the index must hold, 1..{@link #MAX_CAPACITY}.
     */
    OrderIndex(final long capacity)
    {
        if (capacity < 1 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("order index capacity must be in 1.." + MAX_CAPACITY + ": " + capacity);
        }
        final int slotCount = BitUtil.findNextPositivePowerOfTwo(
            (int)Math.max(2 * BLOCK_SLOTS, Math.ceil(capacity / MAX_LOAD_FACTOR)));
        this.slots = new long[slotCount * SLOT_LONGS];
        this.blockMask = (slotCount >> BLOCK_SHIFT) - 1;
        this.capacity = capacity;
    }

    /**
     * @param orderId order id.
     * @return the address, or 0 when the id is absent.
     */
    long get(final long orderId)
    {
        final int at = find(orderId);
        return slots[at + ADDRESS];
    }

    /**
     * Insert an id that is absent.
     *
     * @param orderId order id.
     * @param address non-zero address of the value.
     * @throws IllegalStateException when the id is present already or the index is at capacity.
     */
    void insert(final long orderId, final long address)
    {
        if (address == 0)
        {
            throw new IllegalArgumentException("address 0 marks an empty slot");
        }
        if (size >= capacity)
        {
            throw new IllegalStateException("order index is full at " + capacity);
        }
        final long[] slots = this.slots;
        final int at = find(orderId);
        if (slots[at + ADDRESS] != 0)
        {
            throw new IllegalStateException("order " + orderId + " is in the index already");
        }
        slots[at + ID] = orderId;
        slots[at + ADDRESS] = address;
        size++;
    }

    /** @return ids held. */
    long size()
    {
        return size;
    }

    /** @return slots in the table, a power of two. */
    int slotCount()
    {
        return (blockMask + 1) << BLOCK_SHIFT;
    }

    /**
     * Slots a lookup of the id looks at (1 when it sits in its preferred slot), whether it finds the id or the empty
     * slot that says it is absent; derived from where the search ends, for tests that check how the table clusters.
     *
     * @param orderId order id.
     * @return slots looked at.
     */
    int probeLength(final long orderId)
    {
        final int endBlock = blockOf(orderId);
        final int preferred = (int)orderId & IN_BLOCK_MASK;
        final int inBlock = (find(orderId) / SLOT_LONGS - preferred) & IN_BLOCK_MASK;
        int block = homeBlock(orderId);
        int fullBlocks = 0;
        for (int step = 1; block != endBlock; step++)
        {
            block = (block + step) & blockMask;
            fullBlocks++;
        }
        return fullBlocks * BLOCK_SLOTS + inBlock + 1;
    }

    /**
     * @param orderId order id.
     * @return the block that holds the id, or where it would go; for tests of the layout.
     */
    int blockOf(final long orderId)
    {
        return find(orderId) / (SLOT_LONGS * BLOCK_SLOTS);
    }

    /**
     * @return the array index of the id's slot, or of the empty slot where it would go.
     */
    private int find(final long orderId)
    {
        final long[] slots = this.slots;
        final int preferred = (int)orderId & IN_BLOCK_MASK;
        int block = homeBlock(orderId);
        // terminates: the table is never full (load at most 0.65) and the triangular sequence visits every block
        for (int step = 1; ; step++)
        {
            final int base = block << BLOCK_SHIFT;
            for (int i = 0; i < BLOCK_SLOTS; i++)
            {
                final int at = (base + ((preferred + i) & IN_BLOCK_MASK)) * SLOT_LONGS;
                if (slots[at + ADDRESS] == 0 || slots[at + ID] == orderId)
                {
                    return at;
                }
            }
            block = (block + step) & blockMask;
        }
    }

    private int homeBlock(final long orderId)
    {
        long h = (orderId >> GROUP_SHIFT) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 32;
        return (int)h & blockMask;
    }
}
