package io.tradestore.journal.tool;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.StoreException;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.journal.JournalCorruptException;
import io.tradestore.journal.JournalEntryHandler;
import io.tradestore.journal.JournalReader;
import io.tradestore.journal.SnapshotLoader;
import io.tradestore.journal.StoreCapacities;
import io.tradestore.journal.StoreFiles;
import org.agrona.DirectBuffer;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Replays a data directory's journal through the same {@link TradingStateMachine} the store uses, over scratch
 * stores in a fresh temporary directory that {@link #close()} deletes. The journal is opened read-only; a writer
 * may be appending: the replay ends at the journal end found when the replay was created.
 * <p>
 * The replay starts at event 1, or, after {@link #startFromSnapshot(long)}, right after the newest usable
 * snapshot at or before a point ({@link SnapshotLoader}; snapshot files are only read, bad ones are skipped).
 * Single thread.
 */
final class ScratchReplay implements JournalEntryHandler, AutoCloseable
{
    /** Receives each replayed event after the state machine has applied it. */
    @FunctionalInterface
    interface EventSink
    {
        void onEvent(long sequence, long timestampNs, DirectBuffer buffer, int offset, int length, int outcome);
    }

    private static final int BATCH = 4096;
    private static final long MIN_SCRATCH_CAPACITY = 1024;

    final Path directory;
    OrderStore orders;
    PositionStore positions;
    MarketDataStore marketData;
    TradingStateMachine stateMachine;
    private final DataDirectory data;
    private final StoreCapacities capacities;
    private final long journalEnd;
    private EventSink sink;
    private long stopAfterTimestampNs = Long.MAX_VALUE;
    private long baseSequence;
    private long lastSequence;
    private long lastTimestampNs;
    private long firstTimestampNs = Long.MIN_VALUE;
    private boolean timeLimitReached;

    private ScratchReplay(
        final DataDirectory data, final Path directory, final StoreCapacities capacities, final long journalEnd)
    {
        this.data = data;
        this.directory = directory;
        this.capacities = capacities;
        this.journalEnd = journalEnd;
        try
        {
            openStores();
        }
        catch (final ToolException ex)
        {
            deleteTree(directory);
            throw ex;
        }
    }

    private void openStores()
    {
        OrderStore orders = null;
        PositionStore positions = null;
        try
        {
            orders = OrderStore.open(directory.resolve(StoreFiles.ORDERS).toFile(), scratchCapacity(
                capacities.orderCapacity()));
            positions = PositionStore.open(directory.resolve(StoreFiles.POSITIONS).toFile(), scratchCapacity(
                capacities.positionCapacity()));
            marketData = MarketDataStore.open(directory.resolve(StoreFiles.MARKET_DATA).toFile(),
                capacities.instrumentCapacity());
        }
        catch (final RuntimeException ex)
        {
            if (positions != null)
            {
                positions.close();
            }
            if (orders != null)
            {
                orders.close();
            }
            throw new ToolException("cannot create scratch stores in " + directory + ": " + ex.getMessage());
        }
        this.orders = orders;
        this.positions = positions;
        this.stateMachine = new TradingStateMachine(orders, positions, marketData);
    }

    /**
     * Every event creates at most one order and one position, so up to {@link #journalEnd} no store can hold more
     * entries than that: a map sized to it never reports full where the live one (sized {@code configured}) would
     * not, and is far cheaper to create than the live store's capacity.
     */
    private long scratchCapacity(final long configured)
    {
        return journalEnd > 0 ? Math.min(configured, Math.max(journalEnd, MIN_SCRATCH_CAPACITY)) : configured;
    }

    /** Throw the scratch state away and start again from empty stores, before event 1. */
    private void resetStores()
    {
        closeStores();
        for (final String name : new String[] { StoreFiles.ORDERS, StoreFiles.POSITIONS, StoreFiles.MARKET_DATA })
        {
            try
            {
                Files.deleteIfExists(directory.resolve(name));
            }
            catch (final IOException ex)
            {
                throw new ToolException("cannot reset scratch store " + name + ": " + ex.getMessage());
            }
        }
        openStores();
        baseSequence = 0;
        lastSequence = 0;
    }

    /**
     * Load the newest usable snapshot at or before {@code sequence} into the (still empty) scratch stores, so
     * that {@link #replay} continues right after it. Call before {@link #replay}.
     *
     * @param sequence the highest sequence a snapshot may have; below 1 means start from event 1.
     * @return the snapshot's sequence, or 0 when none is usable and the replay starts from event 1.
     */
    long startFromSnapshot(final long sequence)
    {
        if (sequence < 1)
        {
            return 0;
        }
        try
        {
            baseSequence = SnapshotLoader.loadNewestAtOrBefore(data.snapshots,
                journalEnd > 0 ? Math.min(sequence, journalEnd) : sequence, orders, positions, marketData);
        }
        catch (final StoreException ex)
        {
            resetStores();
        }
        lastSequence = baseSequence;
        return baseSequence;
    }

    /**
     * @param timestampNs ns since the epoch.
     * @return the last sequence stamped at or before it (binary search); 0 when the first event is later;
     *         {@code Long.MAX_VALUE} when the journal's end is torn and the replay must find the point itself.
     */
    long lastSequenceAtOrBefore(final long timestampNs)
    {
        try (JournalReader reader = JournalReader.open(data.journal))
        {
            final long sequence = reader.lastSequenceAtOrBefore(timestampNs);
            return sequence < 0 ? Long.MAX_VALUE : sequence;
        }
        catch (final JournalCorruptException ex)
        {
            throw new ToolException(ex.getMessage());
        }
        catch (final StoreException | IllegalStateException | IllegalArgumentException ex)
        {
            throw new ToolException("cannot read journal " + data.journal + ": " + ex.getMessage());
        }
    }

    /**
     * @param data       the data directory, read-only.
     * @param capacities the store's capacities ({@link DataDirectory#capacities}).
     * @return a replay over fresh scratch stores, positioned before event 1.
     */
    static ScratchReplay create(final DataDirectory data, final StoreCapacities capacities)
    {
        final long journalEnd = lastSequenceOf(data);
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("tradestore-tool-");
        }
        catch (final IOException ex)
        {
            throw new ToolException("cannot create a scratch directory: " + ex.getMessage());
        }
        return new ScratchReplay(data, directory, capacities, journalEnd);
    }

    private static long lastSequenceOf(final DataDirectory data)
    {
        try (JournalReader reader = JournalReader.open(data.journal))
        {
            return reader.lastSequence();
        }
        catch (final StoreException | IllegalStateException | IllegalArgumentException ex)
        {
            throw new ToolException("cannot read journal " + data.journal + ": " + ex.getMessage());
        }
    }

    /**
     * Stop before the first event whose ingest timestamp is later than {@code timestampNs}. Ingest timestamps are
     * stamped in sequence order, so this is the journal prefix up to that time.
     */
    void stopAfterTimestamp(final long timestampNs)
    {
        this.stopAfterTimestampNs = timestampNs;
    }

    /**
     * Replay from the first event, or from the snapshot loaded by {@link #startFromSnapshot}, up to and including
     * {@code requestedToSequence} or the journal end.
     *
     * @return the last sequence applied; 0 when none.
     * @throws ToolException when the journal is corrupt (naming the sequence) or unreadable.
     */
    long replay(final long requestedToSequence, final EventSink sink, final PrintStream err)
    {
        final long toSequence = journalEnd > 0 ? Math.min(requestedToSequence, journalEnd) : requestedToSequence;
        this.sink = sink;
        final Progress progress = Progress.forTerminal(err);
        try (JournalReader reader = JournalReader.open(data.journal))
        {
            if (baseSequence > 0 && !reader.seek(baseSequence + 1))
            {
                resetStores();
                reader.seek(1);
            }
            progress.total(Math.min(toSequence, Math.max(0, reader.lastSequence())));
            while (lastSequence < toSequence && !timeLimitReached)
            {
                final int limit = (int)Math.min(BATCH, toSequence - lastSequence);
                if (reader.poll(this, limit) == 0)
                {
                    break;
                }
                progress.onEvents(lastSequence);
            }
        }
        catch (final JournalCorruptException ex)
        {
            throw new ToolException(ex.getMessage());
        }
        catch (final StoreException | IllegalStateException | IllegalArgumentException ex)
        {
            throw new ToolException("cannot read journal " + data.journal + ": " + ex.getMessage());
        }
        finally
        {
            progress.done();
        }
        return lastSequence;
    }

    @Override
    public void onEntry(
        final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (timeLimitReached || timestampNs > stopAfterTimestampNs)
        {
            timeLimitReached = true;
            return;
        }
        if (firstTimestampNs == Long.MIN_VALUE)
        {
            firstTimestampNs = timestampNs;
        }
        final int outcome = stateMachine.apply(buffer, offset, length, sequence, timestampNs);
        lastSequence = sequence;
        lastTimestampNs = timestampNs;
        if (sink != null)
        {
            sink.onEvent(sequence, timestampNs, buffer, offset, length, outcome);
        }
    }

    /** @return ingest timestamp of the first event applied, or {@code Long.MIN_VALUE} when none. */
    long firstTimestampNs()
    {
        return firstTimestampNs;
    }

    /** @return ingest timestamp of the last event applied. */
    long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    /** @return the digest of the scratch state, as {@link StateDigest} computes it for the live store. */
    long digest()
    {
        return StateDigest.of(orders, positions, marketData);
    }

    @Override
    public void close()
    {
        try
        {
            closeStores();
        }
        finally
        {
            deleteTree(directory);
        }
    }

    private void closeStores()
    {
        try
        {
            marketData.close();
        }
        finally
        {
            try
            {
                positions.close();
            }
            finally
            {
                orders.close();
            }
        }
    }

    static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (final IOException ex)
        {
            throw new ToolException("cannot delete scratch directory " + root + ": " + ex.getMessage());
        }
    }
}
