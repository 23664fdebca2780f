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
        try
        {
            journal.journal(slot);
        }
        catch (final RuntimeException | Error ex)
        {
            // the writer has failed and rolled back the batch's document: end the batch here, so that every event
            // of it gets its (STORE_HALTED) outcome even if no later event ever arrives to end it
            try
            {
                endBatch(ringSequence);
            }
            catch (final RuntimeException | Error suppressed)
            {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
        if (endOfBatch)
        {
            endBatch(ringSequence);
        }
    }

    private void endBatch(final long last)
    {
        final long first = batchStart;
        batchStart = -1;
        commitThenApply(journal, apply, ringBuffer, first, last);
    }

    /**
     * Write-ahead for a batch journaled on this thread: complete its journal document, then apply its events in
     * order. Which events count as journaled is the writer's {@link io.tradestore.journal.JournalWriter#durableSequence()}
     * to say, and {@link ApplyStage} asks it: when completing the document fails, the events it held are answered
     * STORE_HALTED, unapplied, and the exception goes on to the {@link FatalExceptionHandler} (which halts the
     * pipeline) once the batch has been through apply.
     */
    static void commitThenApply(
        final JournalStage journal,
        final ApplyStage apply,
        final RingBuffer<RingSlot> ringBuffer,
        final long first,
        final long last)
    {
        try
        {
            journal.endOfBatch();
        }
        finally
        {
            for (long sequence = first; sequence <= last; sequence++)
            {
                apply.apply(ringBuffer.get(sequence));
            }
        }
    }
}
