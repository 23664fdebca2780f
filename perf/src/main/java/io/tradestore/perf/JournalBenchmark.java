package io.tradestore.perf;

import io.tradestore.core.sbe.Side;
import io.tradestore.core.test.EventEncoder;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.journal.JournalConfig;
import io.tradestore.journal.JournalDescriptor;
import io.tradestore.journal.JournalEntryHandler;
import io.tradestore.journal.JournalReader;
import io.tradestore.journal.JournalWriter;
import io.tradestore.journal.StoreEngine;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * The journal on its own (Chronicle Queue under {@link JournalWriter} / {@link JournalReader}): a NewOrder entry
 * (sequence, timestamp, CRC32C, SBE bytes) appended as a batch of one (append + {@code sync()}: one Chronicle
 * document per event, the latency path at low rates) and in batches of 64 (one document per batch, per event) in
 * ASYNC durability, a batch of 64 forced to disk in SYNC durability (group commit, per event), and zero-copy
 * CRC-checked reads of a journal written in batches of 64.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JournalBenchmark
{
    static final int SYNC_BATCH = 64;

    /** A store engine (journal + small stores, snapshots off) in a temporary directory. */
    @State(Scope.Thread)
    public static class Journal
    {
        final UnsafeBuffer message = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
        File directory;
        StoreEngine engine;
        JournalWriter writer;
        int length;

        private static boolean closePathWarmed;

        void open(final DurabilityMode durability)
        {
            if (!closePathWarmed)
            {
                closePathWarmed = true;
                final File scratch = TempDirectory.create("tradestore-jmh-journal-");
                try (StoreEngine throwaway = openEngine(scratch, durability))
                {
                    throwaway.writer().append(throwaway.writer().lastSequence() + 1, 0, message, 0, 0);
                }
                finally
                {
                    TempDirectory.delete(scratch);
                }
            }
            directory = TempDirectory.create("tradestore-jmh-journal-");
            engine = openEngine(directory, durability);
            writer = engine.writer();
            length = new EventEncoder().newOrder(message, 0, 1, 42, 7, Side.BUY, 1_000_000, 100);
        }

        /** Close the engine and delete the directory. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            try
            {
                closeReader();
                engine.close();
            }
            finally
            {
                TempDirectory.delete(directory);
            }
        }

        void closeReader()
        {
        }

        private static StoreEngine openEngine(final File directory, final DurabilityMode durability)
        {
            return StoreEngine.open(new JournalConfig()
                .dataDirectory(directory)
                .durability(durability)
                .orderCapacity(1024)
                .positionCapacity(1024)
                .instrumentCapacity(64)
                .snapshotEveryEvents(0)
                .snapshotEveryNs(0));
        }
    }

    /** ASYNC durability: appends land in the page cache. */
    @State(Scope.Thread)
    public static class AsyncJournal extends Journal
    {
        /** Open the journal. */
        @Setup(Level.Trial)
        public void setUp()
        {
            open(DurabilityMode.ASYNC);
        }
    }

    /** SYNC durability: {@link JournalWriter#sync()} forces appended entries to the device. */
    @State(Scope.Thread)
    public static class SyncJournal extends Journal
    {
        /** Open the journal. */
        @Setup(Level.Trial)
        public void setUp()
        {
            open(DurabilityMode.SYNC);
        }
    }

    /** A journal of 1,000,000 entries read from the start, rewinding at the end. */
    @State(Scope.Thread)
    public static class ReadJournal extends Journal implements JournalEntryHandler
    {
        static final int ENTRIES = 1_000_000;

        JournalReader reader;
        long checksum;

        /** Write the entries and open a reader. */
        @Setup(Level.Trial)
        public void setUp()
        {
            open(DurabilityMode.ASYNC);
            for (int i = 0; i < ENTRIES; i++)
            {
                writer.append(writer.lastSequence() + 1, i, message, 0, length);
                if ((i + 1) % SYNC_BATCH == 0)
                {
                    writer.sync();
                }
            }
            writer.sync();
            reader = JournalReader.open(engine.config().journalDirectory());
        }

        @Override
        public void onEntry(
            final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
        {
            checksum += sequence + buffer.getLong(offset + length - 8);
        }

        @Override
        void closeReader()
        {
            reader.close();
        }
    }

    /**
     * @param journal open in ASYNC durability.
     * @return the outcome (0 = journaled).
     */
    @Benchmark
    public int appendAsync(final AsyncJournal journal)
    {
        final JournalWriter writer = journal.writer;
        final long sequence = writer.lastSequence() + 1;
        final int outcome = writer.append(sequence, sequence, journal.message, 0, journal.length);
        writer.sync();
        return expectJournaled(outcome);
    }

    /**
     * @param journal open in ASYNC durability.
     * @return the last outcome.
     */
    @Benchmark
    @OperationsPerInvocation(SYNC_BATCH)
    public int appendAsyncBatch64(final AsyncJournal journal)
    {
        final JournalWriter writer = journal.writer;
        int outcome = 0;
        for (int i = 0; i < SYNC_BATCH; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            outcome |= writer.append(sequence, sequence, journal.message, 0, journal.length);
        }
        writer.sync();
        return expectJournaled(outcome);
    }

    /**
     * @param journal open in SYNC durability.
     * @return the last outcome.
     */
    @Benchmark
    @OperationsPerInvocation(SYNC_BATCH)
    public int appendSyncBatch64(final SyncJournal journal)
    {
        final JournalWriter writer = journal.writer;
        int outcome = 0;
        for (int i = 0; i < SYNC_BATCH; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            outcome |= writer.append(sequence, sequence, journal.message, 0, journal.length);
        }
        writer.sync();
        return expectJournaled(outcome);
    }

    /**
     * @param journal pre-written journal and its reader.
     * @return the running checksum of what was read.
     */
    @Benchmark
    public long read(final ReadJournal journal)
    {
        if (journal.reader.poll(journal, 1) == 0)
        {
            journal.reader.seek(JournalDescriptor.FIRST_SEQUENCE);
            journal.reader.poll(journal, 1);
        }
        return journal.checksum;
    }

    private static int expectJournaled(final int outcome)
    {
        if (outcome != 0)
        {
            throw new IllegalStateException("journal refused the append with " + outcome + ": measurement invalid");
        }
        return outcome;
    }
}
