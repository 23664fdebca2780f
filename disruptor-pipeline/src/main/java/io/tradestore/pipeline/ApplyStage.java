package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.journal.JournalWriter;
import io.tradestore.journal.StoreEngine;

/**
 * Applies each journaled event to the stores through the {@link TradingStateMachine} and records its outcome in
 * the slot. Runs on the apply thread (or the combined journal-apply thread): the single writer of the stores.
 * <p>
 * A failure to apply a journaled event is FATAL: the pipeline halts here, before the event's outcome can reach
 * egress, and every later event is answered STORE_HALTED without being applied.
 * <p>
 * Any other halt (the journal refused or failed, another stage failed) stops journaling, not applying: an event
 * that reached the journal before it is applied and answered as usual, because replay will apply it too. Only
 * events that were never journaled are answered STORE_HALTED. Journaled means at or below the writer's
 * {@link JournalWriter#durableSequence()}, read here before applying (once per batch in steady state), so no
 * topology can apply an event whose journal document did not complete, whatever failed in between.
 */
final class ApplyStage implements EventHandler<RingSlot>
{
    private static final int STORE_HALTED = RejectReason.STORE_HALTED.value();

    private final StoreEngine engine;
    private final TradingStateMachine stateMachine;
    private final PipelineState state;
    private final PipelineCounters counters;
    private final JournalWriter writer;
    private long journaledUpTo = -1;
    private boolean failed;

    ApplyStage(final StoreEngine engine, final PipelineState state, final PipelineCounters counters)
    {
        this.engine = engine;
        this.stateMachine = engine.stateMachine();
        this.state = state;
        this.counters = counters;
        this.writer = engine.writer();
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        apply(slot);
    }

    void apply(final RingSlot slot)
    {
        slot.rejectReason = STORE_HALTED;
        slot.orderStatus = -1;
        if (!slot.journaled || failed || !isJournaled(slot.sequence))
        {
            return;
        }

        final int outcome;
        try
        {
            outcome = stateMachine.apply(slot.buffer, 0, slot.length, slot.sequence, slot.timestampNs);
        }
        catch (final RuntimeException | Error ex)
        {
            failed = true;
            state.halt("apply failed at sequence " + slot.sequence + ": " + ex, ex, counters);
            return;
        }
        slot.rejectReason = outcome;
        slot.orderStatus = outcome == TradingStateMachine.ACCEPTED ? stateMachine.lastOrderStatus() : -1;
        counters.onApplied(slot.templateId, outcome);
        counters.appliedSequence.setRelease(slot.sequence);
        engine.onApplied(slot.sequence, slot.timestampNs);
    }

    private boolean isJournaled(final long sequence)
    {
        if (sequence > journaledUpTo)
        {
            journaledUpTo = writer.durableSequence();
        }
        return sequence <= journaledUpTo;
    }
}
