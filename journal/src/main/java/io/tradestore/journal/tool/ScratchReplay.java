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
import org.agrona.DirectBuffer;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Replays a data directory's journal from its first event through the same {@link TradingStateMachine} the
 * store uses, over scratch stores in a fresh temporary directory that {@link #close()} deletes. The journal is
 * opened read-only; a writer may be appending: the replay ends at the end it finds.
 * <p>
 * Snapshots are not used as a starting point: the snapshot loader is package-private to the journal package, so
 * the state is always rebuilt from the first event. Single thread.
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

    final Path directory;
    final OrderStore orders;
    final PositionStore positions;
    final MarketDataStore marketData;
    final TradingStateMachine stateMachine;
    private final DataDirectory data;
    private EventSink sink;
    private long stopAfterTimestampNs = Long.MAX_VALUE;
    private long lastSequence;
    private long lastTimestampNs;
    private long firstTimestampNs = Long.MIN_VALUE;
    private boolean timeLimitReached;

    private ScratchReplay(final DataDirectory data, final Path directory, final StoreCapacities capacities)
    {
        this.data = data;
        this.directory = directory;
        OrderStore orders = null;
        PositionStore positions = null;
        try
        {
            orders = OrderStore.open(directory.resolve("orders.cmap").toFile(), capacities.orderCapacity());
            positions = PositionStore.open(directory.resolve("positions.cmap").toFile(), capacities.positionCapacity());
            marketData = MarketDataStore.open(directory.resolve("marketdata.dat").toFile(),
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
            deleteTree(directory);
            throw new ToolException("cannot create scratch stores in " + directory + ": " + ex.getMessage());
        }
        this.orders = orders;
        this.positions = positions;
        this.stateMachine = new TradingStateMachine(orders, positions, marketData);
    }

    static ScratchReplay create(final DataDirectory data, final StoreCapacities capacities)
    {
        capacities.validate();
        final Path directory;
        try
        {
            directory = Files.createTempDirectory("tradestore-tool-");
        }
        catch (final IOException ex)
        {
            throw new ToolException("cannot create a scratch directory: " + ex.getMessage());
        }
        return new ScratchReplay(data, directory, capacities);
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
     * Replay from the first event up to and including {@code toSequence} or the end of the journal.
     *
     * @return the last sequence applied; 0 when none.
     * @throws ToolException when the journal is corrupt (naming the sequence) or unreadable.
     */
    long replay(final long toSequence, final EventSink sink, final PrintStream err)
    {
        this.sink = sink;
        final Progress progress = Progress.forTerminal(err);
        try (JournalReader reader = JournalReader.open(data.journal))
        {
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
            marketData.close();
            positions.close();
            orders.close();
        }
        finally
        {
            deleteTree(directory);
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
