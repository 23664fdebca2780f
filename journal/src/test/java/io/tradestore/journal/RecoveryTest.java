package io.tradestore.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest
{
    private static final long SEED = 42;

    @TempDir
    File dir;

    @Test
    void shouldStartEmptyThenReopenCleanlyWithoutReplay()
    {
        final File data = new File(dir, "data");
        final EventGenerator generator = new EventGenerator(SEED);
        long digest;
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(RecoveryReport.Mode.NEW, engine.recoveryReport().mode());
            assertEquals(1, engine.nextSequence());
            assertEquals(5_000, TestSupport.ingest(engine, generator, 5_000));
            digest = TestSupport.digest(engine);
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, report.mode(), report.toString());
            assertEquals(0, report.eventsReplayed());
            assertEquals(5_000, report.lastSequence());
            assertEquals(5_001, engine.nextSequence());
            assertEquals(digest, TestSupport.digest(engine));
            assertEquals(oracle.digestAt(5_000), digest);

            assertEquals(7_000, TestSupport.ingest(engine, generator, 7_000));
            assertEquals(oracle.digestAt(7_000), TestSupport.digest(engine));
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
            assertEquals(7_001, engine.nextSequence());
        }
    }

    @Test
    void shouldDiscardStoresAndReplayWhenShutdownWasNotClean() throws IOException
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), 8_000);
        }
        new StoreMeta(false, 8_000, 0, 0).write(config.storeDirectory());
        final byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        Files.write(new File(config.storeDirectory(), StoreFiles.ORDERS).toPath(), garbage);

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(RecoveryReport.Mode.CRASH_RECOVERY, report.mode(), report.toString());
            assertEquals(8_000, report.eventsReplayed());
            assertEquals(8_001, engine.nextSequence());
            assertEquals(oracle.digestAt(8_000), TestSupport.digest(engine));
            assertNotNull(report.toString());
        }
    }

    @Test
    void shouldReplayOnlyTheTailWhenCleanMetaIsBehindTheJournal()
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            final EventGenerator generator = new EventGenerator(SEED);
            TestSupport.ingest(engine, generator, 3_000);
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
            for (long sequence = 3_001; sequence <= 3_100; sequence++)
            {
                final int length = generator.encode(sequence, buffer, 0);
                engine.writer().append(sequence, EventGenerator.timestampNs(sequence), buffer, 0, length);
            }
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, report.mode(), report.toString());
            assertEquals(100, report.eventsReplayed());
            assertEquals(oracle.digestAt(3_100), TestSupport.digest(engine));
            assertTrue(report.toString().contains("replayed=100"));
        }
    }

    @Test
    void shouldRebuildAStoreWhoseMapFilesHaveAnOlderLayoutAndDeleteThem() throws IOException
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            TestSupport.ingest(engine, new EventGenerator(SEED), 4_000);
        }
        // a directory a build before OrderLayout/PositionLayout left: clean meta, maps under the old names
        Files.move(new File(config.storeDirectory(), StoreFiles.ORDERS).toPath(),
            new File(config.storeDirectory(), StoreFiles.OLDER_LAYOUT[0]).toPath());
        Files.move(new File(config.storeDirectory(), StoreFiles.POSITIONS).toPath(),
            new File(config.storeDirectory(), StoreFiles.OLDER_LAYOUT[1]).toPath());

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(RecoveryReport.Mode.CRASH_RECOVERY, report.mode(), report.toString());
            assertTrue(report.toString().contains("older layout"), report.toString());
            assertEquals(4_000, report.eventsReplayed());
            assertEquals(oracle.digestAt(4_000), TestSupport.digest(engine));
        }
        for (final String name : StoreFiles.OLDER_LAYOUT)
        {
            assertTrue(!new File(config.storeDirectory(), name).exists(), name + " was not deleted");
        }
    }

    @Test
    void shouldNotTrustCurrentMapFilesWhenOlderLayoutFilesLieNextToThem() throws IOException
    {
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data);
        final EventGenerator generator = new EventGenerator(SEED);
        try (StoreEngine engine = StoreEngine.open(config))
        {
            TestSupport.ingest(engine, generator, 2_000);
        }
        final File stale = new File(dir, "stale");
        Files.createDirectories(stale.toPath());
        for (final String name : new String[]{ StoreFiles.ORDERS, StoreFiles.POSITIONS })
        {
            Files.copy(new File(config.storeDirectory(), name).toPath(), new File(stale, name).toPath());
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
            TestSupport.ingest(engine, generator, 4_000);
        }
        // what a downgrade and upgrade leave: the older build rebuilt into the old names and left these behind
        for (final String name : new String[]{ StoreFiles.ORDERS, StoreFiles.POSITIONS })
        {
            Files.copy(new File(stale, name).toPath(), new File(config.storeDirectory(), name).toPath(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(new File(stale, StoreFiles.ORDERS).toPath(),
            new File(config.storeDirectory(), StoreFiles.OLDER_LAYOUT[0]).toPath());

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data));
            TestSupport.Oracle oracle = new TestSupport.Oracle(SEED))
        {
            final RecoveryReport report = engine.recoveryReport();
            assertEquals(RecoveryReport.Mode.CRASH_RECOVERY, report.mode(), report.toString());
            assertEquals(oracle.digestAt(4_000), TestSupport.digest(engine), "the stale current-layout maps were used");
        }
        for (final String name : StoreFiles.OLDER_LAYOUT)
        {
            assertTrue(!new File(config.storeDirectory(), name).exists(), name + " was not deleted");
        }
    }
}
