package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.test.ReferenceModel;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Shared pieces of the journal tests: configuration, ingest through an engine exactly as the pipeline does
 * (journal a batch, complete it with sync(), then apply each event and call onApplied) and an independent oracle: core's reference model fed the generator's
 * events directly, never through the journal.
 */
final class TestSupport
{
    static final long ORDER_CAPACITY = 200_000;
    static final long POSITION_CAPACITY = 10_000;
    static final int INSTRUMENT_CAPACITY = 64;

    private TestSupport()
    {
    }

    static JournalConfig config(final File dataDirectory)
    {
        return new JournalConfig()
            .dataDirectory(dataDirectory)
            .orderCapacity(ORDER_CAPACITY)
            .positionCapacity(POSITION_CAPACITY)
            .instrumentCapacity(INSTRUMENT_CAPACITY)
            .snapshotEveryEvents(0)
            .snapshotEveryNs(0)
            .minFreeDiskBytes(0);
    }

    /** Events per batch in {@link #ingest}: one journal document each, as the pipeline writes them. */
    static final int INGEST_BATCH = 64;

    /**
     * Ingest events up to and including {@code lastSequence}, as the pipeline would: in batches of
     * {@link #INGEST_BATCH}, each journaled, completed by {@link JournalWriter#sync()}, then applied.
     *
     * @return the sequence reached (lower when the journal refused an event).
     */
    static long ingest(final StoreEngine engine, final EventGenerator generator, final long lastSequence)
    {
        final int slot = 256;
        final UnsafeBuffer batch = new UnsafeBuffer(new byte[INGEST_BATCH * slot]);
        final int[] lengths = new int[INGEST_BATCH];
        final JournalWriter writer = engine.writer();
        final TradingStateMachine stateMachine = engine.stateMachine();
        long sequence = engine.nextSequence();
        while (sequence <= lastSequence)
        {
            final long first = sequence;
            boolean refused = false;
            int count = 0;
            while (count < INGEST_BATCH && sequence <= lastSequence)
            {
                final int length = generator.encode(sequence, batch, count * slot);
                if (writer.append(sequence, EventGenerator.timestampNs(sequence), batch, count * slot, length) != 0)
                {
                    refused = true;
                    break;
                }
                lengths[count++] = length;
                sequence++;
            }
            writer.sync();
            for (int i = 0; i < count; i++)
            {
                final long applied = first + i;
                final long timestampNs = EventGenerator.timestampNs(applied);
                stateMachine.apply(batch, i * slot, lengths[i], applied, timestampNs);
                engine.onApplied(applied, timestampNs);
            }
            if (refused)
            {
                return sequence - 1;
            }
        }
        return lastSequence;
    }

    /** Copy a data directory (for one damage case each). */
    static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(path));
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!Arrays.asList(to.toFile().list()).contains("journal"))
        {
            throw new IllegalStateException("no journal copied to " + to);
        }
    }

    static long digest(final StoreEngine engine)
    {
        return StateDigest.of(engine.orders(), engine.positions(), engine.marketData());
    }

    /**
     * The independent oracle: core's {@link ReferenceModel} (a separate implementation of the trading rules, not
     * {@link TradingStateMachine}) fed the generator's events directly, never through the journal, incrementally.
     */
    static final class Oracle implements AutoCloseable
    {
        private final ReferenceModel model = new ReferenceModel(ORDER_CAPACITY, POSITION_CAPACITY, INSTRUMENT_CAPACITY);
        private final EventGenerator generator;
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        private long sequence;

        Oracle(final long seed)
        {
            generator = new EventGenerator(seed);
        }

        /** @return the reference model's digest of the stream's prefix 1..target. */
        long digestAt(final long target)
        {
            if (target < sequence)
            {
                throw new IllegalStateException("oracle is at " + sequence + ", cannot go back to " + target);
            }
            while (sequence < target)
            {
                sequence++;
                final int length = generator.encode(sequence, buffer, 0);
                model.apply(buffer, 0, length, sequence, EventGenerator.timestampNs(sequence));
            }
            return model.digest();
        }

        @Override
        public void close()
        {
        }
    }

    /** @return the journal's .cq4 files, in name (cycle) order. */
    static List<File> cycleFiles(final File journalDirectory)
    {
        final File[] files = journalDirectory.listFiles((dir, name) -> name.endsWith(".cq4"));
        final List<File> result = new ArrayList<>(files == null ? List.of() : Arrays.asList(files));
        result.sort(null);
        return result;
    }
}
