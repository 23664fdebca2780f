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
    SEPARATE,

    /**
     * No pipeline thread: journal, apply and egress run as in {@link #SINGLE}, in the duty cycle of the thread that
     * calls {@link TradeStore#doWork()} (the gateway's agent, or an embedding application's own loop). An event
     * published by that thread is journaled, applied and answered without a thread hand-off; events published by
     * other threads wait for the owner's next duty cycle. Nothing completes while no thread calls
     * {@code doWork()}; {@link TradeStore#close()} drains the ring itself.
     */
    INVOKED;

    /** @return {@link #SINGLE} with two or fewer available processors, {@link #COMBINED} up to four, else {@link #SEPARATE}. */
    public static Topology forThisMachine()
    {
        final int processors = Runtime.getRuntime().availableProcessors();
        return processors <= 2 ? SINGLE : processors <= 4 ? COMBINED : SEPARATE;
    }
}
