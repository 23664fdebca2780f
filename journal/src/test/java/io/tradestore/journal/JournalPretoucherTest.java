package io.tradestore.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pretoucher races the writer through its own mapping of the cycle file, across rolls, and must never change a
 * byte of the journal; it must get ahead of the writer, and must touch nothing while the disk monitor refuses ingress.
 */
class JournalPretoucherTest
{
    private static final long SEED = 77;
    private static final int ENTRIES = 300_000;
    private static final int ENTRIES_PER_CYCLE = 100_000;
    private static final long ROLL_MS = TimeUnit.MINUTES.toMillis(5);

    @TempDir
    File dir;

    private long clockMs = 1_700_000_000_000L;

    @Test
    void shouldTouchAheadOfTheWriterAcrossRollsWithoutChangingTheJournal() throws InterruptedException
    {
        final EventGenerator generator = new EventGenerator(SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final Set<File> filesTouched = new HashSet<>();
        try (SingleChronicleQueue queue = queue();
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED);
            JournalPretoucher pretoucher = JournalPretoucher.start(writer, DiskSpaceMonitor.UNCHECKED))
        {
            for (long sequence = 1; sequence <= ENTRIES; sequence++)
            {
                assertEquals(0, writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0,
                    generator.encode(sequence, buffer, 0)));
                if ((sequence & 63) == 0)
                {
                    writer.sync();
                }
                if (sequence % ENTRIES_PER_CYCLE == 0)
                {
                    writer.sync();
                    awaitAhead(writer, pretoucher);
                    assertUnwrittenBytesStillZero(writer.currentFile(), writer.writePosition(), pretoucher.touchedUpTo());
                    filesTouched.add(pretoucher.file());
                    clockMs += ROLL_MS;
                }
            }
            assertNull(pretoucher.error());
            assertEquals(ENTRIES / ENTRIES_PER_CYCLE, filesTouched.size(), "one cycle file per roll, each touched");
            assertTrue(pretoucher.pagesTouched() >= 3 * JournalPretoucher.MIN_AHEAD_BYTES / 4096,
                "pages touched: " + pretoucher.pagesTouched());
        }

        final EventGenerator expected = new EventGenerator(SEED);
        final UnsafeBuffer expectedBuffer = new UnsafeBuffer(new byte[256]);
        final long[] next = { 1 };
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalEntryHandler check = (sequence, timestampNs, entryBuffer, offset, length) ->
            {
                assertEquals(next[0], sequence);
                assertEquals(EventGenerator.timestampNs(sequence), timestampNs);
                final int expectedLength = expected.encode(sequence, expectedBuffer, 0);
                assertEquals(expectedLength, length, "length of " + sequence);
                for (int i = 0; i < length; i++)
                {
                    if (expectedBuffer.getByte(i) != entryBuffer.getByte(offset + i))
                    {
                        throw new AssertionError("byte " + i + " of sequence " + sequence + " differs");
                    }
                }
                next[0]++;
            };
            while (reader.poll(check, 10_000) > 0)
            {
                // every entry read back, CRC verified by the reader
            }
        }
        assertEquals(ENTRIES + 1, next[0], "entries read back");
    }

    @Test
    void shouldTouchOnlyALittleAheadOfAQuietWriterSoACycleFileLeavesLittleAllocatedPastItsEnd()
        throws InterruptedException
    {
        final EventGenerator generator = new EventGenerator(SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        try (SingleChronicleQueue queue = queue();
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED);
            JournalPretoucher pretoucher = JournalPretoucher.start(writer, DiskSpaceMonitor.UNCHECKED))
        {
            // ~100 events per second, each batch synced, for 1.5 s
            for (long sequence = 1; sequence <= 150; sequence++)
            {
                writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0,
                    generator.encode(sequence, buffer, 0));
                writer.sync();
                Thread.sleep(10);
            }
            awaitAhead(writer, pretoucher);
            final long ahead = pretoucher.touchedUpTo() - writer.writePosition();
            assertTrue(ahead <= JournalPretoucher.MIN_AHEAD_BYTES + 4096,
                "touched " + ahead + " bytes ahead of a writer doing ~10 KiB/s");
            assertNull(pretoucher.error());
        }
    }

    @Test
    void shouldTouchNothingWhileTheDiskMonitorRefusesIngress() throws InterruptedException
    {
        final DiskSpaceMonitor full = new DiskSpaceMonitor(() -> 0L, 1L << 30);
        full.check();
        assertTrue(full.refuseIngress());
        final EventGenerator generator = new EventGenerator(SEED);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        try (SingleChronicleQueue queue = queue();
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED);
            JournalPretoucher pretoucher = JournalPretoucher.start(writer, full))
        {
            for (long sequence = 1; sequence <= 1_000; sequence++)
            {
                writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0,
                    generator.encode(sequence, buffer, 0));
            }
            writer.sync();
            assertNotNull(writer.currentFile());
            Thread.sleep(100);
            assertEquals(0, pretoucher.pagesTouched());
            assertNull(pretoucher.error());
        }
    }

    @Test
    void shouldRunOnlyWhenTheReserveLeavesRoomForWhatItTouches()
    {
        assertTrue(JournalPretoucher.enabledFor(new JournalConfig()), "the default 256 MiB reserve");
        assertFalse(JournalPretoucher.enabledFor(new JournalConfig().minFreeDiskBytes(0)));
        assertFalse(JournalPretoucher.enabledFor(new JournalConfig()
            .minFreeDiskBytes(JournalPretoucher.MIN_RESERVE_FACTOR * JournalPretoucher.AHEAD_BYTES - 1)));

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(new File(dir, "with-reserve"))
            .minFreeDiskBytes(JournalConfig.DEFAULT_MIN_FREE_DISK_BYTES)))
        {
            assertNotNull(engine.pretoucher());
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(new File(dir, "without")).minFreeDiskBytes(0)))
        {
            assertNull(engine.pretoucher());
        }
    }

    private SingleChronicleQueue queue()
    {
        return SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FIVE_MINUTELY)
            .timeoutMS(JournalQueue.WRITER_TIMEOUT_MS)
            .timeProvider(() -> clockMs)
            .build();
    }

    /** The pages touched ahead of the writer read back as zeros: touching changed nothing the writer will find. */
    private static void assertUnwrittenBytesStillZero(final File file, final long from, final long to)
    {
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            final ByteBuffer bytes = ByteBuffer.allocate((int)(to - from));
            while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) > 0)
            {
                // read the whole touched range
            }
            for (int i = 0; i < bytes.position(); i++)
            {
                if (bytes.get(i) != 0)
                {
                    throw new AssertionError("byte at " + (from + i) + " of " + file + " is " + bytes.get(i));
                }
            }
            assertTrue(bytes.position() > 4096, "range checked: " + bytes.position());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void awaitAhead(final JournalWriter writer, final JournalPretoucher pretoucher)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(writer.currentFile().equals(pretoucher.file()) && pretoucher.touchedUpTo() > writer.writePosition()) &&
            System.nanoTime() < deadlineNs)
        {
            Thread.sleep(1);
        }
        assertEquals(writer.currentFile(), pretoucher.file());
        assertTrue(pretoucher.touchedUpTo() > writer.writePosition(), "pretoucher ahead of the writer: " +
            pretoucher.touchedUpTo() + " vs " + writer.writePosition());
    }
}
