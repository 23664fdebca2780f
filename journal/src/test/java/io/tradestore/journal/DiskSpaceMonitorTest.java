package io.tradestore.journal;

import io.tradestore.core.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one free-space mechanism with a simulated file system: ingress closes at the reserve while the writer keeps
 * journaling admitted events down to the floor (half the reserve), refuses below it, and both reopen as soon as
 * the writer measures again. The real full disk is {@link DiskFullTest}.
 */
class DiskSpaceMonitorTest
{
    private static final long RESERVE = 1_000_000;

    @TempDir
    File data;

    private final AtomicLong usable = new AtomicLong(100 * RESERVE);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldCloseIngressAtTheReserveAndTheJournalOnlyAtTheFloorThenReopenBoth()
    {
        final JournalConfig config = TestSupport.config(data).minFreeDiskBytes(RESERVE).usableDiskBytes(usable::get);
        final EventGenerator generator = new EventGenerator(8);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final DiskSpaceMonitor diskSpace = engine.diskSpace();
            assertFalse(diskSpace.refuseIngress());
            assertEquals(2_000, TestSupport.ingest(engine, generator, 2_000));

            usable.set(RESERVE - 1);
            final long afterReserve = journalUntilMeasured(engine, generator, 2_000);
            assertTrue(diskSpace.refuseIngress(), "ingress closes at the first measurement below the reserve");
            assertEquals(afterReserve + 1_000, TestSupport.ingest(engine, generator, afterReserve + 1_000),
                "events admitted before ingress closed are still journaled above the floor");
            assertFalse(engine.writer().isDiskFull());

            usable.set(RESERVE / 2 - 1);
            final long last = TestSupport.ingest(engine, generator, afterReserve + 100_000);
            assertTrue(last < afterReserve + 100_000, "the writer refuses below the floor");
            assertTrue(engine.writer().isDiskFull());
            assertEquals(RejectReason.DISK_FULL.value(), appendNext(engine, generator, last + 1));
            assertEquals(last, engine.writer().lastSequence(), "a refusal writes nothing");

            usable.set(100 * RESERVE);
            assertEquals(0, appendNext(engine, generator, last + 1), "the writer resumes at once");
            assertFalse(diskSpace.refuseIngress(), "and its measurement reopens ingress");
        }
    }

    @Test
    void shouldHaveRoomForASnapshotFileOnlyIfTheReserveStaysFree()
    {
        usable.set(RESERVE + 10);
        final JournalConfig config = TestSupport.config(data).minFreeDiskBytes(RESERVE).usableDiskBytes(usable::get);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            assertFalse(engine.diskSpace().hasRoomFor(11));
            assertTrue(engine.diskSpace().hasRoomFor(10));
        }
    }

    @Test
    void shouldBackOffWhenASnapshotIsDueButTheDiskHasNoRoomForIt()
    {
        // room for the journal (above the reserve) but not for a snapshot file on top of it
        usable.set(RESERVE + 1_000);
        final JournalConfig config = TestSupport.config(data).minFreeDiskBytes(RESERVE).usableDiskBytes(usable::get)
            .snapshotEveryEvents(100).snapshotThread(false);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final SnapshotAgent agent = engine.snapshotAgent();
            TestSupport.ingest(engine, new EventGenerator(7), 300);
            int work;
            int calls = 0;
            while ((work = agent.doWork()) > 0 && calls < 10_000)
            {
                calls++;
            }
            assertEquals(0, work, "the due snapshot is retried later, not in a tight loop");
            assertEquals(1, agent.snapshotsSkipped(), "one attempt, then the back-off");
            assertEquals(0, agent.snapshotsTaken());
            assertTrue(calls < 10_000);
        }
    }

    /** Ingest until the writer has measured the free space again (every 64 KiB of journal). */
    private static long journalUntilMeasured(
        final StoreEngine engine, final EventGenerator generator, final long from)
    {
        final long bytesBefore = engine.writer().bytesWritten();
        long sequence = from;
        while (engine.writer().bytesWritten() - bytesBefore <= JournalWriter.FREE_SPACE_CHECK_INTERVAL_BYTES)
        {
            sequence = TestSupport.ingest(engine, generator, sequence + 1);
        }
        return sequence;
    }

    private int appendNext(final StoreEngine engine, final EventGenerator generator, final long sequence)
    {
        final int length = generator.encode(sequence, buffer, 0);
        return engine.writer().append(sequence, EventGenerator.timestampNs(sequence), buffer, 0, length);
    }
}
