package io.tradestore.pipeline;

import com.lmax.disruptor.ExceptionHandler;

/**
 * Any exception in a stage is FATAL: the pipeline halts, the error is counted and written to the error log,
 * and every later event is rejected with STORE_HALTED instead of being journaled or applied. Never log and
 * continue: live state and replay would diverge.
 */
final class FatalExceptionHandler implements ExceptionHandler<RingSlot>
{
    private final PipelineState state;
    private final PipelineCounters counters;

    FatalExceptionHandler(final PipelineState state, final PipelineCounters counters)
    {
        this.state = state;
        this.counters = counters;
    }

    @Override
    public void handleEventException(final Throwable ex, final long ringSequence, final RingSlot slot)
    {
        final long sequence = null != slot ? slot.sequence : -1;
        state.halt("stage failed at sequence " + sequence + ": " + ex, ex, counters);
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        state.halt("stage failed to start: " + ex, ex, counters);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        state.halt("stage failed to shut down: " + ex, ex, counters);
    }
}
