package io.tradestore.journal;

import io.tradestore.core.StateDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots are consistent at their sequence: loading one and replaying the journal after it gives exactly the
 * digest of a replay from the first event.
 */
class SnapshotTest
{
    private static final long SEED = 777;
    private static final long EVENTS = 30_000;

    @TempDir
    File dir;

    @Test
    void shouldGiveTheSameDigestFromAnySnapshotPlusTailAsFromFullReplay()
    {
        final long seed = SEED;
        System.out.println("SnapshotTest seed=" + seed);
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data).snapshotEveryEvents(EVENTS * 10).snapshotThread(false)
            .snapshotsToKeep(1_000);
        final Random random = new Random(seed);
        final long[] points = new long[10];
        for (int i = 0; i < points.length; i++)
        {
            points[i] = 1 + random.nextInt((int)EVENTS - 1);
        }
        java.util.Arrays.sort(points);

        try (StoreEngine engine = StoreEngine.open(config))
        {
            final SnapshotAgent agent = engine.snapshotAgent();
            final EventGenerator generator = new EventGenerator(seed);
            for (final long point : points)
            {
                TestSupport.ingest(engine, generator, point);
                agent.catchUpTo(point);
                if (agent.snapshotsTaken() == 0 || SnapshotFile.list(config.snapshotDirectory()).get(0).sequence < point)
                {
                    agent.takeSnapshotNow();
                }
            }
            TestSupport.ingest(engine, generator, EVENTS);
            assertEquals(distinct(points), agent.snapshotsTaken());
        }

        final List<SnapshotFile.Entry> snapshots = SnapshotFile.list(config.snapshotDirectory());
        assertEquals(distinct(points), snapshots.size());
        final long fullDigest;
        try (TestSupport.Oracle oracle = new TestSupport.Oracle(seed))
        {
            fullDigest = oracle.digestAt(EVENTS);
        }

        for (int i = 0; i < snapshots.size(); i++)
        {
            new StoreMeta(false, EVENTS, 0, 0).write(config.storeDirectory());
            try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
            {
                final RecoveryReport report = engine.recoveryReport();
                final long expectedSnapshot = snapshots.get(i).sequence;
                assertEquals(RecoveryReport.Mode.CRASH_RECOVERY, report.mode());
                assertEquals(expectedSnapshot, report.snapshotSequence(), report.toString());
                assertEquals(EVENTS - expectedSnapshot, report.eventsReplayed(), report.toString());
                assertEquals(fullDigest, TestSupport.digest(engine), "from snapshot @" + expectedSnapshot);
            }
            FileSupport.deleteFile(snapshots.get(i).file);
        }

        new StoreMeta(false, EVENTS, 0, 0).write(config.storeDirectory());
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(-1, engine.recoveryReport().snapshotSequence());
            assertEquals(EVENTS, engine.recoveryReport().eventsReplayed());
            assertEquals(fullDigest, TestSupport.digest(engine));
        }
    }

    @Test
    void shouldSkipACorruptSnapshotAndUseTheOlderOne()
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data).snapshotEveryEvents(1_000).snapshotThread(false);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final SnapshotAgent agent = engine.snapshotAgent();
            final EventGenerator generator = new EventGenerator(SEED);
            for (long target = 1_000; target <= 3_000; target += 1_000)
            {
                TestSupport.ingest(engine, generator, target);
                while (agent.shadowSequence() < target)
                {
                    agent.doWork();
                }
            }
            TestSupport.ingest(engine, generator, 3_500);
        }
        final List<SnapshotFile.Entry> snapshots = SnapshotFile.list(config.snapshotDirectory());
        assertEquals(3, snapshots.size());
        assertEquals(3_000, snapshots.get(0).sequence);
        damage(snapshots.get(0).file);
        new StoreMeta(false, 3_500, 0, 0).write(config.storeDirectory());

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(2_000, report.snapshotSequence(), report.toString());
            assertTrue(report.toString().contains("rejected"), report.toString());
            assertEquals(oracle.digestAt(3_500), TestSupport.digest(engine));
        }
    }

    @Test
    void shouldSnapshotOnItsOwnThreadWhileAnotherThreadJournalsAndApplies() throws Exception
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data).snapshotEveryEvents(5_000).snapshotsToKeep(2);
        final AtomicLong reached = new AtomicLong();
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final Thread pipeline = new Thread(() -> reached.set(
                TestSupport.ingest(engine, new EventGenerator(SEED), 40_000)), "test-pipeline");
            pipeline.start();
            pipeline.join();
            assertEquals(40_000, reached.get());
            final long deadlineNs = System.nanoTime() + 60_000_000_000L;
            while (engine.snapshotsTaken() < 8 && System.nanoTime() < deadlineNs && engine.snapshotError() == null)
            {
                Thread.onSpinWait();
            }
            assertNull(engine.snapshotError());
            assertEquals(8, engine.snapshotsTaken());
        }
        final List<SnapshotFile.Entry> snapshots = SnapshotFile.list(config.snapshotDirectory());
        assertEquals(2, snapshots.size());
        assertEquals(40_000, snapshots.get(0).sequence);
        assertEquals(35_000, snapshots.get(1).sequence);
        try (TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            for (int i = snapshots.size() - 1; i >= 0; i--)
            {
                final long[] header = SnapshotFile.readHeader(snapshots.get(i).file);
                assertEquals(snapshots.get(i).sequence, header[0]);
                assertEquals(oracle.digestAt(header[0]), header[1], "snapshot @" + header[0] + " taken while ingesting");
            }
        }

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
            final long live = StateDigest.of(engine.orders(), engine.positions(), engine.marketData());
            try (TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
            {
                assertEquals(oracle.digestAt(40_000), live);
            }
        }
    }

    private static long distinct(final long[] sorted)
    {
        long count = 0;
        for (int i = 0; i < sorted.length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                count++;
            }
        }
        return count;
    }

    private static void damage(final File file)
    {
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file, "rw"))
        {
            raf.seek(SnapshotDescriptor.HEADER_LENGTH + 3);
            final int b = raf.read();
            raf.seek(SnapshotDescriptor.HEADER_LENGTH + 3);
            raf.write(b ^ 0x10);
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
