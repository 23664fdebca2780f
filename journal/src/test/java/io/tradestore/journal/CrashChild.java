package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM of the crash tests: opens (and so recovers) the store, reports what it recovered, then ingests the
 * seeded stream as the pipeline would (a batch journaled into one document, completed, then applied), printing
 * {@code ACK <sequence>} only after a batch is journaled and applied. The parent kills it with SIGKILL.
 * <p>
 * Args: {@code dataDir seed mode [stopAt]}; mode {@code run} ingests until killed; {@code mid-entry},
 * {@code journaled-not-applied} and {@code during-roll} stop at {@code stopAt} in that state and wait to be killed.
 * Every mode but {@code run} journals with a one-second roll cycle ({@link #LABELLED_ROLL_CYCLE}), so a journal
 * written by the labelled runs spans many cycle files and {@code during-roll} never waits long for a roll.
 */
public final class CrashChild
{
    /** Roll cycle of the labelled crash points: a new cycle file every second of wall-clock time. */
    static final RollCycle LABELLED_ROLL_CYCLE = TestRollCycles.TEST_SECONDLY;
    /** Events per batch (one journal document each), a power of two. */
    private static final int BATCH = 64;
    private static final int SLOT = 256;

    private CrashChild()
    {
    }

    public static void main(final String[] args)
    {
        final File data = new File(args[0]);
        final long seed = Long.parseLong(args[1]);
        final String mode = args[2];
        final long stopAt = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        final PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);

        // a reserve big enough for the journal pretouch thread, so the kills also land while it touches ahead
        final JournalConfig config = TestSupport.config(data).snapshotEveryEvents(20_000).snapshotsToKeep(2)
            .minFreeDiskBytes(JournalPretoucher.MIN_RESERVE_FACTOR * JournalPretoucher.AHEAD_BYTES);
        if (!"run".equals(mode))
        {
            config.rollCycle(LABELLED_ROLL_CYCLE);
        }
        final StoreEngine engine = StoreEngine.open(config);
        final RecoveryReport report = engine.recoveryReport();
        out.println("OPEN " + report.lastSequence() + " " +
            StateDigest.of(engine.orders(), engine.positions(), engine.marketData()) + " " + report);
        out.flush();

        final EventGenerator generator = new EventGenerator(seed);
        final UnsafeBuffer batch = new UnsafeBuffer(new byte[BATCH * SLOT]);
        final int[] lengths = new int[BATCH];
        final JournalWriter writer = engine.writer();
        long sequence = engine.nextSequence();
        long batchFirst = sequence;
        int pending = 0;
        while (true)
        {
            final int offset = pending * SLOT;
            final int length = generator.encode(sequence, batch, offset);
            final long timestampNs = EventGenerator.timestampNs(sequence);
            if (sequence == stopAt && ("during-roll".equals(mode) || "mid-entry".equals(mode)))
            {
                // everything before stopAt journaled and applied, then the labelled state
                commitAndApply(engine, batch, lengths, batchFirst, pending);
                if ("during-roll".equals(mode))
                {
                    beginFirstEntryOfNextCycle(config);
                }
                else
                {
                    writeHalfAnEntry(config, batch, offset, length);
                }
                out.println("AT " + mode + " " + sequence);
                out.flush();
                park();
            }
            if (writer.append(sequence, timestampNs, batch, offset, length) != 0)
            {
                out.println("REFUSED " + sequence);
                out.flush();
                park();
            }
            lengths[pending++] = length;
            if (sequence == stopAt && "journaled-not-applied".equals(mode))
            {
                writer.sync();
                out.println("AT journaled-not-applied " + sequence);
                out.flush();
                park();
            }
            if ((sequence & (BATCH - 1)) == 0 || pending == BATCH)
            {
                commitAndApply(engine, batch, lengths, batchFirst, pending);
                out.println("ACK " + sequence);
                out.flush();
                batchFirst = sequence + 1;
                pending = 0;
            }
            sequence++;
        }
    }

    /** As the pipeline ends a batch: complete its journal document, then apply its events. */
    private static void commitAndApply(
        final StoreEngine engine, final UnsafeBuffer batch, final int[] lengths, final long first, final int count)
    {
        engine.writer().sync();
        for (int i = 0; i < count; i++)
        {
            final long sequence = first + i;
            final long timestampNs = EventGenerator.timestampNs(sequence);
            engine.stateMachine().apply(batch, i * SLOT, lengths[i], sequence, timestampNs);
            engine.onApplied(sequence, timestampNs);
        }
    }

    private static void writeHalfAnEntry(
        final JournalConfig config, final UnsafeBuffer buffer, final int offset, final int length)
    {
        final SingleChronicleQueue queue = JournalQueue.open(config.journalDirectory(), DurabilityMode.ASYNC, false);
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        context.wire().bytes().writeLong(Long.MAX_VALUE).writeLong(1);
        context.wire().bytes().write(buffer.byteArray(), offset, length / 2);
    }

    /**
     * Wait for the wall clock to enter the next cycle, then start appending on a second appender as the journal
     * thread would: Chronicle rolls (seals the current cycle file with an end-of-file marker, creates the next
     * cycle's file, takes the queue's write lock) and opens the first document there, which is never finished.
     * The parent kills the process in that state: mid-roll, lock held, new cycle begun but holding no entry.
     */
    private static void beginFirstEntryOfNextCycle(final JournalConfig config)
    {
        final SingleChronicleQueue queue = JournalQueue.open(config.journalDirectory(), DurabilityMode.ASYNC, false,
            LABELLED_ROLL_CYCLE);
        final int cycle = queue.cycle();
        while (queue.cycle() == cycle)
        {
            Thread.onSpinWait();
        }
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        if (appender.cycle() == cycle || !context.isOpen())
        {
            throw new IllegalStateException("did not roll: still in cycle " + appender.cycle());
        }
    }

    private static void park()
    {
        while (true)
        {
            LockSupport.park();
        }
    }
}
