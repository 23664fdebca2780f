package io.tradestore.journal;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StoreException;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only access to the snapshots of a data directory, for offline tools that rebuild the state at a point:
 * load the newest snapshot at or before it, then replay the journal from the next sequence
 * ({@link JournalReader#seek}). Snapshot files are only read: a snapshot that fails a check is skipped, never
 * moved or deleted (only {@link StoreEngine} recovery moves bad snapshots aside).
 * <p>
 * <b>Thread:</b> any; the stores passed in must not be in use by another thread. Allocates freely.
 */
public final class SnapshotLoader
{
    private SnapshotLoader()
    {
    }

    /** A snapshot whose header passed its checks: where it is, its sequence and its recorded digest. */
    public static final class Header
    {
        private final File file;
        private final long sequence;
        private final long digest;

        Header(final File file, final long sequence, final long digest)
        {
            this.file = file;
            this.sequence = sequence;
            this.digest = digest;
        }

        /** @return the snapshot file. */
        public File file()
        {
            return file;
        }

        /** @return the sequence the snapshot's state is at. */
        public long sequence()
        {
            return sequence;
        }

        /** @return the state digest recorded in the header. */
        public long digest()
        {
            return digest;
        }
    }

    /**
     * The snapshots of a directory whose headers pass their checks (bodies are not read).
     *
     * @param snapshotDirectory the {@code DATA/snapshots} directory; absent means none.
     * @return their headers, ascending by sequence.
     */
    public static List<Header> headers(final File snapshotDirectory)
    {
        final List<Header> headers = new ArrayList<>();
        for (final SnapshotFile.Entry entry : SnapshotFile.list(snapshotDirectory))
        {
            final long[] header = SnapshotFile.readHeader(entry.file);
            if (header != null)
            {
                headers.add(new Header(entry.file, header[0], header[1]));
            }
        }
        headers.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        return headers;
    }

    /**
     * Load the newest snapshot whose sequence is at or before {@code sequence} into empty stores. Snapshots that
     * fail their header CRC, counts, body CRC or do not fit the stores' capacities are skipped, and the next
     * older one tried; those checks run before anything is written to the stores.
     *
     * @param snapshotDirectory the {@code DATA/snapshots} directory; absent means no snapshots.
     * @param sequence          the highest sequence a usable snapshot may have.
     * @param orders            empty order store to load into.
     * @param positions         empty position store to load into.
     * @param marketData        empty market-data store to load into.
     * @return the sequence of the loaded snapshot, whose state the stores now hold; 0 when none is usable (the
     *         stores are then untouched).
     * @throws StoreException when a snapshot passed its CRCs but loads to a digest other than the recorded one:
     *                        the stores are then partially loaded and must be discarded.
     */
    public static long loadNewestAtOrBefore(
        final File snapshotDirectory,
        final long sequence,
        final OrderStore orders,
        final PositionStore positions,
        final MarketDataStore marketData)
    {
        for (final SnapshotFile.Entry entry : SnapshotFile.list(snapshotDirectory))
        {
            if (entry.sequence > sequence || entry.sequence < JournalDescriptor.FIRST_SEQUENCE)
            {
                continue;
            }
            try
            {
                SnapshotFile.verify(entry.file, orders, positions, marketData);
            }
            catch (final StoreException ex)
            {
                continue;
            }
            final SnapshotFile.Loaded loaded = SnapshotFile.load(entry.file, orders, positions, marketData);
            if (loaded.sequence != entry.sequence)
            {
                throw new StoreException("snapshot " + entry.file + " records sequence " + loaded.sequence);
            }
            return loaded.sequence;
        }
        return 0;
    }
}
