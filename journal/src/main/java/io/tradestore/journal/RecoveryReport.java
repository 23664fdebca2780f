package io.tradestore.journal;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link StoreEngine#open(JournalConfig)} did to bring the store up: printed as one line at startup.
 * Immutable once the engine is open.
 */
public final class RecoveryReport
{
    /** How the state was obtained. */
    public enum Mode
    {
        /** Empty data directory: a new store. */
        NEW,
        /** Clean shutdown and the meta file matches the journal: mapped files reopened (tail replayed if any). */
        CLEAN_REOPEN,
        /** Crash: stores discarded, newest valid snapshot loaded, journal tail replayed. */
        CRASH_RECOVERY
    }

    private Mode mode = Mode.NEW;
    private long eventsReplayed;
    private long replayNs;
    private long elapsedNs;
    private long snapshotSequence = -1;
    private long lastSequence;
    private long droppedEntries;
    private boolean tornTailTruncated;
    private File backupDirectory;
    private final List<String> notes = new ArrayList<>();

    RecoveryReport()
    {
    }

    /** @return how the state was obtained. */
    public Mode mode()
    {
        return mode;
    }

    /** @return journal events applied during open. */
    public long eventsReplayed()
    {
        return eventsReplayed;
    }

    /** @return time spent replaying, in ns. */
    public long replayNs()
    {
        return replayNs;
    }

    /** @return wall time of the whole open, in ms. */
    public long elapsedMs()
    {
        return elapsedNs / 1_000_000;
    }

    /** @return sequence of the snapshot loaded, or -1 when none was used. */
    public long snapshotSequence()
    {
        return snapshotSequence;
    }

    /** @return sequence of the last event in the journal and in the state after open; 0 when empty. */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return journal entries dropped by a torn-tail truncation or a repair. */
    public long droppedEntries()
    {
        return droppedEntries;
    }

    /** @return true when a torn last entry was cut off. */
    public boolean tornTailTruncated()
    {
        return tornTailTruncated;
    }

    /** @return where the original journal was kept after a truncation or repair, or null. */
    public File backupDirectory()
    {
        return backupDirectory;
    }

    /** @return human-readable notes: snapshots skipped, entries dropped, files moved aside. */
    public List<String> notes()
    {
        return Collections.unmodifiableList(notes);
    }

    /** @return replay rate in events/s, 0 when nothing was replayed. */
    public double replayEventsPerSecond()
    {
        return replayNs == 0 ? 0 : eventsReplayed * 1e9 / replayNs;
    }

    void mode(final Mode mode)
    {
        this.mode = mode;
    }

    void replayed(final long events, final long ns)
    {
        eventsReplayed += events;
        replayNs += ns;
    }

    void resetReplay()
    {
        eventsReplayed = 0;
        replayNs = 0;
        snapshotSequence = -1;
    }

    void elapsedNs(final long elapsedNs)
    {
        this.elapsedNs = elapsedNs;
    }

    void snapshotSequence(final long snapshotSequence)
    {
        this.snapshotSequence = snapshotSequence;
    }

    void lastSequence(final long lastSequence)
    {
        this.lastSequence = lastSequence;
    }

    void dropped(final long entries, final boolean tornTail, final File backupDirectory)
    {
        droppedEntries += entries;
        tornTailTruncated |= tornTail;
        this.backupDirectory = backupDirectory;
    }

    void note(final String note)
    {
        notes.add(note);
    }

    @Override
    public String toString()
    {
        return "recovery: mode=" + mode + " lastSequence=" + lastSequence + " replayed=" + eventsReplayed +
            String.format(" (%.2fM events/s)", replayEventsPerSecond() / 1e6) + " elapsed=" + elapsedMs() + "ms" +
            " snapshot=" + (snapshotSequence < 0 ? "none" : "@" + snapshotSequence) +
            (droppedEntries > 0 || tornTailTruncated ? " dropped=" + droppedEntries + " backup=" + backupDirectory : "") +
            (notes.isEmpty() ? "" : " notes=" + notes);
    }
}
