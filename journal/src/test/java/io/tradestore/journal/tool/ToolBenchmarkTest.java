package io.tradestore.journal.tool;

import io.tradestore.core.test.SessionGenerator;
import io.tradestore.journal.JournalConfig;
import io.tradestore.journal.JournalEntryHandler;
import io.tradestore.journal.JournalReader;
import io.tradestore.journal.SnapshotTestHooks;
import io.tradestore.journal.StoreCapacities;
import io.tradestore.journal.StoreEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measurement, not a test: {@code replay --format json} to /dev/null and {@code state --at-seq} in the middle of a
 * journal with snapshots; replay with a filter that prints nothing (the replay thread's cost: read, apply,
 * decode) and the printer's work alone on one thread (read, decode, format, write; no apply), which together say
 * what share of a printed event is formatting and what is apply. Runs only with {@code -Dtradestore.bench=true}; {@code -Dtradestore.bench.events}
 * (default 2M) events from a {@link SessionGenerator} (20 accounts, 50 instruments), snapshot every
 * {@code -Dtradestore.bench.snapshotEvery} (default 1M); {@code -Dtradestore.bench.dir=DIR} keeps (and reuses)
 * the data directory there. Prints numbers; asserts only exit codes.
 */
class ToolBenchmarkTest
{
    private static final long POSITION_CAPACITY = 10_000;
    private static final int INSTRUMENT_CAPACITY = 64;

    @TempDir
    Path dir;

    @Test
    void measureReplayJsonAndStateAtSeq() throws Exception
    {
        assumeTrue(Boolean.getBoolean("tradestore.bench"), "set -Dtradestore.bench=true to measure");
        final long events = Long.getLong("tradestore.bench.events", 2_000_000);
        final long snapshotEvery = Long.getLong("tradestore.bench.snapshotEvery", 1_000_000);
        final String keep = System.getProperty("tradestore.bench.dir");
        final File data = keep == null ? dir.resolve("data").toFile() : new File(keep);
        if (!new File(data, "journal").isDirectory())
        {
            write(data, events, snapshotEvery);
        }
        else if (StoreCapacities.read(new File(data, "store")) == null)
        {
            // a kept directory written before capacities were recorded: a clean reopen records them
            StoreEngine.open(config(data, events, snapshotEvery)).close();
        }
        final ToolOptions json = new ToolOptions().data(data).format(OutputFormat.JSON);

        final PrintStream err = new PrintStream(new ByteArrayOutputStream());
        for (int i = 0; i < 2; i++)
        {
            // as System.out is built: a 128-byte BufferedOutputStream, autoflush
            try (PrintStream devNull = new PrintStream(
                new BufferedOutputStream(new FileOutputStream("/dev/null"), 128), true))
            {
                final long startNs = System.nanoTime();
                final int exit = new ReplayTool(json, new ReplayTool.Options()).run(devNull, err);
                final long elapsedNs = System.nanoTime() - startNs;
                assertEquals(ToolExit.OK, exit);
                System.out.printf("replay --format json > /dev/null: %,d events in %.2f s = %,.0f events/s%n",
                    events, elapsedNs / 1e9, events * 1e9 / elapsedNs);
            }
        }
        try (PrintStream devNull = new PrintStream(new FileOutputStream("/dev/null"), false))
        {
            final long startNs = System.nanoTime();
            final int exit = new ReplayTool(json, new ReplayTool.Options().orderId(-1L)).run(devNull, err);
            final long elapsedNs = System.nanoTime() - startNs;
            assertEquals(ToolExit.OK, exit);
            System.out.printf("replay --order -1 (replay + decode, nothing printed): %,d events in %.2f s = %,.0f" +
                " events/s (%.0f ns/event)%n", events, elapsedNs / 1e9, events * 1e9 / elapsedNs,
                (double)elapsedNs / events);
        }
        for (int i = 0; i < 2; i++)
        {
            measureFormattingOnly(data, events);
        }
        final long at = events / 2 + snapshotEvery / 3;
        for (int i = 0; i < 2; i++)
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final long startNs = System.nanoTime();
            final int exit;
            try (PrintStream out = new PrintStream(bytes, false))
            {
                exit = new StateTool(json, new StateTool.Options().atSequence(at)).run(out, err);
            }
            assertEquals(ToolExit.OK, exit);
            System.out.printf("state --at-seq %,d --format json: %.2f s, %,d bytes of output%n",
                at, (System.nanoTime() - startNs) / 1e9, bytes.size());
        }
    }

    /**
     * The printer's share alone: read the journal, decode, format as JSON and write to /dev/null on one thread,
     * with no state machine (outcome 0 for every event). Compare with the replay that prints nothing.
     */
    private static void measureFormattingOnly(final File data, final long events) throws Exception
    {
        try (PrintStream devNull = new PrintStream(new BufferedOutputStream(new FileOutputStream("/dev/null"), 128),
            true); JournalReader reader = JournalReader.open(new File(data, "journal")))
        {
            final EventPrinter printer = new EventPrinter(devNull, OutputFormat.JSON);
            final JournalEntryHandler format = (sequence, timestampNs, buffer, offset, length) ->
            {
                printer.decode(buffer, offset, length);
                printer.print(sequence, timestampNs, 0);
            };
            final long startNs = System.nanoTime();
            long read = 0;
            int polled;
            while ((polled = reader.poll(format, 4096)) > 0)
            {
                read += polled;
            }
            printer.flush();
            final long elapsedNs = System.nanoTime() - startNs;
            assertEquals(events, read);
            System.out.printf("read + decode + format json > /dev/null, no apply: %,d events in %.2f s = %,.0f" +
                " events/s (%.0f ns/event)%n", read, elapsedNs / 1e9, read * 1e9 / elapsedNs, (double)elapsedNs / read);
        }
    }

    private static JournalConfig config(final File data, final long events, final long snapshotEvery)
    {
        return SnapshotTestHooks.withoutSnapshotThread(new JournalConfig().dataDirectory(data).orderCapacity(events)
            .positionCapacity(POSITION_CAPACITY).instrumentCapacity(INSTRUMENT_CAPACITY)
            .snapshotEveryEvents(snapshotEvery).snapshotEveryNs(0).snapshotsToKeep((int)(events / snapshotEvery) + 1)
            .minFreeDiskBytes(0));
    }

    private static void write(final File data, final long events, final long snapshotEvery)
    {
        final SessionGenerator generator = new SessionGenerator(new SessionGenerator.Config().seed(11).accounts(20)
            .instruments(50).invalidFraction(0.02));
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
        final JournalConfig config = config(data, events, snapshotEvery);

        final long startNs = System.nanoTime();
        try (StoreEngine engine = StoreEngine.open(config))
        {
            for (long sequence = 1; sequence <= events; sequence++)
            {
                final int length = generator.next(buffer, 0);
                final long timestampNs = ToolFixture.timestampNs(sequence);
                if (engine.writer().append(sequence, timestampNs, buffer, 0, length) != 0)
                {
                    throw new IllegalStateException("journal refused " + sequence);
                }
                engine.writer().sync();
                engine.stateMachine().apply(buffer, 0, length, sequence, timestampNs);
                engine.onApplied(sequence, timestampNs);
                if (sequence % snapshotEvery == 0)
                {
                    SnapshotTestHooks.drive(engine);
                }
            }
            System.out.printf("wrote %,d events (%,d orders) with a snapshot every %,d in %.1f s%n", events,
                engine.orders().size(), snapshotEvery, (System.nanoTime() - startNs) / 1e9);
        }
    }
}
