package io.tradestore.pipeline;

/**
 * How the consumer stages map onto threads. Every topology journals before it applies.
 */
public enum Topology
{
    /**
     * Journal and apply in one consumer thread, egress in a second: the default on machines with two or fewer
     * cores, where a third busy thread would starve the producers.
     */
    COMBINED,

    /** Journal, apply and egress each on their own thread: for machines with cores to spare. */
    SEPARATE;

    /** @return {@link #COMBINED} with two or fewer available processors, else {@link #SEPARATE}. */
    public static Topology forThisMachine()
    {
        return Runtime.getRuntime().availableProcessors() <= 2 ? COMBINED : SEPARATE;
    }
}
