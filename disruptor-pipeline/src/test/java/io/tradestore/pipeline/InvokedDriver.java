package io.tradestore.pipeline;

import java.util.concurrent.TimeUnit;

/**
 * Drives a {@link Topology#INVOKED} store from a thread of its own, as the gateway's agent does: calls
 * {@link TradeStore#doWork()} and yields when there was nothing to do. A no-op for stores that run their own
 * pipeline threads, so a test can run the same body for every topology. The thread's name starts with
 * {@code tradestore-} like the pipeline's own threads, so tests that measure the stage threads find it.
 */
final class InvokedDriver implements AutoCloseable
{
    private final Thread thread;
    private volatile boolean running = true;

    private InvokedDriver(final TradeStore store)
    {
        if (store.config().topology() != Topology.INVOKED)
        {
            thread = null;
            return;
        }
        thread = new Thread(() ->
        {
            while (running)
            {
                if (0 == store.doWork())
                {
                    Thread.yield();
                }
            }
        }, "tradestore-invoked-driver");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param store to drive when it is {@link Topology#INVOKED}.
     * @return the running driver; close it before closing the store.
     */
    static InvokedDriver start(final TradeStore store)
    {
        return new InvokedDriver(store);
    }

    @Override
    public void close()
    {
        running = false;
        if (null != thread)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive())
            {
                throw new IllegalStateException("driver thread did not stop");
            }
        }
    }
}
