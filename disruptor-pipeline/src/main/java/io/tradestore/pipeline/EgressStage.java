package io.tradestore.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers each event's outcome to the {@link OutcomeListener} and records it for
 * {@link TradeStore#awaitOutcome(long, long)}. Runs on the egress thread, after journal (+ sync) and apply.
 */
final class EgressStage implements EventHandler<RingSlot>
{
    private final OutcomeListener listener;
    private final PipelineCounters counters;
    private final long[] outcomeSequences;
    private final int[] outcomeCodes;
    private final int mask;
    private final AtomicLong completedSequence;
    private RingBuffer<RingSlot> ringBuffer;

    EgressStage(
        final OutcomeListener listener,
        final PipelineCounters counters,
        final int ringSize,
        final AtomicLong completedSequence)
    {
        this.listener = listener;
        this.counters = counters;
        this.outcomeSequences = new long[ringSize];
        this.outcomeCodes = new int[ringSize];
        this.mask = ringSize - 1;
        this.completedSequence = completedSequence;
    }

    void ringBuffer(final RingBuffer<RingSlot> ringBuffer)
    {
        this.ringBuffer = ringBuffer;
    }

    @Override
    public void onEvent(final RingSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        final long sequence = slot.sequence;
        final int index = (int)sequence & mask;
        outcomeCodes[index] = slot.rejectReason;
        outcomeSequences[index] = sequence;
        try
        {
            listener.onOutcome(
                slot.sessionId,
                slot.correlationId,
                sequence,
                slot.timestampNs,
                slot.templateId,
                slot.rejectReason,
                slot.orderStatus,
                slot.buffer,
                0,
                slot.length);
        }
        finally
        {
            completedSequence.setRelease(sequence);
            if (endOfBatch && null != ringBuffer)
            {
                counters.ringOccupancy.setRelease(ringBuffer.getCursor() - ringSequence);
            }
        }
    }

    /**
     * @param sequence a completed store sequence.
     * @return the outcome code, or -1 when the slot has been reused by a later event.
     */
    int outcome(final long sequence)
    {
        final int index = (int)sequence & mask;
        final int code = outcomeCodes[index];
        java.lang.invoke.VarHandle.acquireFence();
        return outcomeSequences[index] == sequence ? code : -1;
    }
}
