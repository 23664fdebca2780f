package io.tradestore.pipeline;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.RingBuffer;
import org.agrona.BitUtil;
import org.junit.jupiter.api.Test;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ring's slots share one off-heap block: every slot its own aligned slice, in ring order. */
class RingSlotTest
{
    @Test
    void everySlotOfARingGetsItsOwnAlignedSliceInRingOrder()
    {
        final int ringSize = 64;
        final RingBuffer<RingSlot> ring = RingBuffer.createSingleProducer(RingSlot.factory(ringSize), ringSize);
        final long base = ring.get(0).buffer.addressOffset();
        assertEquals(0, base % BitUtil.CACHE_LINE_LENGTH, "the block starts on a cache line");
        for (int i = 0; i < ringSize; i++)
        {
            final RingSlot slot = ring.get(i);
            assertEquals(RingSlot.MAX_MESSAGE_LENGTH, slot.buffer.capacity());
            assertEquals(base + (long)i * RingSlot.MAX_MESSAGE_LENGTH, slot.buffer.addressOffset(), "slot " + i);
            slot.buffer.setMemory(0, RingSlot.MAX_MESSAGE_LENGTH, (byte)i);
        }
        for (int i = 0; i < ringSize; i++)
        {
            final RingSlot slot = ring.get(i);
            assertEquals((byte)i, slot.buffer.getByte(0), "first byte of slot " + i);
            assertEquals((byte)i, slot.buffer.getByte(RingSlot.MAX_MESSAGE_LENGTH - 1), "last byte of slot " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(0).buffer.getByte(RingSlot.MAX_MESSAGE_LENGTH));
    }

    @Test
    void aFactoryAskedForMoreSlotsThanTheRingHoldsWrapsRoundRatherThanRunningOffTheBlock()
    {
        final EventFactory<RingSlot> factory = RingSlot.factory(2);
        final RingSlot first = factory.newInstance();
        final RingSlot second = factory.newInstance();
        final RingSlot third = factory.newInstance();
        assertEquals(first.buffer.addressOffset() + RingSlot.MAX_MESSAGE_LENGTH, second.buffer.addressOffset());
        assertEquals(first.buffer.addressOffset(), third.buffer.addressOffset());
    }

    @Test
    void acceptsPowersOfTwoUpToTheLargestRingAndRefusesTheRest()
    {
        final File directory = new File("unused");
        for (final int ringSize : new int[]{2, TradeStoreConfig.DEFAULT_RING_SIZE, TradeStoreConfig.MAX_RING_SIZE})
        {
            // the disk reserve must cover twice what the ring can hold in flight (more than the default at the largest)
            final long reserve = 2L * ringSize * TradeStoreConfig.MAX_JOURNAL_ENTRY_LENGTH;
            assertEquals(ringSize, new TradeStoreConfig().dataDirectory(directory).ringSize(ringSize)
                .minFreeDiskBytes(Math.max(TradeStoreConfig.DEFAULT_MIN_FREE_DISK_BYTES, reserve)).conclude().ringSize());
        }
        for (final int ringSize : new int[]{0, 1, 3, 1000, TradeStoreConfig.MAX_RING_SIZE * 2})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new TradeStoreConfig().dataDirectory(directory).ringSize(ringSize).conclude());
            assertTrue(ex.getMessage().contains("ringSize"), ex.getMessage());
        }
    }
}
