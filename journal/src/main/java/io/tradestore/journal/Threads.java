package io.tradestore.journal;

/**
 * Thread helpers shared by the journal's background threads and tools.
 */
public final class Threads
{
    private Threads()
    {
    }

    /**
     * Wait until {@code thread} has terminated, even when the caller is interrupted meanwhile (the interrupt is
     * restored afterwards): for closing something whose resources the thread still uses, where returning early would
     * release them under it.
     *
     * @param thread to wait for.
     */
    public static void joinUninterruptibly(final Thread thread)
    {
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link #joinUninterruptibly(Thread)} with a deadline.
     *
     * @param thread     to wait for.
     * @param deadlineNs {@link System#nanoTime()} after which to stop waiting.
     * @return true when the thread has terminated, false when it is still alive at the deadline.
     */
    public static boolean joinUninterruptibly(final Thread thread, final long deadlineNs)
    {
        boolean interrupted = false;
        long leftNs;
        while (thread.isAlive() && (leftNs = deadlineNs - System.nanoTime()) > 0)
        {
            try
            {
                thread.join(Math.max(1, leftNs / 1_000_000));
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
