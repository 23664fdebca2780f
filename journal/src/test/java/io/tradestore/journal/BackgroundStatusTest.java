package io.tradestore.journal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link BackgroundStatus} reports a failure exactly once, however it races with the listener's registration. */
class BackgroundStatusTest
{
    @Test
    void reportsOnceWhetherTheFailureComesBeforeOrAfterRegistration()
    {
        final Counting before = new Counting();
        final BackgroundStatus failedFirst = new BackgroundStatus("t");
        final IllegalStateException failure = new IllegalStateException("boom");
        failedFirst.failed(failure);
        failedFirst.listener(before);
        failedFirst.listener(before);
        assertEquals(1, before.failures.get());
        assertSame(failure, failedFirst.error());

        final Counting after = new Counting();
        final BackgroundStatus registeredFirst = new BackgroundStatus("t");
        registeredFirst.listener(after);
        assertEquals(0, after.failures.get());
        registeredFirst.failed(failure);
        assertEquals(1, after.failures.get());
    }

    @Test
    void reportsExactlyOnceWhenTheTwoRace() throws Exception
    {
        for (int i = 0; i < 2_000; i++)
        {
            final Counting listener = new Counting();
            final BackgroundStatus status = new BackgroundStatus("t");
            final CyclicBarrier start = new CyclicBarrier(2);
            final Thread dying = new Thread(() ->
            {
                await(start);
                status.failed(new IllegalStateException("boom"));
            });
            dying.start();
            await(start);
            status.listener(listener);
            dying.join();
            assertEquals(1, listener.failures.get(), "iteration " + i);
        }
    }

    @Test
    void aListenerThatThrowsDoesNotPropagate()
    {
        final BackgroundStatus status = new BackgroundStatus("t");
        status.listener(new BackgroundListener()
        {
            public void onSnapshot(final long snapshotsTaken)
            {
            }

            public void onFailure(final String thread, final Throwable failure)
            {
                throw new AssertionError("listener bug");
            }
        });
        status.failed(new IllegalStateException("boom"));
    }

    private static void await(final CyclicBarrier barrier)
    {
        try
        {
            barrier.await();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static final class Counting implements BackgroundListener
    {
        final AtomicInteger failures = new AtomicInteger();

        public void onSnapshot(final long snapshotsTaken)
        {
        }

        public void onFailure(final String thread, final Throwable failure)
        {
            failures.incrementAndGet();
        }
    }
}
