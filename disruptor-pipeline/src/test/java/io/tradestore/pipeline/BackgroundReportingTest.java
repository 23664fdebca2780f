package io.tradestore.pipeline;

import io.tradestore.journal.CountersDescriptor;
import io.tradestore.journal.DurabilityMode;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's background threads report through the counters file and the error log: the snapshot count that
 * {@code stat} shows, and a snapshot agent that dies (the store keeps running, and says so).
 */
class BackgroundReportingTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    File dataDirectory;

    @Test
    void shouldPublishTheSnapshotCountInTheCountersFile() throws IOException
    {
        try (TradeStore store = TradeStore.open(
            config().snapshotEveryEvents(1_000).snapshotEveryNs(0), OutcomeListener.NO_OP))
        {
            long last = 0;
            for (int i = 0; i < 5_000; i++)
            {
                while ((last = store.tryMarketDataUpdate(i, 1 + i % 8, 1_000_000, 1, 1_000_100, 1, 0, 0)) ==
                    PublishStatus.BACK_PRESSURED)
                {
                    Thread.onSpinWait();
                }
            }
            assertEquals(0, store.awaitOutcome(last, TIMEOUT_NS));
            // 5,000 events, one snapshot due every 1,000 and none by time: exactly five, then the agent is idle
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while ((store.snapshotsTaken() < 5 || counter("snapshots taken") < 5) && System.nanoTime() < deadlineNs)
            {
                Thread.yield();
            }
            assertEquals(5, store.snapshotsTaken());
            assertEquals(5, counter("snapshots taken"));
            assertEquals(0, counter("background thread failures"));
        }
    }

    @Test
    void shouldCountAndLogASnapshotAgentThatDiesAndKeepAcceptingEvents() throws IOException, InterruptedException
    {
        final File snapshots = new File(dataDirectory, "snapshots");
        assertTrue(snapshots.mkdirs());
        Files.writeString(new File(snapshots, "work").toPath(), "a file where the agent's work directory goes");

        try (TradeStore store = TradeStore.open(config().snapshotEveryEvents(100), OutcomeListener.NO_OP))
        {
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while (counter("background thread failures") == 0 && System.nanoTime() < deadlineNs)
            {
                Thread.yield();
            }
            assertEquals(1, counter("background thread failures"));
            Thread.sleep(100); // a duplicate report would land about now
            assertEquals(1, counter("background thread failures"));
            final String errorLog = Files.readString(new File(dataDirectory, "errors.log").toPath());
            assertTrue(errorLog.contains(" ERROR snapshot agent stopped"), errorLog);
            assertTrue(!errorLog.contains("FATAL"), errorLog);

            final long sequence = store.tryMarketDataUpdate(1, 1, 1_000_000, 1, 1_000_100, 1, 0, 0);
            assertEquals(0, store.awaitOutcome(sequence, TIMEOUT_NS));
            assertEquals(0, store.snapshotsTaken());
        }
    }

    private TradeStoreConfig config()
    {
        return new TradeStoreConfig()
            .dataDirectory(dataDirectory)
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(1_000)
            .positionCapacity(100)
            .instrumentCapacity(8)
            .ringSize(1_024)
            .minFreeDiskBytes(0);
    }

    /** A counter's value read from the counters file the way another process (`stat`) reads it. */
    private long counter(final String label) throws IOException
    {
        final File file = new File(dataDirectory, CountersDescriptor.FILE_NAME);
        MappedByteBuffer mapped = null;
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ))
        {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, CountersDescriptor.HEADER_LENGTH);
            final int metadataLength = header.getInt(CountersDescriptor.METADATA_LENGTH_OFFSET);
            final int valuesLength = header.getInt(CountersDescriptor.VALUES_LENGTH_OFFSET);
            final CountersReader reader = new CountersReader(
                new UnsafeBuffer(mapped, CountersDescriptor.HEADER_LENGTH, metadataLength),
                new UnsafeBuffer(mapped, CountersDescriptor.HEADER_LENGTH + metadataLength, valuesLength));
            final long[] value = { Long.MIN_VALUE };
            reader.forEach((counterId, typeId, keyBuffer, name) ->
            {
                if (name.equals(label))
                {
                    value[0] = reader.getCounterValue(counterId);
                }
            });
            assertTrue(value[0] != Long.MIN_VALUE, "no counter labelled " + label);
            return value[0];
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }
}
