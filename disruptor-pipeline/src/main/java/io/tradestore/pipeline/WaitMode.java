package io.tradestore.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;

import java.util.function.BooleanSupplier;

/**
 * How consumer threads wait for work. Busy spinning is never the default: on two cores two spinning consumers
 * starve the producers.
 */
public enum WaitMode
{
    /** Lock and condition: no CPU burnt when idle, tens of microseconds to wake. */
    BLOCKING,
    /** Spin, then yield, then park briefly: low CPU, latency bounded by the park granularity. */
    SLEEPING,
    /**
     * Spin briefly then {@code Thread.yield()}: low latency, gives the core away when others need it. The journal
     * thread touches the next journal page while it waits.
     */
    YIELDING,
    /** Spin forever: lowest latency, one core per consumer; only for machines with spare cores. */
    BUSY_SPIN;

    /**
     * @param idleWork run by {@link #YIELDING} and {@link #BUSY_SPIN} consumers while they wait.
     * @return a new strategy for one ring.
     */
    WaitStrategy newStrategy(final BooleanSupplier idleWork)
    {
        switch (this)
        {
            case BLOCKING: return new BlockingWaitStrategy();
            case SLEEPING: return new SleepingWaitStrategy();
            case BUSY_SPIN: return new IdleWorkWaitStrategy(idleWork, false);
            default: return new IdleWorkWaitStrategy(idleWork, true);
        }
    }
}
