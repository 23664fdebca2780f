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
     * How long the writer waits on an entry header another writer left incomplete before taking the position over.
     * The journal has exactly one writer, so such a header is always a dead process's torn write: Chronicle's
     * default (~20 s measured here) stalled the first append after every crash that landed mid-entry.
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
