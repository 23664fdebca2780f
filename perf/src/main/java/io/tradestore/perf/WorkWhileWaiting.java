package io.tradestore.perf;

import org.agrona.concurrent.IdleStrategy;

import java.util.function.IntSupplier;

/**
 * An open-loop sender's wait for its next due time that does useful work instead of sleeping: runs {@code work}
 * (drive an INVOKED store, poll a ring, flush and read a socket) and spins briefly when it found nothing to do. The
 * sender's thread is the only one, so it never yields its core.
 */
final class WorkWhileWaiting implements IdleStrategy
{
    private final IntSupplier work;

    /**
     * @param work run on every idle call; returns the amount of work done (0 = nothing).
     */
    WorkWhileWaiting(final IntSupplier work)
    {
        this.work = work;
    }

    public void idle(final int workCount)
    {
        idle();
    }

    public void idle()
    {
        if (0 == work.getAsInt())
        {
            Thread.onSpinWait();
        }
    }

    public void reset()
    {
    }
}
