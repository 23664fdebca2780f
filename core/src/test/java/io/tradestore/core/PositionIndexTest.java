package io.tradestore.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link PositionIndex} against a {@link HashMap} over seeded random keys, full to capacity. */
class PositionIndexTest
{
    @Test
    void agreesWithAHashMapUpToCapacityIncludingKeysThatShareAnAccountOrAnInstrument()
    {
        final int capacity = 20_000;
        final PositionIndex index = new PositionIndex(capacity);
        final Map<String, Long> reference = new HashMap<>();
        final SplittableRandom random = new SplittableRandom(7);
        long address = 64;
        while (reference.size() < capacity)
        {
            // few accounts and instruments, some huge or negative ids: many keys share a half, hashes collide
            final long accountId = random.nextInt(4) == 0 ? random.nextLong() : 1 + random.nextInt(300);
            final int instrumentId = random.nextInt(4) == 0 ? random.nextInt() : 1 + random.nextInt(100);
            final String key = accountId + "/" + instrumentId;
            if (reference.containsKey(key))
            {
                final long expected = reference.get(key);
                assertEquals(expected, index.get(accountId, instrumentId), key);
                assertThrows(IllegalStateException.class, () -> index.insert(accountId, instrumentId, expected));
                continue;
            }
            assertEquals(0, index.get(accountId, instrumentId), key);
            address += 64;
            index.insert(accountId, instrumentId, address);
            reference.put(key, address);
            assertEquals(address, index.get(accountId, instrumentId), key);
        }
        assertEquals(capacity, index.size());
        for (final Map.Entry<String, Long> entry : reference.entrySet())
        {
            final String[] parts = entry.getKey().split("/");
            assertEquals(entry.getValue(), index.get(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
        }
        assertThrows(IllegalStateException.class, () -> index.insert(Long.MIN_VALUE, 0, 1));
        assertEquals(0, index.get(Long.MIN_VALUE, 0));
    }

    @Test
    void refusesCapacitiesItCannotHoldAndTheEmptyMarker()
    {
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(PositionIndex.MAX_CAPACITY + 1));
        assertThrows(IllegalArgumentException.class, () -> new PositionIndex(4).insert(1, 1, 0));
    }
}
