package io.tradestore.journal.tool;

import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.test.SessionGenerator;
import io.tradestore.journal.StoreEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayToolTest
{
    private static final int EVENTS = 20_000;

    @TempDir
    static Path shared;
    private static File data;
    private static ToolFixture.Session session;

    @BeforeAll
    static void writeJournal()
    {
        final long seed = SessionGenerator.seedFromSystemProperty();
        System.out.println("ReplayToolTest seed " + seed);
        data = shared.resolve("data").toFile();
        session = ToolFixture.write(data, seed, EVENTS);
    }

    private static ReplayTool.Options options()
    {
        return new ReplayTool.Options();
    }

    private static ToolFixture.Run replay(final ReplayTool.Options options)
    {
        return replay(ToolFixture.json(data), options);
    }

    private static ToolFixture.Run replay(final ToolOptions common, final ReplayTool.Options options)
    {
        return ToolFixture.run(new ReplayTool(common, options)::run);
    }

    @Test
    void shouldPrintEveryEventWithTheReferenceModelsOutcomeAsJson() throws Exception
    {
        final Map<String, String> before = ToolFixture.hashTree(data.toPath());
        final ToolFixture.Run run = replay(options());

        assertEquals(ToolExit.OK, run.exit, run.err);
        assertEquals("", run.err);
        final List<String> lines = run.lines();
        assertEquals(EVENTS, lines.size());
        int rejected = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            final Map<String, String> event = ToolFixture.parseJson(lines.get(i));
            final long sequence = i + 1;
            assertEquals(Long.toString(sequence), event.get("seq"));
            assertEquals(Instant.ofEpochSecond(0, ToolFixture.timestampNs(sequence)), Instant.parse(event.get("timestamp")));
            final int expected = session.outcomes[(int)sequence];
            assertEquals(expected == 0 ? "ACCEPTED" : "REJECTED", event.get("outcome"), lines.get(i));
            assertEquals(RejectReason.get((short)expected).name(), event.get("rejectReason"), lines.get(i));
            rejected += expected == 0 ? 0 : 1;
        }
        assertTrue(rejected > 0, "the session should contain rejects");
        assertEquals(before, ToolFixture.hashTree(data.toPath()));
    }

    @Test
    void shouldFilterBySequenceRangeAccountAndOrder()
    {
        final ToolFixture.Run all = replay(options().fromSequence(1000).toSequence(3000));
        assertEquals(ToolExit.OK, all.exit, all.err);
        assertEquals(2001, all.lines().size());

        final ToolFixture.Run byAccount = replay(ToolFixture.json(data).accountId(1L), options());
        assertEquals(ToolExit.OK, byAccount.exit, byAccount.err);
        long someOrder = -1;
        for (final String line : byAccount.lines())
        {
            final Map<String, String> event = ToolFixture.parseJson(line);
            assertTrue(event.get("type").matches("NewOrder|CancelOrder|ReplaceOrder|Fill"), line);
            if ("NewOrder".equals(event.get("type")))
            {
                assertEquals("1", event.get("accountId"), line);
                if ("ACCEPTED".equals(event.get("outcome")))
                {
                    someOrder = Long.parseLong(event.get("orderId"));
                }
            }
        }
        assertTrue(someOrder > 0, "account 1 should have an accepted order");

        final ToolFixture.Run byOrder = replay(options().orderId(someOrder));
        assertEquals(ToolExit.OK, byOrder.exit, byOrder.err);
        for (final String line : byOrder.lines())
        {
            assertEquals(Long.toString(someOrder), ToolFixture.parseJson(line).get("orderId"), line);
        }

        final ToolFixture.Run byTime = replay(options()
            .fromTime(Instant.ofEpochSecond(0, ToolFixture.timestampNs(10)).toString())
            .toTime(Instant.ofEpochSecond(0, ToolFixture.timestampNs(19)).toString()));
        assertEquals(10, byTime.lines().size());
        assertEquals("10", ToolFixture.parseJson(byTime.lines().get(0)).get("seq"));
    }

    @Test
    void shouldPrintCsvWithHeaderAndAlignedText()
    {
        final ToolFixture.Run csv = replay(ToolFixture.json(data).format(OutputFormat.CSV), options().toSequence(100));
        assertEquals(ToolExit.OK, csv.exit, csv.err);
        final List<String> lines = csv.lines();
        assertEquals(101, lines.size());
        assertTrue(lines.get(0).startsWith("seq,timestamp,type,outcome,rejectReason,correlationId"));
        final int columns = lines.get(0).split(",", -1).length;
        for (final String line : lines)
        {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        final ToolFixture.Run text = replay(ToolFixture.json(data).format(OutputFormat.TEXT),
            options().toSequence(100));
        assertEquals(101, text.lines().size());
        final int typeColumn = text.lines().get(0).indexOf(" TYPE");
        for (final String line : text.lines().subList(1, 101))
        {
            assertEquals(' ', line.charAt(typeColumn), line);
            assertTrue(Character.isLetter(line.charAt(typeColumn + 1)), line);
        }
    }

    @Test
    void shouldRejectBadArgumentsWithOneLine(@TempDir final Path empty)
    {
        assertError(data, options().fromSequence(10).toSequence(5), "--from-seq 10 is after --to-seq 5");
        assertError(data, options().fromTime("yesterday"), "--from-time: not an ISO-8601 UTC time");
        assertError(data, options().toTime("+999999-01-01T00:00:00Z"), "--to-time: time out of range");
        assertError(new File(empty.toFile(), "missing"), options(), "data directory does not exist");
        assertError(empty.toFile(), options(), "not a tradestore data directory");
    }

    @Test
    void shouldNameTheSequenceOfACorruptEntry(@TempDir final Path dir) throws Exception
    {
        final File corrupt = dir.resolve("data").toFile();
        ToolFixture.write(corrupt, 7, 500);
        ToolFixture.corruptEntry(corrupt, 321);
        final ToolFixture.Run run = replay(ToolFixture.json(corrupt), options());
        assertEquals(ToolExit.ERROR, run.exit);
        assertTrue(run.err.contains("sequence 321"), run.err);
        assertEquals(1, run.err.split("\n").length, run.err);
        assertEquals(320, run.lines().size());
    }

    @Test
    void shouldReplayAConsistentPrefixWhileAWriterAppends(@TempDir final Path dir) throws Exception
    {
        final File live = dir.resolve("live").toFile();
        final long seed = 99;
        ToolFixture.write(live, seed, 1_000);
        final int more = 30_000;
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            final SessionGenerator generator = ToolFixture.generator(seed);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SessionGenerator.MAX_EVENT_LENGTH]);
            try (StoreEngine engine = StoreEngine.open(ToolFixture.config(live)))
            {
                for (long sequence = 1; sequence < engine.nextSequence(); sequence++)
                {
                    generator.next(buffer, 0);
                }
                final long last = 1_000 + more;
                for (long sequence = engine.nextSequence(); sequence <= last; sequence++)
                {
                    final int length = generator.next(buffer, 0);
                    engine.writer().append(sequence, ToolFixture.timestampNs(sequence), buffer, 0, length);
                    // a batch of one, so the event can be applied from this buffer: completed, then applied
                    engine.writer().sync();
                    engine.stateMachine().apply(buffer, 0, length, sequence, ToolFixture.timestampNs(sequence));
                    engine.onApplied(sequence, ToolFixture.timestampNs(sequence));
                    if (sequence == 1_100)
                    {
                        started.countDown();
                    }
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
                started.countDown();
            }
        });
        writer.start();
        started.await();
        final ToolFixture.Run run = replay(ToolFixture.json(live), options());
        writer.join();
        assertNull(failure.get());
        assertEquals(ToolExit.OK, run.exit, run.err);

        final int[] outcomes = ToolFixture.write(dir.resolve("oracle").toFile(), seed, 1_000 + more).outcomes;
        final List<String> lines = run.lines();
        assertTrue(lines.size() >= 1_100, "replay saw " + lines.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final Map<String, String> event = ToolFixture.parseJson(lines.get(i));
            assertEquals(Long.toString(i + 1), event.get("seq"));
            assertEquals(outcomes[i + 1] == 0 ? "ACCEPTED" : "REJECTED", event.get("outcome"), lines.get(i));
        }
    }

    private static void assertError(final File data, final ReplayTool.Options options, final String message)
    {
        final ToolFixture.Run run = replay(ToolFixture.json(data), options);
        assertEquals(ToolExit.ERROR, run.exit);
        assertTrue(run.err.startsWith("replay: ") && run.err.contains(message), run.err);
        assertEquals(1, run.err.split("\n").length, run.err);
    }
}
