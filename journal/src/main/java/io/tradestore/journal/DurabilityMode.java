package io.tradestore.journal;

/**
 * What an acknowledged event survives. Every benchmark names the mode it ran in.
 */
public enum DurabilityMode
{
    /**
     * Default. {@link JournalWriter#append} copies the entry into the memory-mapped journal file, i.e. into the
     * operating system's page cache, and {@link JournalWriter#sync()} does nothing. An event acknowledged after
     * append survives the death of the JVM (SIGKILL, crash, OOM): the kernel owns the dirty pages and writes them
     * back on its own schedule. It does <b>not</b> survive a kernel panic or power loss: the events of the last
     * few seconds (the kernel's dirty write-back interval) can be lost; recovery then finds a shorter journal and
     * rebuilds the state of that shorter prefix.
     */
    ASYNC,

    /**
     * Group commit. Append is as in {@link #ASYNC}; {@link JournalWriter#sync()} forces every entry appended so
     * far to the storage device ({@code msync(MS_SYNC)} of the journal file through Chronicle Queue's
     * {@code SyncMode.SYNC}) and returns only when the device has acknowledged it. The pipeline calls it once per
     * batch, before any event of that batch is acknowledged, so an acknowledged event survives power loss as well,
     * provided the device honours cache flushes. Costs roughly 100 µs per batch on this machine's virtual disk.
     */
    SYNC
}
