package io.tradestore.journal;

import io.tradestore.core.sbe.RejectReason;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRoundTripTest
{
    @TempDir
    File dir;

    @Test
    void shouldReadBackEveryEntryExactlyAsWritten()
    {
        final EventGenerator generator = new EventGenerator(7);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[256]);
        final int count = 20_000;
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED))
        {
            for (long sequence = 1; sequence <= count; sequence++)
            {
                final int length = generator.encode(sequence, buffer, 8);
                assertEquals(0, writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 8, length));
            }
            assertEquals(count, writer.lastSequence());
            assertTrue(writer.bytesWritten() > count * (long)JournalDescriptor.HEADER_LENGTH);
        }

        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(count, reader.lastSequence());
            final AtomicLong seen = new AtomicLong();
            final JournalEntryHandler check = (sequence, timestampNs, entry, offset, length) ->
            {
                assertEquals(seen.incrementAndGet(), sequence);
                assertEquals(EventGenerator.timestampNs(sequence), timestampNs);
                final int expectedLength = generator.encode(sequence, expected, 0);
                assertEquals(expectedLength, length);
                assertEquals(0, compare(expected, entry, offset, length), "first differing byte at " + sequence);
            };
            int polled;
            do
            {
                polled = reader.poll(check, 1000);
            }
            while (polled > 0);
            assertEquals(count, seen.get());

            assertTrue(reader.seek(12_345));
            final AtomicLong first = new AtomicLong();
            reader.poll((sequence, timestampNs, entry, offset, length) -> first.set(sequence), 1);
            assertEquals(12_345, first.get());
            assertTrue(reader.seek(count + 1));
            assertEquals(0, reader.poll((sequence, timestampNs, entry, offset, length) -> first.set(-1), 10));
            assertFalse(reader.seek(count + 2));
        }
    }

    @Test
    void shouldRejectNonContiguousSequence()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED))
        {
            assertEquals(0, writer.append(1, 1, buffer, 0, 16));
            assertThrows(IllegalStateException.class, () -> writer.append(3, 1, buffer, 0, 16));
            assertThrows(IllegalStateException.class, () -> writer.append(1, 1, buffer, 0, 16));
            assertEquals(0, writer.append(2, 1, buffer, 0, 16));
        }
    }

    @Test
    void shouldRefuseWithDiskFullBelowTheFloorAndResumeWhenSpaceReturns()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final AtomicLong free = new AtomicLong(1_000_000);
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0,
                new DiskSpaceMonitor(free::get, 1_000_000)))
        {
            assertEquals(0, writer.append(1, 1, buffer, 0, 16));
            free.set(100);
            long sequence = 2;
            int result = 0;
            for (int i = 0; i < 10_000 && result == 0; i++)
            {
                result = writer.append(sequence, 1, buffer, 0, 40);
                if (result == 0)
                {
                    sequence++;
                }
            }
            assertEquals(RejectReason.DISK_FULL.value(), result);
            assertTrue(writer.isDiskFull());
            final long lastAccepted = writer.lastSequence();
            assertEquals(sequence - 1, lastAccepted);
            assertEquals(RejectReason.DISK_FULL.value(), writer.append(sequence, 1, buffer, 0, 40));
            free.set(1_000_000);
            assertEquals(0, writer.append(sequence, 1, buffer, 0, 40));
            assertFalse(writer.isDiskFull());
        }
    }

    @Test
    void shouldAppendAndSyncInSyncMode()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.SYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.SYNC, 0, DiskSpaceMonitor.UNCHECKED))
        {
            for (long sequence = 1; sequence <= 100; sequence++)
            {
                assertEquals(0, writer.append(sequence, 1, buffer, 0, 16));
                if (sequence % 10 == 0)
                {
                    writer.sync();
                    assertEquals(sequence, writer.durableSequence());
                }
            }
        }
    }

    private static int compare(final UnsafeBuffer expected, final DirectBuffer entry, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (expected.getByte(i) != entry.getByte(offset + i))
            {
                return i + 1;
            }
        }
        return 0;
    }
}
