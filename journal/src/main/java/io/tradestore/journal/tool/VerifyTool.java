package io.tradestore.journal.tool;

import io.tradestore.core.StateDigest;
import io.tradestore.journal.SnapshotLoader;
import io.tradestore.journal.StoreMeta;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code verify}: rebuilds the state from the journal in a scratch directory and compares its
 * {@link StateDigest} with the live store's.
 * <p>
 * What the live digest is:
 * <ul>
 *   <li>Store shut down cleanly ({@code store/meta.dat} says clean): the digest written there at shutdown, at
 *   its last applied sequence. The journal is replayed up to that sequence.</li>
 *   <li>Store running, or crashed: its Chronicle Map files cannot be opened without writing to them (Chronicle
 *   Map takes locks in the file), so they are never opened. The newest snapshot whose header passes its CRC is
 *   the reference instead: its recorded digest at its sequence. The output says so.</li>
 *   <li>Neither: nothing to compare against; exit {@link ToolExit#ERROR}.</li>
 * </ul>
 * Every snapshot at or before the compared sequence is also checked on the way, so on a difference the first
 * divergent sequence is narrowed to the interval after the newest agreeing snapshot; it is exact when the journal
 * ends before the live store's last applied sequence. Read-only. Single thread.
 */
public final class VerifyTool
{
    private final ToolOptions options;

    /**
     * @param options the data directory and the capacities to assume when it records none; read when
     *                {@link #run} is called (format and account are not used).
     */
    public VerifyTool(final ToolOptions options)
    {
        this.options = options;
    }

    /**
     * Rebuild and compare.
     *
     * @param out receives the verdict.
     * @param err receives one line on error, and progress when attached to a terminal.
     * @return {@link ToolExit#OK} when equal, {@link ToolExit#DIFFERENT} when not, {@link ToolExit#ERROR} on error.
     */
    public int run(final PrintStream out, final PrintStream err)
    {
        try
        {
            final DataDirectory data = DataDirectory.open(options.data());
            final StoreMeta meta = data.readMeta();
            final List<SnapshotLoader.Header> snapshots = data.snapshotHeaders();
            final long target;
            final long expectedDigest;
            final String reference;
            if (meta != null && meta.clean())
            {
                target = meta.lastAppliedSequence();
                expectedDigest = meta.digest();
                reference = "live store (clean shutdown) at sequence " + target;
            }
            else if (!snapshots.isEmpty())
            {
                final SnapshotLoader.Header newest = snapshots.get(snapshots.size() - 1);
                target = newest.sequence();
                expectedDigest = newest.digest();
                reference = "snapshot " + newest.file().getName() + " (the live store is running or was not shut " +
                    "down cleanly; its files are not opened)";
            }
            else
            {
                throw new ToolException("cannot verify: the store is running or was not shut down cleanly, and " +
                    "there is no snapshot to compare against");
            }

            try (ScratchReplay replay =
                ScratchReplay.create(data, data.capacities(options.assumedCapacities(), err, "verify")))
            {
                final SnapshotCheck check = new SnapshotCheck(replay, snapshots, target);
                final long reached = target == 0 ? 0 : replay.replay(target, check, err);
                if (reached < target)
                {
                    out.println("DIFFERENT: " + reference + " but the journal ends at " + reached +
                        "; first divergent sequence " + (reached + 1));
                    return ToolExit.DIFFERENT;
                }
                final long digest = replay.digest();
                if (digest == expectedDigest)
                {
                    out.println("OK: digest " + StateDigest.toHex(digest) + " rebuilt from the journal at sequence " +
                        target + " matches the " + reference);
                    return ToolExit.OK;
                }
                final long upper = check.firstDisagreeing < 0 ? target : check.firstDisagreeing;
                final String where = upper == check.lastAgreeing + 1 ?
                    "first divergent sequence " + upper :
                    "first divergent sequence in " + (check.lastAgreeing + 1) + ".." + upper;
                out.println("DIFFERENT: rebuilt digest " + StateDigest.toHex(digest) + " != " +
                    StateDigest.toHex(expectedDigest) + " of the " + reference + "; " + where);
                return ToolExit.DIFFERENT;
            }
        }
        catch (final ToolException ex)
        {
            out.flush();
            err.println("verify: " + ex.getMessage());
            return ToolExit.ERROR;
        }
    }

    /** Compares the rebuilt digest with each snapshot's as the replay passes its sequence. */
    private static final class SnapshotCheck implements ScratchReplay.EventSink
    {
        private final ScratchReplay replay;
        private final long[] sequences;
        private final long[] digests;
        private int next;
        long lastAgreeing;
        long firstDisagreeing = -1;

        SnapshotCheck(final ScratchReplay replay, final List<SnapshotLoader.Header> snapshots, final long target)
        {
            this.replay = replay;
            final int count = (int)snapshots.stream().filter((s) -> s.sequence() > 0 && s.sequence() <= target).count();
            sequences = new long[count];
            digests = new long[count];
            int i = 0;
            for (final SnapshotLoader.Header snapshot : snapshots)
            {
                if (snapshot.sequence() > 0 && snapshot.sequence() <= target)
                {
                    sequences[i] = snapshot.sequence();
                    digests[i] = snapshot.digest();
                    i++;
                }
            }
        }

        @Override
        public void onEvent(
            final long sequence,
            final long timestampNs,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int outcome)
        {
            while (next < sequences.length && sequences[next] == sequence)
            {
                if (replay.digest() == digests[next])
                {
                    if (firstDisagreeing < 0)
                    {
                        lastAgreeing = sequence;
                    }
                }
                else if (firstDisagreeing < 0)
                {
                    firstDisagreeing = sequence;
                }
                next++;
            }
        }
    }
}
