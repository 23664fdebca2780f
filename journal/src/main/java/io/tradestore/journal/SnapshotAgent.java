package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import io.tradestore.core.TradingStateMachine;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

import java.io.File;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Takes snapshots without touching the live stores, so the apply thread is never paused.
 * <p>
 * The agent keeps a shadow copy of the state in scratch stores ({@code DATA/snapshots/work}): it starts from the
 * newest snapshot and replays the journal with its own {@link TradingStateMachine} (the same code as live apply,
 * so the shadow equals the live state at every sequence). It catches up lazily: only once a snapshot is due, and
 * only up to the snapshot point. It never reads past the lower of the apply thread's last
 * applied sequence and the journal's durable sequence, so a snapshot never contains an event that could be lost
 * from the journal (SYNC mode) or that has not been applied. When a snapshot is due (every N events or T ns) the
 * shadow is at a known sequence and quiescent: its stores are digested and written to a new snapshot file, then
 * old ones beyond the newest K are deleted.
 * <p>
 * Cost: a second apply of every event on the agent's thread, paid in bursts when a snapshot is due (it sleeps 1 ms
 * whenever no snapshot is due), and the scratch stores' memory. <b>Thread:</b> its own ({@code tradestore-snapshot}); tests may drive
 * {@link #doWork()} directly instead.
 */
final class SnapshotAgent implements AutoCloseable
{
    private static final int POLL_LIMIT = 4096;
    private static final long IDLE_NS = 1_000_000;
    /** After a snapshot skipped for lack of disk space, the next attempt waits this long. */
    static final long DISK_RETRY_NS = 1_000_000_000L;

    private final DiskSpaceMonitor diskSpace;
    private final JournalConfig config;
    private final SingleChronicleQueue queue;
    private final LongSupplier readLimit;
    private final long baseSequence;
    private final File baseSnapshot;
    private final JournalEntryHandler applier = this::onEntry;
    private StoreFiles shadow;
    private TradingStateMachine stateMachine;
    private JournalReader reader;
    private long shadowSequence;
    private long shadowTimestampNs;
    private long lastSnapshotSequence;
    private long catchUpTarget;
    private long lastSnapshotNs;
    private long noAttemptBeforeNs;
    private volatile long snapshotsSkipped;
    private volatile long snapshotsTaken;
    private volatile long lastSnapshotWriteNs;
    private final BackgroundStatus status = new BackgroundStatus("snapshot agent");
    private volatile boolean running = true;
    private Thread thread;

    SnapshotAgent(
        final JournalConfig config,
        final SingleChronicleQueue queue,
        final long baseSequence,
        final File baseSnapshot,
        final LongSupplier readLimit,
        final DiskSpaceMonitor diskSpace)
    {
        this.config = config;
        this.diskSpace = diskSpace;
        this.queue = queue;
        this.baseSequence = baseSequence;
        this.baseSnapshot = baseSnapshot;
        this.readLimit = readLimit;
    }

    void start()
    {
        thread = new Thread(this::run, "tradestore-snapshot");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * One duty cycle: catch up with the journal (bounded), then snapshot when due.
     *
     * @return work done: entries applied plus one per snapshot written.
     */
    int doWork()
    {
        if (reader == null)
        {
            initialise();
        }
        final long limit = readLimit.getAsLong();
        if (catchUpTarget == 0)
        {
            catchUpTarget = dueTarget(limit, System.nanoTime());
            if (catchUpTarget == 0)
            {
                return 0;
            }
        }

        int work = 0;
        final long target = Math.min(catchUpTarget, limit);
        if (target > shadowSequence)
        {
            work += reader.poll(applier, (int)Math.min(POLL_LIMIT, target - shadowSequence));
        }
        if (shadowSequence >= catchUpTarget)
        {
            catchUpTarget = 0;
            takeSnapshot();
            work++;
        }
        return work;
    }

    /**
     * Lazy catch-up: the shadow state is only advanced once a snapshot is due, then up to the snapshot point, so
     * a store that takes fewer than N events between snapshots never pays for the second apply, and bursts of
     * ingest are not competed with event by event.
     *
     * @return the sequence the next snapshot is taken at, or 0 when none is due yet.
     */
    private long dueTarget(final long limit, final long nowNs)
    {
        if (nowNs - noAttemptBeforeNs < 0)
        {
            return 0;
        }
        final long everyEvents = config.snapshotEveryEvents();
        if (everyEvents > 0 && limit - lastSnapshotSequence >= everyEvents)
        {
            // last + N, not the newest point: after a long replayed tail the agent writes a snapshot every N events
            // of its catch-up, so a process that keeps dying soon after opening still shortens the next recovery
            // (tried: the newest point gave one snapshot, but none at all when the process died before catching up)
            return lastSnapshotSequence + everyEvents;
        }
        final long everyNs = config.snapshotEveryNs();
        if (everyNs > 0 && nowNs - lastSnapshotNs >= everyNs && limit > lastSnapshotSequence)
        {
            return limit;
        }
        return 0;
    }

    /** @return snapshots skipped because the file would have eaten into the disk reserve. */
    long snapshotsSkipped()
    {
        return snapshotsSkipped;
    }

    /** @return number of snapshots written since start. */
    long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /** @return sequence the shadow state has reached. */
    long shadowSequence()
    {
        return shadowSequence;
    }

    /** @return duration of the last snapshot write in ns. */
    long lastSnapshotWriteNs()
    {
        return lastSnapshotWriteNs;
    }

    /** @return the failure that stopped the agent, or null. */
    Throwable error()
    {
        return status.error();
    }

    @Override
    public void close()
    {
        running = false;
        if (thread != null)
        {
            LockSupport.unpark(thread);
            // the thread still reads the journal and writes the shadow store closed below: never return early
            Threads.joinUninterruptibly(thread);
        }
        if (reader != null)
        {
            reader.close();
        }
        if (shadow != null)
        {
            shadow.close();
        }
    }

    private void run()
    {
        try
        {
            while (running)
            {
                if (doWork() == 0)
                {
                    LockSupport.parkNanos(IDLE_NS);
                }
            }
        }
        catch (final Throwable ex)
        {
            status.failed(ex);
        }
    }

    /**
     * @param listener told about each snapshot and a failure that stops the agent, including one before this call.
     */
    void listener(final BackgroundListener listener)
    {
        status.listener(listener);
        // after registering: a snapshot finishing meanwhile reports its own, larger count (listeners keep the max)
        notifySnapshot(listener);
    }

    private void notifySnapshot(final BackgroundListener listener)
    {
        if (listener != null)
        {
            try
            {
                listener.onSnapshot(snapshotsTaken);
            }
            catch (final Throwable ignore)
            {
                // the listener's problem: a counter not updated must not stop snapshots
            }
        }
    }

    private void initialise()
    {
        final File work = new File(config.snapshotDirectory(), "work");
        shadow = StoreFiles.create(work, config);
        if (baseSnapshot != null)
        {
            SnapshotFile.load(baseSnapshot, shadow.orders, shadow.positions, shadow.marketData);
        }
        stateMachine = new TradingStateMachine(shadow.orders, shadow.positions, shadow.marketData);
        shadowSequence = baseSequence;
        lastSnapshotSequence = baseSequence;
        lastSnapshotNs = System.nanoTime();
        noAttemptBeforeNs = lastSnapshotNs;
        reader = new JournalReader(queue, false);
        reader.seek(baseSequence + 1);
    }

    private void onEntry(
        final long sequence, final long timestampNs, final DirectBuffer buffer, final int offset, final int length)
    {
        stateMachine.apply(buffer, offset, length, sequence, timestampNs);
        shadowSequence = sequence;
        shadowTimestampNs = timestampNs;
    }

    /**
     * Advance the shadow state to {@code target} (or the end of the journal) whether or not a snapshot is due.
     * Agent thread (tests drive it directly).
     *
     * @param target sequence to reach.
     */
    void catchUpTo(final long target)
    {
        if (reader == null)
        {
            initialise();
        }
        while (shadowSequence < target)
        {
            if (reader.poll(applier, (int)Math.min(POLL_LIMIT, target - shadowSequence)) == 0)
            {
                break;
            }
        }
    }

    /** Take a snapshot at the shadow's current sequence now, whatever the policy. Agent thread (tests). */
    void takeSnapshotNow()
    {
        takeSnapshot();
    }

    private void takeSnapshot()
    {
        final long startNs = System.nanoTime();
        lastSnapshotNs = startNs;
        final long estimatedBytes = SnapshotDescriptor.HEADER_LENGTH +
            shadow.orders.size() * SnapshotDescriptor.ORDER_LENGTH +
            shadow.positions.size() * SnapshotDescriptor.POSITION_LENGTH +
            (long)config.instrumentCapacity() * SnapshotDescriptor.MARKET_DATA_LENGTH;
        if (!diskSpace.hasRoomFor(estimatedBytes))
        {
            // still due by event count: without a back-off the agent would retry (and statfs) in a tight loop
            noAttemptBeforeNs = startNs + DISK_RETRY_NS;
            snapshotsSkipped++;
            return;
        }
        final long digest = StateDigest.of(shadow.orders, shadow.positions, shadow.marketData);
        SnapshotFile.write(config.snapshotDirectory(), shadow.orders, shadow.positions, shadow.marketData,
            shadowSequence, shadowTimestampNs, digest);
        SnapshotFile.prune(config.snapshotDirectory(), config.snapshotsToKeep());
        lastSnapshotSequence = shadowSequence;
        lastSnapshotWriteNs = System.nanoTime() - startNs;
        snapshotsTaken = snapshotsTaken + 1;
        notifySnapshot(status.listener());
    }
}
