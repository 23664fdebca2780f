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
 * seeded stream as the pipeline would, printing {@code ACK <sequence>} only after an event is journaled and
 * applied. The parent kills it with SIGKILL.
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
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final JournalWriter writer = engine.writer();
        long sequence = engine.nextSequence();
        while (true)
        {
            final int length = generator.encode(sequence, buffer, 0);
            final long timestampNs = EventGenerator.timestampNs(sequence);
            if (sequence == stopAt && "during-roll".equals(mode))
            {
                beginFirstEntryOfNextCycle(config);
                out.println("AT during-roll " + sequence);
                out.flush();
                park();
            }
            if (sequence == stopAt && "mid-entry".equals(mode))
            {
                writeHalfAnEntry(config, buffer, length);
                out.println("AT mid-entry " + sequence);
                out.flush();
                park();
            }
            if (writer.append(sequence, timestampNs, buffer, 0, length) != 0)
            {
                out.println("REFUSED " + sequence);
                out.flush();
                park();
            }
            if (sequence == stopAt && "journaled-not-applied".equals(mode))
            {
                out.println("AT journaled-not-applied " + sequence);
                out.flush();
                park();
            }
            engine.stateMachine().apply(buffer, 0, length, sequence, timestampNs);
            engine.onApplied(sequence, timestampNs);
            if ((sequence & 63) == 0)
            {
                writer.sync();
                out.println("ACK " + sequence);
                out.flush();
            }
            sequence++;
        }
    }

    private static void writeHalfAnEntry(final JournalConfig config, final UnsafeBuffer buffer, final int length)
    {
        final SingleChronicleQueue queue = JournalQueue.open(config.journalDirectory(), DurabilityMode.ASYNC, false);
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        context.wire().bytes().writeLong(Long.MAX_VALUE).writeLong(1);
        context.wire().bytes().write(buffer.byteArray(), 0, length / 2);
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
