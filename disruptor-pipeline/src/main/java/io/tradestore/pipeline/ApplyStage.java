package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import io.tradestore.core.TradingStateMachine;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.journal.StoreEngine;

/**
 * Applies each journaled event to the stores through the {@link TradingStateMachine} and records its outcome in
 * the slot. Runs on the apply thread (or the combined journal-apply thread): the single writer of the stores.
 */
final class ApplyStage implements EventHandler<RingSlot>
{
    private static final int STORE_HALTED = RejectReason.STORE_HALTED.value();

    private final StoreEngine engine;
    private final TradingStateMachine stateMachine;
    private final PipelineState state;
    private final PipelineCounters counters;

    ApplyStage(final StoreEngine engine, final PipelineState state, final PipelineCounters counters)
    {
        this.engine = engine;
        this.stateMachine = engine.stateMachine();
        this.state = state;
        this.counters = counters;
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        apply(slot);
    }

    void apply(final RingSlot slot)
    {
        if (!slot.journaled || state.isHalted())
        {
            slot.rejectReason = STORE_HALTED;
            slot.orderStatus = -1;
            return;
        }

        slot.rejectReason = STORE_HALTED;
        slot.orderStatus = -1;
        final int outcome = stateMachine.apply(slot.buffer, 0, slot.length, slot.sequence, slot.timestampNs);
        slot.rejectReason = outcome;
        slot.orderStatus = outcome == TradingStateMachine.ACCEPTED ? stateMachine.lastOrderStatus() : -1;
        counters.onApplied(slot.templateId, outcome);
        counters.appliedSequence.setRelease(slot.sequence);
        engine.onApplied(slot.sequence, slot.timestampNs);
    }
}
