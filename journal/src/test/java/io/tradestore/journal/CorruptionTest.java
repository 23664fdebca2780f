package io.tradestore.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Torn tails at many offsets of the last entry (our bytes after Chronicle's committed header; a header that
 * never committed is Chronicle's own torn write, covered by the SIGKILL crash test) are cut back to the last complete, CRC-valid entry; a flipped byte in the middle
 * refuses to open, naming the sequence, and repair keeps the valid prefix.
 */
class CorruptionTest
{
    private static final long SEED = 4242;
    private static final long EVENTS = 2_000;

    @TempDir
    File dir;

    @Test
    void shouldRecoverOnlyCompleteEntriesWhateverTheDamageToTheLastOne() throws IOException
    {
        final File pristine = new File(dir, "pristine");
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(pristine)))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), EVENTS);
        }
        final JournalFiles.Location last = JournalFiles.locate(new File(pristine, "journal"), EVENTS);
        final long expectedDigest;
        final long fullDigest;
        try (TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            expectedDigest = oracle.digestAt(EVENTS - 1);
            fullDigest = oracle.digestAt(EVENTS);
        }

        final Random random = new Random(SEED);
        int cases = 0;
        final int[] offsets = { 0, 5, 8, 15, 16, 19, 20, 23, 24, 31, 45, 62 };
        for (final int offset : offsets)
        {
            for (final String damage : new String[]{ "zeroed", "garbage", "truncated" })
            {
                final File data = new File(dir, "case-" + cases++);
                TestSupport.copyTree(pristine.toPath(), data.toPath());
                new StoreMeta(false, EVENTS, 0, 0).write(new File(data, "store"));
                final JournalFiles.Location location = JournalFiles.locate(new File(data, "journal"), EVENTS);
                final byte[] bytes;
                switch (damage)
                {
                    case "zeroed":
                        bytes = new byte[1];
                        break;
                    case "garbage":
                        bytes = new byte[1];
                        bytes[0] = (byte)(JournalFiles.readByte(location, offset) ^ (1 + random.nextInt(255)));
                        break;
                    default:
                        bytes = new byte[entryLength(location) - offset];
                        break;
                }
                final boolean unchanged = bytes.length == 1 && bytes[0] == JournalFiles.readByte(location, offset);
                JournalFiles.overwrite(location, offset, bytes);

                try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
                {
                    final RecoveryReport report = engine.recoveryReport();
                    final String context = damage + " at offset " + offset + ": " + report;
                    final long expectedLast = unchanged ? EVENTS : EVENTS - 1;
                    assertEquals(expectedLast, report.lastSequence(), context);
                    assertEquals(expectedLast == EVENTS ? fullDigest : expectedDigest, TestSupport.digest(engine),
                        context);
                    assertEquals(expectedLast + 1, engine.nextSequence(), context);
                    if (!unchanged)
                    {
                        assertTrue(report.tornTailTruncated(), context);
                        assertNotNull(report.backupDirectory(), context);
                    }
                    assertEquals(expectedLast + 51,
                        TestSupport.ingest(engine, new EventGenerator(SEED), expectedLast + 51), context);
                }
                try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
                {
                    assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
                }
                FileSupport.deleteTree(data);
            }
        }
        assertTrue(cases >= 36);
        assertEquals(EVENTS, last.offset > 0 ? EVENTS : 0);
    }

    @Test
    void shouldRefuseAFlippedByteInTheMiddleAndRepairWhenAsked() throws IOException
    {
        final File data = new File(dir, "data");
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), EVENTS);
        }
        final long victim = EVENTS / 2;
        final JournalFiles.Location location = JournalFiles.locate(new File(data, "journal"), victim);
        final int offset = JournalDescriptor.HEADER_LENGTH + 10;
        JournalFiles.overwrite(location, offset, new byte[]{ (byte)(JournalFiles.readByte(location, offset) ^ 0x40) });
        new StoreMeta(false, EVENTS, 0, 0).write(new File(data, "store"));

        final JournalCorruptException refused =
            assertThrows(JournalCorruptException.class, () -> StoreEngine.open(TestSupport.config(data)));
        assertEquals(victim, refused.sequence());
        assertTrue(refused.getMessage().contains("sequence " + victim), refused.getMessage());
        assertTrue(refused.getMessage().contains("repair"), refused.getMessage());

        assertThrows(JournalCorruptException.class, () -> StoreEngine.open(TestSupport.config(data)));
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data).repair(true));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(victim - 1, report.lastSequence(), report.toString());
            assertEquals(EVENTS - victim + 1, report.droppedEntries(), report.toString());
            assertNotNull(report.backupDirectory());
            assertTrue(report.backupDirectory().isDirectory());
            assertTrue(report.toString().contains("corruption at sequence " + victim), report.toString());
            assertEquals(oracle.digestAt(victim - 1), TestSupport.digest(engine));
            assertEquals(victim, engine.nextSequence());
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
            assertEquals(victim, engine.nextSequence());
        }
    }

    @Test
    void shouldRefuseASequenceGap() throws IOException
    {
        final File data = new File(dir, "data");
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), 100);
        }
        final File journal = new File(data, "journal");
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue =
            JournalQueue.open(journal, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 101, DiskSpaceMonitor.UNCHECKED))
        {
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
            final EventGenerator generator = new EventGenerator(SEED);
            for (long sequence = 102; sequence <= 110; sequence++)
            {
                writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0,
                    generator.encode(sequence, buffer, 0));
            }
        }
        new StoreMeta(false, 110, 0, 0).write(new File(data, "store"));
        final JournalCorruptException refused =
            assertThrows(JournalCorruptException.class, () -> StoreEngine.open(TestSupport.config(data)));
        assertEquals(101, refused.sequence(), refused.getMessage());
        assertTrue(refused.getMessage().contains("gap"), refused.getMessage());
    }

    private static int entryLength(final JournalFiles.Location location)
    {
        int length = 0;
        for (int i = 0; i < 4; i++)
        {
            length |= (JournalFiles.readByte(location, JournalDescriptor.LENGTH_OFFSET + i) & 0xFF) << (8 * i);
        }
        return JournalDescriptor.HEADER_LENGTH + length;
    }
}
