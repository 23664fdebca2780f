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
     * Let the snapshot agent catch up with everything applied, writing the snapshots that are due on the way.
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
