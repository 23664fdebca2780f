package io.tradestore.journal;

/**
 * What the engine's background threads (snapshot agent, journal pretoucher) report to whoever publishes the store's
 * counters and error log. Called on those threads, so implementations must be thread-safe and must not block for
 * long; exceptions they throw are swallowed.
 */
public interface BackgroundListener
{
    /**
     * A snapshot was written. Calls may arrive out of order around registration: keep the largest count.
     *
     * @param snapshotsTaken since the engine opened.
     */
    void onSnapshot(long snapshotsTaken);

    /**
     * A background thread stopped on a failure. The store keeps running: a dead snapshot agent means no new
     * snapshots (recovery replays a longer journal tail), a dead pretoucher means slower first writes.
     *
     * @param thread  which thread.
     * @param failure what stopped it.
     */
    void onFailure(String thread, Throwable failure);
}
