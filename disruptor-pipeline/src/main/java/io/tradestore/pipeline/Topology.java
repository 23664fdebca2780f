package io.tradestore.pipeline;

/**
 * How the consumer stages map onto threads. Every topology journals before it applies.
 */
public enum Topology
{
    /**
     * Journal, apply and egress in one consumer thread; outcomes of a batch are delivered after the batch is
     * journaled (and forced in SYNC mode) and applied. The default on machines with two or fewer cores, where
     * every extra busy thread takes a core from the producers (the gateway agent, embedding threads).
     */
    SINGLE,

    /** Journal and apply in one consumer thread, egress in a second. */
    COMBINED,

    /** Journal, apply and egress each on their own thread: for machines with cores to spare. */
    SEPARATE;

    /** @return {@link #SINGLE} with two or fewer available processors, {@link #COMBINED} up to four, else {@link #SEPARATE}. */
    public static Topology forThisMachine()
    {
        final int processors = Runtime.getRuntime().availableProcessors();
        return processors <= 2 ? SINGLE : processors <= 4 ? COMBINED : SEPARATE;
    }
}
