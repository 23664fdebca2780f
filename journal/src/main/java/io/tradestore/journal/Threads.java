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
}
