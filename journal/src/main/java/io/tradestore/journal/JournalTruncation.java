package io.tradestore.journal;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;

/**
 * Cuts a journal back to its longest valid prefix. Chronicle Queue cannot delete committed entries, so the
 * valid prefix is copied entry by entry (CRC re-checked) into a fresh queue (in documents of up to
 * {@link JournalDescriptor#MAX_DOCUMENT_LENGTH}, as the writer batches them), the original directory is renamed to
 * a backup beside it, and the copy takes its place. Nothing is deleted. Snapshots beyond the new end are moved
 * aside too, since they would describe events that are no longer in the journal.
 */
final class JournalTruncation
{
    private JournalTruncation()
    {
    }

    /** Outcome of a truncation. */
    static final class Result
    {
        final long lastSequence;
        final long droppedEntries;
        final File backupDirectory;

        Result(final long lastSequence, final long droppedEntries, final File backupDirectory)
        {
            this.lastSequence = lastSequence;
            this.droppedEntries = droppedEntries;
            this.backupDirectory = backupDirectory;
        }
    }

    /**
     * The journal's queue must be closed by every user before this is called.
     *
     * @param config the store's configuration.
     * @param reason word used in the backup directory name ("torn" or "repair").
     * @return the new last sequence, entries dropped and the backup directory.
     */
    static Result truncateToValidPrefix(final JournalConfig config, final String reason)
    {
        final File journal = config.journalDirectory();
        final File copy = new File(config.dataDirectory(), "journal.truncating");
        FileSupport.deleteTree(copy);

        long lastSequence = 0;
        long dropped;
        try (SingleChronicleQueue source = JournalQueue.open(journal, DurabilityMode.ASYNC, true);
            JournalReader reader = new JournalReader(source, false);
            SingleChronicleQueue target =
                JournalQueue.open(copy, DurabilityMode.ASYNC, false, config.rollCycle());
            JournalWriter writer = new JournalWriter(target, DurabilityMode.ASYNC, 0, DiskSpaceMonitor.UNCHECKED))
        {
            final JournalEntryHandler copier = writer::append;
            try
            {
                while (reader.poll(copier, 65_536) > 0)
                {
                    lastSequence = writer.lastSequence();
                }
            }
            catch (final JournalCorruptException ex)
            {
                lastSequence = writer.lastSequence();
            }
            dropped = Math.max(0, reader.countEntries() - lastSequence);
        }
        FileSupport.forceTree(copy);

        final SimpleDateFormat format = new SimpleDateFormat("yyyyMMdd-HHmmss-SSS");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        final File backup = new File(config.dataDirectory(), "journal-" + reason + "-" + format.format(new Date()));
        FileSupport.move(journal, backup);
        FileSupport.move(copy, journal);
        FileSupport.forceDirectory(config.dataDirectory());

        moveSnapshotsBeyond(config, lastSequence, backup);
        return new Result(lastSequence, dropped, backup);
    }

    /** Move snapshots taken after {@code lastSequence} into {@code backup/snapshots}. */
    static int moveSnapshotsBeyond(final JournalConfig config, final long lastSequence, final File backup)
    {
        int moved = 0;
        for (final SnapshotFile.Entry entry : SnapshotFile.list(config.snapshotDirectory()))
        {
            if (entry.sequence > lastSequence)
            {
                final File target = new File(backup, "snapshots");
                FileSupport.ensureDirectory(target);
                FileSupport.move(entry.file, new File(target, entry.file.getName()));
                moved++;
            }
        }
        return moved;
    }
}
