package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.test.ReferenceModel;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared pieces of the journal tests: configuration, ingest through an engine exactly as the pipeline does
 * (journal, then apply, then onApplied) and an independent oracle: core's reference model fed the generator's
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

    /**
     * Ingest events up to and including {@code lastSequence}, as the pipeline would.
     *
     * @return the sequence reached (lower when the journal refused an event).
     */
    static long ingest(final StoreEngine engine, final EventGenerator generator, final long lastSequence)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final JournalWriter writer = engine.writer();
        final TradingStateMachine stateMachine = engine.stateMachine();
        for (long sequence = engine.nextSequence(); sequence <= lastSequence; sequence++)
        {
            final int length = generator.encode(sequence, buffer, 0);
            final long timestampNs = EventGenerator.timestampNs(sequence);
            if (writer.append(sequence, timestampNs, buffer, 0, length) != 0)
            {
                return sequence - 1;
            }
            stateMachine.apply(buffer, 0, length, sequence, timestampNs);
            engine.onApplied(sequence, timestampNs);
        }
        return lastSequence;
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
