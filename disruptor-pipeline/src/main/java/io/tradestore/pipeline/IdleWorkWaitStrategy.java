package io.tradestore.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.function.BooleanSupplier;

/**
 * The {@link WaitMode#YIELDING} and {@link WaitMode#BUSY_SPIN} strategies with a hook for idle-time work: a
 * consumer with nothing to do first spins ({@link Thread#onSpinWait()}), then runs the idle work once per pass and
 * either yields its core ({@code yield = true}) or keeps spinning. The idle work is how the journal thread touches
 * the next journal page ahead of the writer ({@link io.tradestore.journal.JournalWriter#touchAhead()}) in time it
 * would otherwise waste, so appends on the latency path do not take the page fault.
 * <p>
 * One instance is shared by every consumer of the ring; the idle work must be cheap and safe to call from any of
 * their threads (the journal writer's is a no-op off the journal thread). Allocation-free.
 */
final class IdleWorkWaitStrategy implements WaitStrategy
{
    private static final int SPIN_TRIES = 100;

    private final BooleanSupplier idleWork;
    private final boolean yield;

    /**
     * @param idleWork run when idle; returns true when it did something.
     * @param yield    true to {@link Thread#yield()} after each idle pass, false to keep spinning.
     */
    IdleWorkWaitStrategy(final BooleanSupplier idleWork, final boolean yield)
    {
        this.idleWork = idleWork;
        this.yield = yield;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available;
        int spins = SPIN_TRIES;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins > 0)
            {
                spins--;
                Thread.onSpinWait();
            }
            else if (!idleWork.getAsBoolean())
            {
                if (yield)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
    }
}
