package io.tradestore.journal;

/**
 * Test access to the snapshot agent for tests outside this package: snapshots driven on the test thread instead of
 * the agent's own, so the snapshot points are deterministic.
 */
public final class SnapshotTestHooks
{
    private SnapshotTestHooks()
    {
    }

    /**
     * @param config to change.
     * @return the config with the snapshot thread disabled; drive snapshots with {@link #drive(StoreEngine)}.
     */
    public static JournalConfig withoutSnapshotThread(final JournalConfig config)
    {
        return config.snapshotThread(false);
    }

    /**
     * Run the snapshot agent until it has nothing to do: it writes every snapshot that is due, catching its shadow
     * state up to each one. Catch-up is lazy, so the shadow stops at the last snapshot point, not at the last
     * applied event.
     *
     * @param engine opened with {@link #withoutSnapshotThread(JournalConfig)} and snapshots enabled.
     * @return number of snapshots taken since open.
     */
    public static long drive(final StoreEngine engine)
    {
        final SnapshotAgent agent = engine.snapshotAgent();
        int work;
        do
        {
            work = agent.doWork();
        }
        while (work > 0);
        return agent.snapshotsTaken();
    }
}
