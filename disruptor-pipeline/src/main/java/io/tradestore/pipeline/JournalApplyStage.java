package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * The {@link Topology#COMBINED} consumer: journal each event of a batch, complete the batch's journal document at
 * its end (and force it in SYNC mode), then apply the batch's events, on one thread. Egress only sees a batch after
 * this handler returns from its last event, so acknowledgements wait for the group commit.
 */
final class JournalApplyStage implements EventHandler<RingSlot>
{
    private final JournalStage journal;
    private final ApplyStage apply;
    private RingBuffer<RingSlot> ringBuffer;
    private long batchStart = -1;

    JournalApplyStage(final JournalStage journal, final ApplyStage apply)
    {
        this.journal = journal;
        this.apply = apply;
    }

    void ringBuffer(final RingBuffer<RingSlot> ringBuffer)
    {
        this.ringBuffer = ringBuffer;
    }

    @Override
    public void onStart()
    {
        journal.onStart();
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = ringSequence;
        }
        journal.journal(slot);
        if (endOfBatch)
        {
            final long first = batchStart;
            batchStart = -1;
            commitThenApply(journal, apply, ringBuffer, first, ringSequence);
        }
    }

    /**
     * Write-ahead for a batch journaled on this thread: complete its journal document, then apply its events in
     * order. When completing the document fails, none of the batch counts as journaled: the exception goes on to
     * the {@link FatalExceptionHandler} (which halts the pipeline) and every event of the batch is answered
     * STORE_HALTED, unapplied.
     */
    static void commitThenApply(
        final JournalStage journal,
        final ApplyStage apply,
        final RingBuffer<RingSlot> ringBuffer,
        final long first,
        final long last)
    {
        boolean committed = false;
        try
        {
            journal.endOfBatch();
            committed = true;
        }
        finally
        {
            for (long sequence = first; sequence <= last; sequence++)
            {
                final RingSlot slot = ringBuffer.get(sequence);
                if (!committed)
                {
                    slot.journaled = false;
                }
                apply.apply(slot);
            }
        }
    }
}
