package io.tradestore.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measurement, not a test: replay rate after a crash and clean reopen time. Runs only with
 * {@code -Dtradestore.bench=true} (events: {@code -Dtradestore.bench.events}, default 2M); prints numbers and
 * asserts only correctness. Mode ASYNC.
 */
class RecoveryBenchmarkTest
{
    @TempDir
    File dir;

    @Test
    void measureReplayRateAndCleanReopen()
    {
        assumeTrue(Boolean.getBoolean("tradestore.bench"), "set -Dtradestore.bench=true to measure");
        final long events = Long.getLong("tradestore.bench.events", 2_000_000);
        final File data = new File(dir, "data");
        final JournalConfig config = TestSupport.config(data).orderCapacity(events).positionCapacity(100_000);

        long startNs = System.nanoTime();
        final long digest;
        try (StoreEngine engine = StoreEngine.open(config))
        {
            TestSupport.ingest(engine, new EventGenerator(1), events);
            digest = TestSupport.digest(engine);
            System.out.printf("ingest (journal+apply, one thread, ASYNC): %d events in %d ms, %d orders%n",
                events, (System.nanoTime() - startNs) / 1_000_000, engine.orders().size());
        }
        new StoreMeta(false, events, 0, 0).write(config.storeDirectory());

        for (int i = 0; i < 2; i++)
        {
            startNs = System.nanoTime();
            try (StoreEngine engine = StoreEngine.open(TestSupport.config(data).orderCapacity(events)
                .positionCapacity(100_000)))
            {
                final RecoveryReport report = engine.recoveryReport();
                System.out.println("crash " + report);
                assertEquals(events, report.eventsReplayed());
                assertEquals(digest, TestSupport.digest(engine));
            }
            new StoreMeta(false, events, 0, 0).write(config.storeDirectory());
        }

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data).orderCapacity(events)
            .positionCapacity(100_000)))
        {
            assertEquals(RecoveryReport.Mode.CRASH_RECOVERY, engine.recoveryReport().mode());
        }
        for (int i = 0; i < 3; i++)
        {
            startNs = System.nanoTime();
            final StoreEngine engine = StoreEngine.open(TestSupport.config(data).orderCapacity(events)
                .positionCapacity(100_000));
            final long openNs = System.nanoTime() - startNs;
            System.out.printf("clean reopen with %d orders: %d ms (%s)%n", engine.orders().size(), openNs / 1_000_000,
                engine.recoveryReport());
            assertEquals(RecoveryReport.Mode.CLEAN_REOPEN, engine.recoveryReport().mode());
            startNs = System.nanoTime();
            engine.close();
            System.out.printf("clean close (digest + fsync + meta): %d ms%n", (System.nanoTime() - startNs) / 1_000_000);
        }
    }
}
