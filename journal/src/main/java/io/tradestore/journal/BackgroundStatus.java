package io.tradestore.journal;

/**
 * The failure, if any, that stopped one of the engine's background threads, and the {@link BackgroundListener} it
 * is reported to: exactly once, whether the thread dies before or after the listener is registered.
 */
final class BackgroundStatus
{
    private final String thread;
    private volatile Throwable error;
    private volatile BackgroundListener listener;
    private boolean reported;

    /**
     * @param thread name used in the report.
     */
    BackgroundStatus(final String thread)
    {
        this.thread = thread;
    }

    /**
     * The thread stopped on {@code failure}; called by that thread as it ends.
     *
     * @param failure what stopped it.
     */
    void failed(final Throwable failure)
    {
        error = failure;
        report(listener);
    }

    /**
     * @param listener to report to from now on, told at once about a failure that happened already.
     */
    void listener(final BackgroundListener listener)
    {
        this.listener = listener;
        report(listener);
    }

    /** @return the registered listener, or null. */
    BackgroundListener listener()
    {
        return listener;
    }

    /** @return the failure that stopped the thread, or null while it is healthy. */
    Throwable error()
    {
        return error;
    }

    private synchronized void report(final BackgroundListener listener)
    {
        // synchronized: the thread's failed() and the pipeline's listener() may race; whichever sees both reports
        final Throwable error = this.error;
        if (error != null && listener != null && !reported)
        {
            reported = true;
            try
            {
                listener.onFailure(thread, error);
            }
            catch (final Throwable ignore)
            {
                // the listener's problem; the thread has stopped either way
            }
        }
    }
}
