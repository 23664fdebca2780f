package io.tradestore.journal.tool;

import io.tradestore.core.test.ReferenceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code state} and {@code replay} start from the newest snapshot at or before the point: the state equals the
 * independent reference model of the journal prefix, snapshot files are only read (a corrupt one is skipped, not
 * moved), and no byte of the data directory changes.
 */
class SnapshotStartTest
{
    private static final int EVENTS = 10_000;
    private static final int SNAPSHOT_EVERY = 1_000;
    private static final long SEED = 777;

    @TempDir
    Path dir;

    private File write()
    {
        final File data = dir.resolve("data").toFile();
        ToolFixture.write(data, SEED, EVENTS, SNAPSHOT_EVERY);
        assertEquals(EVENTS / SNAPSHOT_EVERY, new File(data, "snapshots").list((d, name) ->
            name.startsWith("snapshot-") && name.endsWith(".bin")).length);
        return data;
    }

    @Test
    void shouldRebuildStateFromTheNewestSnapshotAtOrBeforeThePointAsTheReferenceModel() throws Exception
    {
        final File data = write();
        final Map<String, String> before = ToolFixture.hashTree(data.toPath());
        for (final long at : new long[] { 999, 1_000, 4_500, 7_001, EVENTS })
        {
            try (ScratchReplay replay = ScratchReplay.create(DataDirectory.open(data), ToolFixture.capacities()))
            {
                assertEquals(at / SNAPSHOT_EVERY * SNAPSHOT_EVERY, replay.startFromSnapshot(at));
                assertEquals(at, replay.replay(at, null, System.err));
                assertEquals(ToolFixture.modelAt(SEED, at).digest(), replay.digest(), "at " + at);
            }
        }

        final long at = 4_500;
        final ReferenceModel model = ToolFixture.modelAt(SEED, at);
        final ToolFixture.Run bySeq = ToolFixture.run(new StateTool(ToolFixture.json(data), new StateTool.Options().atSequence(at))::run);
        assertEquals(ToolExit.OK, bySeq.exit, bySeq.err);
        StateVerifyStatToolTest.assertModel(model, bySeq.lines());
        final String time = Instant.ofEpochSecond(0, ToolFixture.timestampNs(at) + 999).toString();
        final ToolFixture.Run byTime = ToolFixture.run(new StateTool(ToolFixture.json(data), new StateTool.Options().atTime(time))::run);
        assertEquals(ToolExit.OK, byTime.exit, byTime.err);
        assertEquals(bySeq.out, byTime.out);
        assertEquals(before, ToolFixture.hashTree(data.toPath()));
    }

    @Test
    void shouldReplayWithTrueOutcomesFromASnapshotBeforeFromSeq() throws Exception
    {
        final File data = dir.resolve("data").toFile();
        final ToolFixture.Session session = ToolFixture.write(data, SEED, EVENTS, SNAPSHOT_EVERY);
        final ToolFixture.Run run = ToolFixture.run(new ReplayTool(ToolFixture.json(data),
            new ReplayTool.Options().fromSequence(5_501).toSequence(5_700))::run);
        assertEquals(ToolExit.OK, run.exit, run.err);
        assertEquals(200, run.lines().size());
        long expected = 5_501;
        for (final String line : run.lines())
        {
            final Map<String, String> event = ToolFixture.parseJson(line);
            assertEquals(Long.toString(expected), event.get("seq"));
            assertEquals(session.outcomes[(int)expected] == 0 ? "ACCEPTED" : "REJECTED", event.get("outcome"), line);
            expected++;
        }
        final ToolFixture.Run byTime = ToolFixture.run(new ReplayTool(ToolFixture.json(data), new ReplayTool.Options().toSequence(5_700)
            .fromTime(Instant.ofEpochSecond(0, ToolFixture.timestampNs(5_501)).toString()))::run);
        assertEquals(ToolExit.OK, byTime.exit, byTime.err);
        assertEquals(run.out, byTime.out);
    }

    @Test
    void shouldGiveTheLiveOutcomesWhenTheOrderStoreFillsUpUsingTheRecordedCapacities()
    {
        final File data = dir.resolve("data").toFile();
        final long orderCapacity = 700;
        final ToolFixture.Session session = ToolFixture.write(data, SEED, 6_000, 2_000, orderCapacity);
        final ToolFixture.Run run = ToolFixture.run(new ReplayTool(ToolFixture.json(data),
            new ReplayTool.Options().fromSequence(2_001))::run);
        assertEquals(ToolExit.OK, run.exit, run.err);
        assertEquals("", run.err);
        long expected = 2_001;
        int full = 0;
        for (final String line : run.lines())
        {
            final Map<String, String> event = ToolFixture.parseJson(line);
            assertEquals(Long.toString(expected), event.get("seq"));
            final int outcome = session.outcomes[(int)expected];
            assertEquals(outcome == 0 ? "ACCEPTED" : "REJECTED", event.get("outcome"), line);
            full += "ORDER_STORE_FULL".equals(event.get("rejectReason")) ? 1 : 0;
            expected++;
        }
        assertEquals(6_001, expected);
        assertTrue(full > 0, "no ORDER_STORE_FULL reject in the session");
    }

    @Test
    void shouldSkipACorruptSnapshotWithoutMovingOrChangingIt() throws Exception
    {
        final File data = write();
        final File corrupt = new File(data, "snapshots/snapshot-00000000000000005000.bin");
        try (RandomAccessFile raf = new RandomAccessFile(corrupt, "rw"))
        {
            final long at = raf.length() - 7;
            raf.seek(at);
            final int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x5A);
        }
        final Map<String, String> before = ToolFixture.hashTree(data.toPath());
        try (ScratchReplay replay = ScratchReplay.create(DataDirectory.open(data), ToolFixture.capacities()))
        {
            assertEquals(4_000, replay.startFromSnapshot(5_500));
            assertEquals(5_500, replay.replay(5_500, null, System.err));
            assertEquals(ToolFixture.modelAt(SEED, 5_500).digest(), replay.digest());
        }
        final ToolFixture.Run run = ToolFixture.run(new StateTool(ToolFixture.json(data), new StateTool.Options().atSequence(5_200L))::run);
        assertEquals(ToolExit.OK, run.exit, run.err);
        StateVerifyStatToolTest.assertModel(ToolFixture.modelAt(SEED, 5_200), run.lines());
        assertEquals(before, ToolFixture.hashTree(data.toPath()));
    }

    @Test
    void shouldFindTheLastSequenceAtOrBeforeATimeByBinarySearch() throws IOException
    {
        final File data = write();
        try (ScratchReplay replay = ScratchReplay.create(DataDirectory.open(data), ToolFixture.capacities()))
        {
            assertEquals(0, replay.lastSequenceAtOrBefore(ToolFixture.timestampNs(1) - 1));
            assertEquals(EVENTS, replay.lastSequenceAtOrBefore(Long.MAX_VALUE));
            for (final long at : new long[] { 1, 2, 999, 5_000, 6_789, EVENTS - 1, EVENTS })
            {
                assertEquals(at, replay.lastSequenceAtOrBefore(ToolFixture.timestampNs(at)));
                assertEquals(at, replay.lastSequenceAtOrBefore(ToolFixture.timestampNs(at) + 999));
            }
        }
    }
}
