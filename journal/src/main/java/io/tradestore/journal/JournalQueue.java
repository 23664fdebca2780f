package io.tradestore.journal;

import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.File;

/**
 * Opens the Chronicle Queue that holds the journal, always with the same roll cycle.
 * <p>
 * {@code FIVE_MINUTELY} allows 2^30 (1.07e9) documents per five-minute cycle, i.e. 3.58M batches/s sustained over a
 * whole cycle (each batch one document of up to 64 KiB of events), far above any event rate here;
 * {@code FAST_DAILY} would cap at ~50k batches/s.
 */
final class JournalQueue
{
    private JournalQueue()
    {
    }

    /** The journal's roll cycle. */
    static final RollCycle ROLL_CYCLE = RollCycles.FIVE_MINUTELY;

    /**
     * How long an appender waits for the queue's write lock (Chronicle's {@code timeoutMS}) before forcing it. The
     * journal has exactly one writer process (the data directory's lock, {@link StoreEngine}), so a write lock held
     * when it appends is a dead writer's, killed inside a document: Chronicle forces it at once when the holder's PID
     * is dead, and only after this timeout when that PID has been reused by a live process. Chronicle's default
     * (~20 s measured here) stalled the first append after such a crash. The dead writer's unfinished document
     * (its header still 0) is then written over.
     */
    static final long WRITER_TIMEOUT_MS = 500;

    static SingleChronicleQueue open(final File directory, final DurabilityMode durability, final boolean readOnly)
    {
        return open(directory, durability, readOnly, ROLL_CYCLE);
    }

    /**
     * @param rollCycle the roll cycle of a new queue; an existing queue keeps the one it was created with
     *                  (Chronicle reads it from the queue's metadata), so readers may always pass the default.
     */
    static SingleChronicleQueue open(
        final File directory, final DurabilityMode durability, final boolean readOnly, final RollCycle rollCycle)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder
            .binary(directory)
            .rollCycle(rollCycle)
            .readOnly(readOnly);
        if (!readOnly)
        {
            builder.timeoutMS(WRITER_TIMEOUT_MS);
            if (durability == DurabilityMode.SYNC)
            {
                builder.syncMode(SyncMode.SYNC);
            }
        }
        return builder.build();
    }
}
