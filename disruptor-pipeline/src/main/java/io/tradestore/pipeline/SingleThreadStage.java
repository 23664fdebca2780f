package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import org.agrona.LangUtil;

/**
 * The {@link Topology#SINGLE} consumer: journal each event of a batch, complete the batch's journal document at its
 * end (and force it in SYNC mode), then apply the batch's events and deliver their outcomes, in sequence order. One
 * consumer thread in total, for machines where every extra busy thread costs the producers a core.
 * <p>
 * The batch's slots stay owned by this handler until it returns from the batch's last event, so the apply and
 * egress loops can read them back from the ring.
 * <p>
 * The same stage serves {@link Topology#INVOKED} through {@link #pollHandler()}: there the owner's duty cycle
 * polls the ring, a batch is what the poll finds published, and an exception halts the pipeline through the
 * {@link FatalExceptionHandler} exactly as the Disruptor's processor thread would (the poller must never see it: it
 * would leave the event unconsumed and journal it again on the next poll).
 */
final class SingleThreadStage implements EventHandler<RingSlot>
{
    private final JournalStage journal;
    private final ApplyStage apply;
    private final EgressStage egress;
    private final FatalExceptionHandler fatal;
    private final EventPoller.Handler<RingSlot> pollHandler = this::onPolled;
    private RingBuffer<RingSlot> ringBuffer;
    private long batchStart = -1;

    SingleThreadStage(
        final JournalStage journal, final ApplyStage apply, final EgressStage egress, final FatalExceptionHandler fatal)
    {
        this.journal = journal;
        this.apply = apply;
        this.egress = egress;
        this.fatal = fatal;
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
        Throwable failure = null;
        try
        {
            journal.journal(slot);
        }
        catch (final RuntimeException | Error ex)
        {
            // the writer has failed and rolled back the batch's document: end the batch here, so that every event
            // of it gets its (STORE_HALTED) outcome even if no later event ever arrives to end it
            failure = ex;
        }
        if (endOfBatch || null != failure)
        {
            failure = endBatch(ringSequence, failure);
        }
        if (null != failure)
        {
            LangUtil.rethrowUnchecked(failure);
        }
    }

    /**
     * Journal, apply, deliver: every event of the batch reaches egress, whatever failed on the way, and the first
     * failure (with the later ones suppressed into it) is returned for the {@link FatalExceptionHandler}.
     */
    private Throwable endBatch(final long last, final Throwable journalFailure)
    {
        final long first = batchStart;
        batchStart = -1;
        Throwable failure = journalFailure;
        try
        {
            JournalApplyStage.commitThenApply(journal, apply, ringBuffer, first, last);
        }
        catch (final RuntimeException | Error ex)
        {
            failure = addFailure(failure, ex);
        }
        for (long sequence = first; sequence <= last; sequence++)
        {
            try
            {
                egress.onEvent(ringBuffer.get(sequence), sequence, sequence == last);
            }
            catch (final RuntimeException | Error ex)
            {
                failure = addFailure(failure, ex);
            }
        }
        return failure;
    }

    private static Throwable addFailure(final Throwable first, final Throwable next)
    {
        if (null == first)
        {
            return next;
        }
        if (first != next)
        {
            first.addSuppressed(next);
        }
        return first;
    }

    /** @return the handler for {@link Topology#INVOKED}: this stage as an {@link EventPoller.Handler}. */
    EventPoller.Handler<RingSlot> pollHandler()
    {
        return pollHandler;
    }

    private boolean onPolled(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        try
        {
            onEvent(slot, ringSequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            fatal.handleEventException(ex, ringSequence, slot);
        }
        return true;
    }
}
