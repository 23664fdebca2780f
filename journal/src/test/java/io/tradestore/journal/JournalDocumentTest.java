package io.tradestore.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several entries per Chronicle document (one document per batch, split at
 * {@link JournalDescriptor#MAX_DOCUMENT_LENGTH}): every reader operation must see the entries exactly as if each
 * had its own document, a batch is invisible until {@link JournalWriter#sync()} completes it, and damage inside a
 * document is cut or refused by the document it lies in.
 */
class JournalDocumentTest
{
    private static final long SEED = 20261128;

    @TempDir
    File dir;

    @Test
    void shouldReadEveryEntryWhateverTheBatchingTheSplitsAndThePollLimits()
    {
        final Random random = new Random(SEED);
        final int batches = 400;
        final int[] lengths = new int[batches * 300 + 1];
        final UnsafeBuffer message = new UnsafeBuffer(new byte[JournalDescriptor.MAX_MESSAGE_LENGTH]);
        long sequence = 0;
        long expectedDocuments = 0;
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED))
        {
            for (int batch = 0; batch < batches; batch++)
            {
                // a third of the batches hold one event: the layout of a journal from before batches shared documents
                final int size = random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(300);
                int documentLength = 0;
                for (int i = 0; i < size; i++)
                {
                    sequence++;
                    final int length = random.nextInt(50) == 0 ?
                        20_000 + random.nextInt(JournalDescriptor.MAX_MESSAGE_LENGTH - 20_000 + 1) : random.nextInt(200);
                    lengths[(int)sequence] = length;
                    fill(message, sequence, length);
                    assertEquals(0, writer.append(sequence, timestampNs(sequence), message, 0, length));
                    final int entryLength = JournalDescriptor.HEADER_LENGTH + length;
                    if (documentLength > 0 && documentLength + entryLength > JournalDescriptor.MAX_DOCUMENT_LENGTH)
                    {
                        expectedDocuments++;
                        documentLength = 0;
                    }
                    documentLength += entryLength;
                }
                writer.sync();
                expectedDocuments++;
            }
        }
        final long count = sequence;
        assertTrue(expectedDocuments < count / 20, expectedDocuments + " documents for " + count + " entries");

        try (JournalReader reader = JournalReader.open(dir))
        {
            assertEquals(expectedDocuments, documents(reader.queue()));
            assertEquals(count, reader.lastSequence());
            assertEquals(count, reader.countEntries());

            final long[] seen = { 0 };
            final JournalEntryHandler check = (entrySequence, timestampNs, buffer, offset, length) ->
            {
                assertEquals(++seen[0], entrySequence);
                assertEquals(timestampNs(entrySequence), timestampNs);
                assertEquals(lengths[(int)entrySequence], length);
                assertMessage(entrySequence, buffer, offset, length);
            };
            int polled;
            do
            {
                final int limit = 1 + random.nextInt(50);
                polled = reader.poll(check, limit);
                assertTrue(polled <= limit);
            }
            while (polled > 0);
            assertEquals(count, seen[0]);

            for (int i = 0; i < 300; i++)
            {
                final long target = i == 0 ? 1 : i == 1 ? count : 1 + (long)random.nextInt((int)count);
                assertTrue(reader.seek(target), "seek " + target);
                final long[] next = { target };
                final int read = reader.poll((entrySequence, timestampNs, buffer, offset, length) ->
                {
                    assertEquals(next[0]++, entrySequence);
                    assertMessage(entrySequence, buffer, offset, length);
                }, 3);
                assertEquals(Math.min(3, count - target + 1), read, "after seek " + target);
            }
            assertTrue(reader.seek(count + 1));
            assertEquals(0, reader.poll((entrySequence, timestampNs, buffer, offset, length) -> { }, 10));
            assertFalse(reader.seek(count + 2));

            assertEquals(0, reader.lastSequenceAtOrBefore(timestampNs(1) - 1));
            assertEquals(count, reader.lastSequenceAtOrBefore(Long.MAX_VALUE));
            for (int i = 0; i < 100; i++)
            {
                final long at = timestampNs(1 + random.nextInt((int)count)) + random.nextInt(3) - 1;
                assertEquals(lastAtOrBefore(at, count), reader.lastSequenceAtOrBefore(at), "at " + at);
            }
        }
    }

    @Test
    void shouldShowABatchToReadersOnlyOnceSyncCompletesIt()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        try (SingleChronicleQueue queue = JournalQueue.open(dir, DurabilityMode.ASYNC, false);
            JournalWriter writer = new JournalWriter(queue, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED);
            JournalReader reader = JournalReader.open(dir))
        {
            final JournalEntryHandler ignore = (sequence, timestampNs, buffer, offset, length) -> { };
            for (long sequence = 1; sequence <= 10; sequence++)
            {
                fill(message, sequence, 40);
                assertEquals(0, writer.append(sequence, timestampNs(sequence), message, 0, 40));
            }
            assertEquals(10, writer.lastSequence());
            assertEquals(0, writer.durableSequence());
            assertEquals(0, reader.lastSequence());
            assertEquals(0, reader.poll(ignore, 100));

            writer.sync();
            assertEquals(10, writer.durableSequence());
            assertEquals(10, reader.lastSequence());
            assertEquals(10, reader.poll(ignore, 100));

            for (long sequence = 11; sequence <= 15; sequence++)
            {
                fill(message, sequence, 40);
                assertEquals(0, writer.append(sequence, timestampNs(sequence), message, 0, 40));
            }
            assertEquals(0, reader.poll(ignore, 100));
            assertEquals(10, reader.lastSequence());
            writer.sync();
            assertEquals(5, reader.poll(ignore, 100));
            assertEquals(15, reader.lastSequence());
        }
    }

    @Test
    void shouldCutATornLastBatchAtTheDamagedEntryButRefuseDamageFollowedByAnotherBatch() throws IOException
    {
        final long events = 1_000;
        // TestSupport.ingest journals batches of 64 from sequence 1: the last document holds 961..1000
        final long lastBatchFirst = events - (events - 1) % TestSupport.INGEST_BATCH;
        final File pristine = new File(dir, "pristine");
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(pristine)))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), events);
        }

        try (TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final long middleAt = lastBatchFirst - 10;
            final File middle = copy(pristine, "middle");
            damageMessage(middle, middleAt);
            final JournalCorruptException refused =
                assertThrows(JournalCorruptException.class, () -> StoreEngine.open(TestSupport.config(middle)));
            assertEquals(middleAt, refused.sequence(), refused.getMessage());
            assertFalse(refused.atTail(), refused.getMessage());
            try (StoreEngine engine = StoreEngine.open(TestSupport.config(middle).repair(true)))
            {
                final RecoveryReport report = engine.recoveryReport();
                assertEquals(middleAt - 1, report.lastSequence(), report.toString());
                assertEquals(events - middleAt + 1, report.droppedEntries(), report.toString());
                assertNotNull(report.backupDirectory());
                assertEquals(oracle.digestAt(middleAt - 1), TestSupport.digest(engine));
            }

            final long tornAt = lastBatchFirst + 19;
            final File torn = copy(pristine, "torn");
            damageMessage(torn, tornAt);
            try (StoreEngine engine = StoreEngine.open(TestSupport.config(torn)))
            {
                final RecoveryReport report = engine.recoveryReport();
                assertTrue(report.tornTailTruncated(), report.toString());
                assertEquals(tornAt - 1, report.lastSequence(), report.toString());
                assertEquals(events - tornAt + 1, report.droppedEntries(), report.toString());
                assertEquals(oracle.digestAt(tornAt - 1), TestSupport.digest(engine));
                assertEquals(tornAt, engine.nextSequence());
            }
        }
    }

    private File copy(final File from, final String name) throws IOException
    {
        final File to = new File(dir, name);
        TestSupport.copyTree(from.toPath(), to.toPath());
        new StoreMeta(false, 0, 0, 0).write(new File(to, "store"));
        return to;
    }

    private static void damageMessage(final File data, final long sequence)
    {
        final JournalFiles.Location location = JournalFiles.locate(new File(data, "journal"), sequence);
        final int offset = JournalDescriptor.HEADER_LENGTH + 3;
        JournalFiles.overwrite(location, offset, new byte[]{ (byte)(JournalFiles.readByte(location, offset) ^ 0x10) });
    }

    private static long documents(final SingleChronicleQueue queue)
    {
        long documents = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return documents;
                    }
                    documents++;
                }
            }
        }
    }

    /** Three entries per microsecond step, so equal timestamps occur and the search must find the last of them. */
    private static long timestampNs(final long sequence)
    {
        return 1_700_000_000_000_000_000L + (sequence / 3) * 1_000;
    }

    private static long lastAtOrBefore(final long timestampNs, final long count)
    {
        long last = 0;
        for (long sequence = 1; sequence <= count && timestampNs(sequence) <= timestampNs; sequence++)
        {
            last = sequence;
        }
        return last;
    }

    private static void fill(final UnsafeBuffer message, final long sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            message.putByte(i, (byte)(sequence * 31 + i));
        }
    }

    private static void assertMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != (byte)(sequence * 31 + i))
            {
                throw new AssertionError("entry " + sequence + " differs at byte " + i);
            }
        }
    }
}
