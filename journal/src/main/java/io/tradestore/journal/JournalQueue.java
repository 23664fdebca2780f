package io.tradestore.journal;

import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.File;

/**
 * Opens the Chronicle Queue that holds the journal, always with the same roll cycle.
 * <p>
 * {@code FIVE_MINUTELY} allows 2^30 (1.07e9) entries per five-minute cycle, i.e. 3.58M events/s sustained over a
 * whole cycle, above the 2M events/s target; {@code FAST_DAILY} would cap at ~50k/s.
 */
final class JournalQueue
{
    private JournalQueue()
    {
    }

    static SingleChronicleQueue open(final File directory, final DurabilityMode durability, final boolean readOnly)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder
            .binary(directory)
            .rollCycle(RollCycles.FIVE_MINUTELY)
            .readOnly(readOnly);
        if (durability == DurabilityMode.SYNC && !readOnly)
        {
            builder.syncMode(SyncMode.SYNC);
        }
        return builder.build();
    }
}
