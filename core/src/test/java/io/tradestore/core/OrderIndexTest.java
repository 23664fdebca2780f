package io.tradestore.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderIndex} against a {@link HashMap}, filled to capacity at its highest load factor with the id patterns a
 * store meets: one sequence, several sessions' sequences in the high bits, strides that share low bits, random ids.
 */
class OrderIndexTest
{
    /** 0.65 x 2^16: the table has 2^16 slots, the most a capacity is given at the maximum load factor. */
    private static final int FULL_LOAD_CAPACITY = 42_598;

    @Test
    void agreesWithAHashMapUpToCapacityForEveryIdPattern()
    {
        final SplittableRandom random = new SplittableRandom(11);
        check("sequence", (i) -> i + 1);
        check("sessions", (i) -> ((i % 64) << 32) | (i / 64 + 1));
        check("stride of 8", (i) -> 8 * (i + 1));
        check("stride of 2^20", (i) -> (i + 1) << 20);
        check("descending", (i) -> FULL_LOAD_CAPACITY - i);
        check("random, negative and extreme", (i) ->
            i == 0 ? Long.MIN_VALUE : i == 1 ? Long.MAX_VALUE : i == 2 ? 0 : random.nextLong());
    }

    @Test
    void keepsRunsOfIdsInOneBlockAndSpreadsTheBlocks()
    {
        final OrderIndex index = new OrderIndex(1_000_000);
        for (long id = 1; id <= 100_000; id++)
        {
            index.insert(id, id * 64);
        }
        int sharedWithPrevious = 0;
        for (long id = 5; id <= 100_000; id++)
        {
            if (index.blockOf(id) == index.blockOf(id - 1))
            {
                sharedWithPrevious++;
            }
        }
        // ids 4k..4k+3 share a block: three of every four ids share their predecessor's (all but a few overflows)
        assertTrue(sharedWithPrevious > 0.74 * 100_000, "ids sharing a block with the previous id: " + sharedWithPrevious);
        assertTrue(sharedWithPrevious < 0.76 * 100_000, "runs of more than four ids share a block: " + sharedWithPrevious);
        // the runs' blocks are spread over the whole table: each sixteenth of it holds about a sixteenth of them
        final int blocks = index.slotCount() / 8;
        final int[] perSixteenth = new int[16];
        for (long id = 1; id <= 100_000; id += 4)
        {
            perSixteenth[index.blockOf(id) / (blocks / 16)]++;
        }
        for (int part = 0; part < 16; part++)
        {
            final int runs = perSixteenth[part];
            assertTrue(runs > 0.85 * 25_000 / 16 && runs < 1.15 * 25_000 / 16, "runs in sixteenth " + part + ": " + runs);
        }
    }

    @Test
    void refusesDuplicatesOverCapacityAndTheEmptyMarker()
    {
        final OrderIndex index = new OrderIndex(3);
        index.insert(7, 64);
        assertThrows(IllegalStateException.class, () -> index.insert(7, 128));
        assertThrows(IllegalArgumentException.class, () -> index.insert(8, 0));
        index.insert(8, 128);
        index.insert(-9, 192);
        assertThrows(IllegalStateException.class, () -> index.insert(10, 256));
        assertEquals(3, index.size());
        assertEquals(192, index.get(-9));
        assertEquals(0, index.get(10));
        assertThrows(IllegalArgumentException.class, () -> new OrderIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new OrderIndex(OrderIndex.MAX_CAPACITY + 1));
    }

    private static void check(final String pattern, final LongUnaryOperator idOf)
    {
        final OrderIndex index = new OrderIndex(FULL_LOAD_CAPACITY);
        assertEquals(1 << 16, index.slotCount(), pattern);
        final Map<Long, Long> reference = new HashMap<>();
        final SplittableRandom absent = new SplittableRandom(5);
        for (long i = 0; reference.size() < FULL_LOAD_CAPACITY; i++)
        {
            final long id = idOf.applyAsLong(i);
            if (reference.containsKey(id))
            {
                continue;
            }
            assertEquals(0, index.get(id), pattern);
            final long address = 64 * (i + 1);
            index.insert(id, address);
            reference.put(id, address);
            if ((i & 63) == 0)
            {
                final long other = absent.nextLong();
                assertEquals(reference.getOrDefault(other, 0L), index.get(other), pattern);
            }
        }
        assertEquals(FULL_LOAD_CAPACITY, index.size(), pattern);
        assertThrows(IllegalStateException.class, () -> index.insert(Long.MIN_VALUE + 1, 64), pattern);

        long hitProbes = 0;
        for (final Map.Entry<Long, Long> entry : reference.entrySet())
        {
            assertEquals(entry.getValue(), index.get(entry.getKey()), pattern);
            hitProbes += index.probeLength(entry.getKey());
        }
        long missProbes = 0;
        int misses = 0;
        while (misses < 10_000)
        {
            final long id = absent.nextLong();
            if (!reference.containsKey(id))
            {
                assertEquals(0, index.get(id), pattern);
                missProbes += index.probeLength(id);
                misses++;
            }
        }
        // full load, worst pattern (runs fill whole halves of blocks): found in ~4 slots, absent after ~11 (1.4 blocks)
        final double hitMean = hitProbes / (double)FULL_LOAD_CAPACITY;
        final double missMean = missProbes / (double)misses;
        assertTrue(hitMean < 6, pattern + ": mean slots to find an id " + hitMean);
        assertTrue(missMean < 16, pattern + ": mean slots to find an id absent " + missMean);
    }
}
