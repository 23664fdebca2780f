package io.tradestore.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An exception inside {@link JournalWriter#append} (here the free-space measurement, injected) fails the writer:
 * the open document, with the entries appended to it, is rolled back, the durable sequence stays at the last
 * completed document, every later call is refused, and closing completes nothing. The journal
 * then reopens at that sequence, with the oracle's state, and numbering continues from it.
 */
class JournalWriterFailureTest
{
    private static final long SYNCED = 1_000;

    @TempDir
    File data;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private volatile boolean failInAppend;

    @ParameterizedTest
    @EnumSource(DurabilityMode.class)
    void shouldRollBackTheOpenDocumentAndRefuseEverythingAfterAFailedAppend(final DurabilityMode durability)
        throws Exception
    {
        final EventGenerator generator = new EventGenerator(11);
        final long failedSequence;
        final long durable;
        try (StoreEngine engine = StoreEngine.open(config(durability)))
        {
            final JournalWriter writer = engine.writer();
            assertEquals(SYNCED, TestSupport.ingest(engine, generator, SYNCED));
            // a measurement here restarts the byte count: the next one cannot fall on the document's first append
            TimeUnit.NANOSECONDS.sleep(DiskSpaceMonitor.RECHECK_INTERVAL_NS + 10_000_000);
            writer.sync();

            failInAppend = true;
            long sequence = SYNCED;
            RuntimeException failure = null;
            while (null == failure && sequence < SYNCED + 10_000)
            {
                sequence++;
                final int length = generator.encode(sequence, buffer, 0);
                try
                {
                    assertEquals(0, writer.append(sequence, EventGenerator.timestampNs(sequence), buffer, 0, length));
                }
                catch (final UncheckedIOException ex)
                {
                    failure = ex;
                }
            }
            assertNotNull(failure, "the measurement runs every " + JournalWriter.FREE_SPACE_CHECK_INTERVAL_BYTES +
                " bytes of journal");
            failedSequence = sequence;
            durable = writer.durableSequence();
            assertTrue(writer.isFailed());
            assertTrue(durable >= SYNCED && durable < failedSequence - 1,
                "the open document held entries " + (durable + 1) + ".." + (failedSequence - 1) +
                " and never counted as journaled");
            final int length = generator.encode(failedSequence, buffer, 0);
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> writer.append(failedSequence, EventGenerator.timestampNs(failedSequence), buffer, 0, length));
            assertTrue(refused.getMessage().contains("failed earlier"), refused.getMessage());
            assertThrows(IllegalStateException.class, writer::sync, "a failed writer completes nothing");
            assertFalse(writer.touchAhead());
            assertEquals(durable, writer.durableSequence());
            failInAppend = false;
        }

        try (StoreEngine engine = StoreEngine.open(config(durability));
            TestSupport.Oracle oracle = new TestSupport.Oracle(11))
        {
            assertEquals(durable + 1, engine.nextSequence(), "the rolled-back entries are not in the journal");
            assertEquals(oracle.digestAt(durable), TestSupport.digest(engine));

            final EventGenerator again = new EventGenerator(11);
            assertEquals(failedSequence + 10, TestSupport.ingest(engine, again, failedSequence + 10));
            assertEquals(oracle.digestAt(failedSequence + 10), TestSupport.digest(engine));
        }
    }

    private JournalConfig config(final DurabilityMode durability)
    {
        return TestSupport.config(data)
            .durability(durability)
            .minFreeDiskBytes(1 << 20)
            .usableDiskBytes(this::usableDiskBytes);
    }

    private long usableDiskBytes()
    {
        if (failInAppend && StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
            JournalWriter.class.getName().equals(frame.getClassName()) && "append".equals(frame.getMethodName()))))
        {
            throw new UncheckedIOException(new IOException("injected statfs failure"));
        }
        return 1L << 40;
    }
}
