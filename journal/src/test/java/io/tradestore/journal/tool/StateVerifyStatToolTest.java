package io.tradestore.journal.tool;

import io.tradestore.journal.CountersDescriptor;

import io.tradestore.core.OrderRecord;
import io.tradestore.core.PositionRecord;
import io.tradestore.core.test.ReferenceModel;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateVerifyStatToolTest
{
    private static final int EVENTS = 10_000;
    private static final long SEED = 4242;

    @TempDir
    static Path shared;
    private static File data;

    @BeforeAll
    static void writeJournal()
    {
        data = shared.resolve("data").toFile();
        ToolFixture.write(data, SEED, EVENTS);
    }

    private static StateTool.Options state()
    {
        return new StateTool.Options();
    }

    private static ToolFixture.Run state(final ToolOptions common, final StateTool.Options options)
    {
        return ToolFixture.run(new StateTool(common, options)::run);
    }

    @Test
    void shouldRebuildPositionsAndOpenOrdersAtASequenceAsTheReferenceModel() throws Exception
    {
        final Map<String, String> before = ToolFixture.hashTree(data.toPath());
        final long at = 6_543;
        final ReferenceModel model = ToolFixture.modelAt(SEED, at);
        final ToolFixture.Run bySeq = state(ToolFixture.json(data), state().atSequence(at));
        assertEquals(ToolExit.OK, bySeq.exit, bySeq.err);
        assertModel(model, bySeq.lines());

        final String time = Instant.ofEpochSecond(0, ToolFixture.timestampNs(at) + 500).toString();
        final ToolFixture.Run byTime = state(ToolFixture.json(data), state().atTime(time));
        assertEquals(bySeq.out, byTime.out);
        assertEquals(before, ToolFixture.hashTree(data.toPath()));

        final ToolFixture.Run text = state(ToolFixture.json(data).format(OutputFormat.TEXT), state().atSequence(at));
        assertTrue(text.out.startsWith("POSITIONS ("), text.out);
        final ToolFixture.Run csv = state(ToolFixture.json(data).accountId(2L).format(OutputFormat.CSV),
            state().atSequence(at));
        for (final String line : csv.lines().subList(1, csv.lines().size()))
        {
            assertEquals("2", line.split(",", -1)[1], line);
        }
    }

    @Test
    void shouldRejectBothAtSeqAndAtTimeAndOutOfRange()
    {
        assertError(state().atSequence(5L).atTime("2026-01-01T00:00:00Z"), "either --at-seq or --at-time");
        assertError(state().atSequence((long)EVENTS + 1), "beyond the journal end " + EVENTS);
        assertError(state().atTime("2000-01-01T00:00:00Z"), "before the first journaled event");
    }

    @Test
    void shouldVerifyACleanStoreAndReportADifferentDigest(@TempDir final Path dir) throws Exception
    {
        final Map<String, String> before = ToolFixture.hashTree(data.toPath());
        final ToolFixture.Run ok = ToolFixture.run(
            new VerifyTool(ToolFixture.json(data))::run);
        assertEquals(ToolExit.OK, ok.exit, ok.out + ok.err);
        assertTrue(ok.out.startsWith("OK: digest"), ok.out);
        assertEquals(before, ToolFixture.hashTree(data.toPath()));

        final File copy = dir.resolve("copy").toFile();
        IoUtil.ensureDirectoryExists(new File(copy, "store"), "store");
        IoUtil.ensureDirectoryExists(new File(copy, "journal"), "journal");
        for (final File cycle : new File(data, "journal").listFiles())
        {
            Files.copy(cycle.toPath(), new File(copy, "journal/" + cycle.getName()).toPath());
        }
        final byte[] meta = Files.readAllBytes(new File(data, "store/meta.dat").toPath());
        final UnsafeBuffer buffer = new UnsafeBuffer(meta);
        buffer.putLong(32, buffer.getLong(32) ^ 1);
        final CRC32C crc = new CRC32C();
        crc.update(meta, 0, 56);
        buffer.putInt(56, (int)crc.getValue());
        Files.write(new File(copy, "store/meta.dat").toPath(), meta);
        // the copy has no store/capacities.dat: verify replays with the assumed capacities and says so
        final ToolOptions legacy = ToolFixture.json(copy).assumedCapacities(ToolFixture.capacities());
        final ToolFixture.Run different = ToolFixture.run(new VerifyTool(legacy)::run);
        assertEquals(ToolExit.DIFFERENT, different.exit, different.out + different.err);
        assertTrue(different.err.startsWith("verify: note: ") && different.err.contains("capacities.dat is absent") &&
            different.err.contains(ToolFixture.capacities().toString()), different.err);
        assertTrue(different.out.contains("first divergent sequence"), different.out);

        buffer.putLong(16, EVENTS + 5);
        crc.reset();
        crc.update(meta, 0, 56);
        buffer.putInt(56, (int)crc.getValue());
        Files.write(new File(copy, "store/meta.dat").toPath(), meta);
        final ToolFixture.Run shorter = ToolFixture.run(new VerifyTool(legacy)::run);
        assertEquals(ToolExit.DIFFERENT, shorter.exit);
        assertTrue(shorter.out.contains("first divergent sequence " + (EVENTS + 1)), shorter.out);
    }

    @Test
    void shouldPrintCountersMetaAndJournalEnd(@TempDir final Path dir) throws Exception
    {
        final File copy = dir.resolve("stat").toFile();
        IoUtil.ensureDirectoryExists(new File(copy, "journal"), "journal");
        for (final File cycle : new File(data, "journal").listFiles())
        {
            Files.copy(cycle.toPath(), new File(copy, "journal/" + cycle.getName()).toPath());
        }
        final File counters = new File(copy, CountersDescriptor.FILE_NAME);
        final int metadataLength = 128 * 512;
        final int valuesLength = 128 * 128;
        final MappedByteBuffer mapped = IoUtil.mapNewFile(counters, 128 + metadataLength + valuesLength, true);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, 128);
        header.putInt(8, 1);
        header.putInt(12, metadataLength);
        header.putInt(16, valuesLength);
        header.putLong(24, 1234);
        header.putLong(0, CountersDescriptor.MAGIC);
        final CountersManager manager = new CountersManager(new UnsafeBuffer(mapped, 128, metadataLength),
            new UnsafeBuffer(mapped, 128 + metadataLength, valuesLength));
        manager.newCounter("events: NewOrder").set(77);
        manager.newCounter("last applied sequence").set(EVENTS);
        final byte[] hashBefore = Files.readAllBytes(counters.toPath());

        final ToolFixture.Run run = ToolFixture.run(new StatTool(new StatTool.Options().data(copy))::run);
        IoUtil.unmap(mapped);
        assertEquals(ToolExit.OK, run.exit, run.err);
        assertTrue(run.out.contains("events: NewOrder: 77\n"), run.out);
        assertTrue(run.out.contains("last applied sequence: " + EVENTS + "\n"), run.out);
        assertTrue(run.out.contains("counters.pid: 1234\n"), run.out);
        assertTrue(run.out.contains("meta: absent"), run.out);
        assertTrue(run.out.contains("journal.lastSequence: " + EVENTS + "\n"), run.out);
        assertEquals(new String(hashBefore, "ISO-8859-1"),
            new String(Files.readAllBytes(counters.toPath()), "ISO-8859-1"));

        final ToolFixture.Run clean = ToolFixture.run(new StatTool(new StatTool.Options().data(data))::run);
        assertTrue(clean.out.contains("meta.clean: true\nmeta.lastAppliedSequence: " + EVENTS), clean.out);
        assertTrue(clean.out.contains("counters: none"), clean.out);
    }

    static void assertModel(final ReferenceModel model, final List<String> lines)
    {
        final List<Map<String, String>> positions = new ArrayList<>();
        final List<Map<String, String>> orders = new ArrayList<>();
        for (final String line : lines)
        {
            final Map<String, String> object = ToolFixture.parseJson(line);
            ("position".equals(object.get("kind")) ? positions : orders).add(object);
        }
        final List<PositionRecord> expected = model.positions();
        assertEquals(expected.size(), positions.size());
        for (int i = 0; i < expected.size(); i++)
        {
            final PositionRecord p = expected.get(i);
            final Map<String, String> actual = positions.get(i);
            assertEquals(p.accountId + "/" + p.instrumentId + " net " + p.netQuantity + " buy " + p.buyQuantity + "@" +
                p.buyNotional + " sell " + p.sellQuantity + "@" + p.sellNotional + " pnl " + p.realizedPnl,
                actual.get("accountId") + "/" + actual.get("instrumentId") + " net " + actual.get("netQuantity") +
                " buy " + actual.get("buyQuantity") + "@" + actual.get("buyNotional") + " sell " +
                actual.get("sellQuantity") + "@" + actual.get("sellNotional") + " pnl " + actual.get("realizedPnl"));
        }
        final List<OrderRecord> live = new ArrayList<>();
        for (final OrderRecord order : model.orders())
        {
            if (order.isLive())
            {
                live.add(order);
            }
        }
        live.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        assertEquals(live.size(), orders.size());
        for (int i = 0; i < live.size(); i++)
        {
            final OrderRecord o = live.get(i);
            final Map<String, String> actual = orders.get(i);
            assertEquals(o.orderId + " " + o.accountId + " " + o.instrumentId + " " + o.price + " " + o.quantity + " " +
                o.filledQuantity + " " + o.statusEnum().name(),
                actual.get("orderId") + " " + actual.get("accountId") + " " + actual.get("instrumentId") + " " +
                actual.get("price") + " " + actual.get("quantity") + " " + actual.get("filledQuantity") + " " +
                actual.get("status"));
        }
    }

    private static void assertError(final StateTool.Options options, final String message)
    {
        final ToolFixture.Run run = state(ToolFixture.json(data), options);
        assertEquals(ToolExit.ERROR, run.exit);
        assertTrue(run.err.startsWith("state: ") && run.err.contains(message), run.err);
        assertEquals(1, run.err.split("\n").length, run.err);
    }
}
