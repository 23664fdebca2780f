package io.tradestore.journal;

import io.tradestore.core.MarketDataStore;
import io.tradestore.core.OrderStore;
import io.tradestore.core.PositionStore;
import io.tradestore.core.StateDigest;
import io.tradestore.core.StoreException;
import io.tradestore.core.TradingStateMachine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

import java.io.File;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable store: the journal, the live stores and the state machine that connects them, brought to a
 * consistent state by {@link #open(JournalConfig)} and handed to the pipeline.
 * <p>
 * <b>One store per data directory:</b> open takes {@link DataDirectoryLock} ({@code DATA/store.lock}) before it reads
 * or writes anything and close releases it, so a second store on the same directory is refused instead of writing
 * a second journal.
 * <p>
 * <b>Recovery at open</b> (DESIGN §6):
 * <ol>
 *   <li>Clean shutdown (meta file says clean) and the meta's last applied sequence equals the journal's last
 *   CRC-valid entry: the mapped store files are reopened as they are, no replay. (If the journal holds entries
 *   beyond the meta's sequence, only those are replayed onto the reopened files.)</li>
 *   <li>Otherwise it was a crash: the Chronicle Map and market-data files are a cache and are discarded; the
 *   newest snapshot that passes its CRCs and digest is loaded into fresh stores and the journal after it is
 *   replayed through the same {@link TradingStateMachine}.</li>
 *   <li>An entry of the last document that fails its CRC (a torn write of that document) is cut off with the
 *   rest of that document and reported. Corruption followed by further documents, or a sequence gap, refuses to open with a {@link JournalCorruptException} naming the sequence,
 *   unless {@link JournalConfig#repair(boolean)} is set: then the valid prefix is kept, the rest reported as
 *   dropped, the original journal kept as {@code DATA/journal-repair-<time>}.</li>
 *   <li>The writer continues at {@link #nextSequence()}: numbering never restarts, existing files never block
 *   an open.</li>
 *   <li>Capacities: a new store records the configured ones ({@link StoreCapacities}, {@code store/capacities.dat});
 *   a store that recorded others refuses to open with a {@link StoreException} naming both values, because other
 *   capacities would change the outcomes of the journaled events. A store from before capacities were recorded
 *   records the configured ones (noted in the report).</li>
 * </ol>
 * <b>Threads:</b> open and close on a control thread while the pipeline is stopped; {@link #writer()} on the
 * journal thread; {@link #stateMachine()} and {@link #onApplied} on the apply thread; a background snapshot thread
 * (see {@link SnapshotAgent}) reads the journal on its own, and a pretouch thread ({@link JournalPretoucher}) touches
 * the journal's pages ahead of the writer.
 */
public final class StoreEngine implements AutoCloseable
{
    private static final int REPLAY_BATCH = 65_536;
    private static final int MAX_RECOVERY_PASSES = 4;

    private final JournalConfig config;
    private final SingleChronicleQueue queue;
    private final StoreFiles stores;
    private final TradingStateMachine stateMachine;
    private final DiskSpaceMonitor diskSpace;
    private final JournalWriter writer;
    private final RecoveryReport report;
    private final SnapshotAgent snapshotAgent;
    private final JournalPretoucher pretoucher;
    private final AtomicLong appliedSequence = new AtomicLong();
    private long appliedTimestampNs;
    private boolean closed;
    private DataDirectoryLock lock;

    private StoreEngine(
        final JournalConfig config,
        final SingleChronicleQueue queue,
        final StoreFiles stores,
        final TradingStateMachine stateMachine,
        final long lastSequence,
        final long lastTimestampNs,
        final RecoveryReport report,
        final SnapshotFile.Entry baseSnapshot)
    {
        this.config = config;
        this.queue = queue;
        this.stores = stores;
        this.stateMachine = stateMachine;
        this.report = report;
        this.diskSpace = new DiskSpaceMonitor(config.usableDiskBytes(), config.minFreeDiskBytes());
        this.writer = new JournalWriter(queue, config.durability(), lastSequence, diskSpace);
        appliedSequence.set(lastSequence);
        appliedTimestampNs = lastTimestampNs;
        if (config.snapshotsEnabled())
        {
            snapshotAgent = new SnapshotAgent(config, queue,
                baseSnapshot == null ? 0 : baseSnapshot.sequence,
                baseSnapshot == null ? null : baseSnapshot.file,
                this::snapshotReadLimit, diskSpace);
            if (config.snapshotThread())
            {
                snapshotAgent.start();
            }
        }
        else
        {
            snapshotAgent = null;
        }
        JournalPretoucher started = null;
        try
        {
            started = JournalPretoucher.enabledFor(config) ? JournalPretoucher.start(writer, diskSpace) : null;
        }
        catch (final RuntimeException | Error ex)
        {
            if (snapshotAgent != null)
            {
                snapshotAgent.close();
            }
            throw ex;
        }
        pretoucher = started;
    }

    /**
     * Open the store in {@code config.dataDirectory()}, creating it when empty and recovering it otherwise.
     *
     * @param config the configuration; concluded here if it was not already.
     * @return the open engine, its state equal to the journal's valid prefix.
     * @throws JournalCorruptException when the journal is corrupt in the middle and repair was not asked for.
     * @throws StoreException          when files cannot be read or written.
     */
    public static StoreEngine open(final JournalConfig config)
    {
        config.conclude();
        final long startNs = System.nanoTime();
        FileSupport.ensureDirectory(config.dataDirectory());
        final DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDirectory());
        try
        {
            FileSupport.ensureDirectory(config.journalDirectory());
            FileSupport.ensureDirectory(config.storeDirectory());
            FileSupport.ensureDirectory(config.snapshotDirectory());

            final RecoveryReport report = new RecoveryReport();
            checkCapacities(config, report);
            for (int pass = 0; pass < MAX_RECOVERY_PASSES; pass++)
            {
                final StoreEngine engine = attempt(config, report, startNs);
                if (engine != null)
                {
                    engine.lock = lock;
                    return engine;
                }
            }
            throw new StoreException(
                "recovery did not converge after " + MAX_RECOVERY_PASSES + " truncations: " + report);
        }
        catch (final RuntimeException | Error ex)
        {
            lock.close();
            throw ex;
        }
    }

    /** @return the order store; written by the apply thread only. */
    public OrderStore orders()
    {
        return stores.orders;
    }

    /** @return the position store; written by the apply thread only. */
    public PositionStore positions()
    {
        return stores.positions;
    }

    /** @return the market-data store; written by the apply thread only. */
    public MarketDataStore marketData()
    {
        return stores.marketData;
    }

    /** @return the state machine over the live stores; apply thread only. */
    public TradingStateMachine stateMachine()
    {
        return stateMachine;
    }

    /**
     * The journal writer. Its Chronicle appender is created on the first append or sync and is confined to that
     * thread, so the journal thread should be the first and only thread to use it.
     *
     * @return the single writer of this engine.
     */
    public JournalWriter writer()
    {
        return writer;
    }

    /**
     * The free-space monitor the writer consults; producers ask {@link DiskSpaceMonitor#refuseIngress()} before
     * admitting an event. Any thread.
     *
     * @return the engine's single disk-space mechanism.
     */
    public DiskSpaceMonitor diskSpace()
    {
        return diskSpace;
    }

    /**
     * @return the sequence the next event must carry: last journaled + 1. Call before the pipeline starts, or on
     *         the journal thread.
     */
    public long nextSequence()
    {
        return writer.lastSequence() + 1;
    }

    /** @return what open did. */
    public RecoveryReport recoveryReport()
    {
        return report;
    }

    /**
     * Record that an event has been applied. Apply thread, after each event, in sequence order. Drives the
     * snapshot thread, which never reads past this point. Allocation-free, one ordered store.
     *
     * @param sequence    of the event just applied.
     * @param timestampNs its ingest timestamp.
     */
    public void onApplied(final long sequence, final long timestampNs)
    {
        appliedTimestampNs = timestampNs;
        appliedSequence.lazySet(sequence);
    }

    /** @return the last sequence reported by {@link #onApplied}, or recovered at open. Any thread. */
    public long lastAppliedSequence()
    {
        return appliedSequence.get();
    }

    /** @return number of snapshots written by the snapshot thread since open. Any thread. */
    public long snapshotsTaken()
    {
        return snapshotAgent == null ? 0 : snapshotAgent.snapshotsTaken();
    }

    /** @return the failure that stopped the snapshot thread, or null while it is healthy. Any thread. */
    public Throwable snapshotError()
    {
        return snapshotAgent == null ? null : snapshotAgent.error();
    }

    /**
     * Report snapshots and background-thread failures from now on (and any failure that happened already).
     *
     * @param listener thread-safe; see {@link BackgroundListener}.
     */
    public void backgroundListener(final BackgroundListener listener)
    {
        if (snapshotAgent != null)
        {
            snapshotAgent.listener(listener);
        }
        if (pretoucher != null)
        {
            pretoucher.listener(listener);
        }
    }

    /** @return the configuration. */
    public JournalConfig config()
    {
        return config;
    }

    /** @return the journal pretoucher, or null when the free-space reserve is too small for it; for tests. */
    JournalPretoucher pretoucher()
    {
        return pretoucher;
    }

    SnapshotAgent snapshotAgent()
    {
        return snapshotAgent;
    }

    /** Stop the snapshot and pretouch threads; the second even when stopping the first fails. */
    private void stopThreads()
    {
        try
        {
            if (snapshotAgent != null)
            {
                snapshotAgent.close();
            }
        }
        finally
        {
            if (pretoucher != null)
            {
                pretoucher.close();
            }
        }
    }

    /**
     * Shut down cleanly: stop the snapshot thread, close the journal, digest the state, close and force the
     * stores and the journal, then write the meta file with the clean flag, the last applied sequence and the
     * digest. The caller guarantees that the pipeline is drained and stopped.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            stopThreads();
            writer.close();
            final long lastApplied = appliedSequence.get();
            final long digest = StateDigest.of(stores.orders, stores.positions, stores.marketData);
            stores.close();
            queue.close();
            stores.force();
            FileSupport.forceTree(config.journalDirectory());
            new StoreMeta(true, lastApplied, appliedTimestampNs, digest).write(config.storeDirectory());
        }
        finally
        {
            lock.close();
        }
    }

    /**
     * Close after a fatal pipeline failure: stop the snapshot thread and release the journal and the stores
     * WITHOUT writing the clean-shutdown marker, so the next open treats the stores as suspect and rebuilds them
     * from the newest snapshot plus the journal. Idempotent; never throws from a store that already failed.
     */
    public void closeWithoutCleanShutdown()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            stopThreads();
        }
        finally
        {
            try
            {
                writer.close();
            }
            finally
            {
                try
                {
                    stores.close();
                }
                finally
                {
                    try
                    {
                        queue.close();
                    }
                    finally
                    {
                        lock.close();
                    }
                }
            }
        }
    }

    private long snapshotReadLimit()
    {
        return Math.min(appliedSequence.get(), writer.durableSequence());
    }

    /**
     * One recovery pass.
     *
     * @return the open engine, or null when the journal was truncated and the pass must start again.
     */
    private static StoreEngine attempt(final JournalConfig config, final RecoveryReport report, final long startNs)
    {
        final SingleChronicleQueue queue =
            JournalQueue.open(config.journalDirectory(), config.durability(), false, config.rollCycle());
        StoreFiles stores = null;
        try (JournalReader reader = new JournalReader(queue, false))
        {
            StoreMeta meta = StoreMeta.read(config.storeDirectory());
            final long journalLast = reader.lastSequence();
            final boolean empty = journalLast == 0;
            SnapshotFile.Entry baseSnapshot = newestSnapshot(config);

            if (meta != null && journalLast >= 0 && journalLast < meta.lastAppliedSequence)
            {
                final String message = "journal " + config.journalDirectory() + " ends at sequence " + journalLast +
                    " but the store had applied " + meta.lastAppliedSequence + ": acknowledged events are missing";
                if (!config.repair())
                {
                    throw new JournalCorruptException(journalLast + 1, false, message);
                }
                report.note(message + "; accepted by repair");
                FileSupport.deleteFile(new File(config.storeDirectory(), StoreMeta.FILE_NAME));
                meta = null;
            }

            // map files of an older value layout next to the current ones (a downgrade and upgrade leaves both):
            // the current ones may be stale, so neither is trusted
            final boolean olderLayout = StoreFiles.hasOlderLayout(config.storeDirectory());
            if (olderLayout)
            {
                report.note("store files of an older layout (" + String.join(", ", StoreFiles.OLDER_LAYOUT) +
                    ") are a cache: rebuilding the store from snapshot + journal");
            }
            long lastSequence;
            long lastTimestampNs = 0;
            if (!olderLayout && meta != null && meta.clean && journalLast >= meta.lastAppliedSequence && journalLast >= 0 &&
                StoreFiles.exist(config.storeDirectory()))
            {
                report.mode(RecoveryReport.Mode.CLEAN_REOPEN);
                stores = StoreFiles.open(config.storeDirectory(), config);
                lastSequence = meta.lastAppliedSequence;
                lastTimestampNs = meta.lastTimestampNs;
                if (journalLast > meta.lastAppliedSequence)
                {
                    report.note("journal holds " + (journalLast - meta.lastAppliedSequence) +
                        " entries beyond the clean shutdown point; replaying them");
                    final Replay replay = replay(reader, stores, meta.lastAppliedSequence, report);
                    lastSequence = replay.lastSequence;
                    lastTimestampNs = replay.lastTimestampNs;
                }
            }
            else if (empty && baseSnapshot == null)
            {
                report.mode(RecoveryReport.Mode.NEW);
                stores = StoreFiles.create(config.storeDirectory(), config);
                lastSequence = 0;
            }
            else
            {
                report.mode(RecoveryReport.Mode.CRASH_RECOVERY);
                if (meta != null && meta.clean)
                {
                    report.note("meta (clean at " + meta.lastAppliedSequence + ") does not match journal end " +
                        journalLast);
                }
                stores = StoreFiles.create(config.storeDirectory(), config);
                baseSnapshot = null;
                for (final SnapshotFile.Entry entry : SnapshotFile.list(config.snapshotDirectory()))
                {
                    if (journalLast >= 0 && entry.sequence > journalLast)
                    {
                        report.note("snapshot @" + entry.sequence + " is beyond the journal end " + journalLast +
                            "; moved aside");
                        moveSnapshotAside(config, entry);
                        continue;
                    }
                    try
                    {
                        SnapshotFile.load(entry.file, stores.orders, stores.positions, stores.marketData);
                        report.snapshotSequence(entry.sequence);
                        baseSnapshot = entry;
                        break;
                    }
                    catch (final StoreException ex)
                    {
                        report.note("snapshot @" + entry.sequence + " rejected (" + ex.getMessage() + "); moved aside");
                        moveSnapshotAside(config, entry);
                        stores.close();
                        stores = StoreFiles.create(config.storeDirectory(), config);
                    }
                }
                final long base = baseSnapshot == null ? 0 : baseSnapshot.sequence;
                if (!reader.seek(base + 1))
                {
                    if (baseSnapshot == null)
                    {
                        throw new JournalCorruptException(1, false,
                            "journal " + config.journalDirectory() + " does not start at sequence 1");
                    }
                    report.note("snapshot @" + base + " is beyond the journal; moved aside");
                    moveSnapshotAside(config, baseSnapshot);
                    stores.close();
                    stores = null;
                    queue.close();
                    return null;
                }
                final Replay replay = replay(reader, stores, base, report);
                lastSequence = replay.lastSequence;
                lastTimestampNs = replay.lastTimestampNs;
            }

            new StoreMeta(false, lastSequence, lastTimestampNs, 0).write(config.storeDirectory());
            report.lastSequence(lastSequence);
            report.elapsedNs(System.nanoTime() - startNs);
            final TradingStateMachine stateMachine =
                new TradingStateMachine(stores.orders, stores.positions, stores.marketData);
            return new StoreEngine(config, queue, stores, stateMachine, lastSequence, lastTimestampNs, report,
                baseSnapshot);
        }
        catch (final JournalCorruptException ex)
        {
            if (stores != null)
            {
                stores.close();
            }
            queue.close();
            if (!ex.atTail() && !config.repair())
            {
                throw new JournalCorruptException(ex.sequence(), false, ex.getMessage() +
                    "; refusing to open: open with repair to keep the entries before sequence " + ex.sequence());
            }
            final JournalTruncation.Result result =
                JournalTruncation.truncateToValidPrefix(config, ex.atTail() ? "torn" : "repair");
            StoreFiles.delete(config.storeDirectory());
            FileSupport.deleteFile(new File(config.storeDirectory(), StoreMeta.FILE_NAME));
            report.resetReplay();
            report.dropped(result.droppedEntries, ex.atTail(), result.backupDirectory);
            report.note((ex.atTail() ? "torn last entry at sequence " : "corruption at sequence ") + ex.sequence() +
                ": kept 1.." + result.lastSequence + ", dropped " + result.droppedEntries + " entries, original in " +
                result.backupDirectory.getName());
            return null;
        }
        catch (final RuntimeException ex)
        {
            if (stores != null)
            {
                stores.close();
            }
            queue.close();
            throw ex;
        }
    }

    /**
     * Record the configured capacities in a store that has none, or refuse when they differ from the recorded
     * ones: other capacities would give the journal's events other outcomes.
     */
    private static void checkCapacities(final JournalConfig config, final RecoveryReport report)
    {
        final StoreCapacities configured = config.capacities();
        final StoreCapacities recorded = StoreCapacities.read(config.storeDirectory());
        if (recorded == null)
        {
            final String[] cycles = config.journalDirectory().list((dir, name) -> name.endsWith(".cq4"));
            if (cycles != null && cycles.length > 0)
            {
                report.note("no " + StoreCapacities.FILE_NAME + " (a store from before capacities were recorded): " +
                    "recording the configured " + configured);
            }
            configured.write(config.storeDirectory());
        }
        else
        {
            final String difference = recorded.differenceFrom(configured);
            if (difference != null)
            {
                throw new StoreException("store " + config.storeDirectory() + " was created with other capacities: " +
                    difference + "; open it with the recorded ones (" + recorded + ")");
            }
        }
    }

    private static SnapshotFile.Entry newestSnapshot(final JournalConfig config)
    {
        final List<SnapshotFile.Entry> entries = SnapshotFile.list(config.snapshotDirectory());
        return entries.isEmpty() ? null : entries.get(0);
    }

    private static void moveSnapshotAside(final JournalConfig config, final SnapshotFile.Entry entry)
    {
        FileSupport.move(entry.file, new File(config.snapshotDirectory(), "rejected-" + entry.file.getName()));
    }

    /** Last sequence and timestamp reached by a replay. */
    private static final class Replay implements JournalEntryHandler
    {
        final TradingStateMachine stateMachine;
        long lastSequence;
        long lastTimestampNs;

        Replay(final TradingStateMachine stateMachine, final long lastSequence)
        {
            this.stateMachine = stateMachine;
            this.lastSequence = lastSequence;
        }

        @Override
        public void onEntry(
            final long sequence,
            final long timestampNs,
            final DirectBuffer buffer,
            final int offset,
            final int length)
        {
            stateMachine.apply(buffer, offset, length, sequence, timestampNs);
            lastSequence = sequence;
            lastTimestampNs = timestampNs;
        }
    }

    private static Replay replay(
        final JournalReader reader, final StoreFiles stores, final long afterSequence, final RecoveryReport report)
    {
        final Replay replay =
            new Replay(new TradingStateMachine(stores.orders, stores.positions, stores.marketData), afterSequence);
        if (reader.nextSequence() != afterSequence + 1 && !reader.seek(afterSequence + 1))
        {
            throw new JournalCorruptException(afterSequence + 1, false,
                "journal does not hold sequence " + (afterSequence + 1));
        }
        final long startNs = System.nanoTime();
        int polled;
        do
        {
            polled = reader.poll(replay, REPLAY_BATCH);
        }
        while (polled > 0);
        report.replayed(replay.lastSequence - afterSequence, System.nanoTime() - startNs);
        return replay;
    }
}
