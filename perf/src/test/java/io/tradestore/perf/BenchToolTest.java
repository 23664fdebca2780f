package io.tradestore.perf;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchToolTest
{
    private static final byte[] PNG_SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path directory;

    @Test
    void shouldWriteJsonMarkdownAndChartsFromFakeResults() throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final BenchReport report = new BenchReport(fakeMachine(), fakeResults(), "./tradestore bench --quick");

        BenchTool.writeAll(report, directory);

        final String json = Files.readString(directory.resolve("latest.json"), StandardCharsets.UTF_8);
        for (final String scenario : new String[]{
            "embedded", "gateway-batch", "gateway-pingpong", "redis", "tcp-echo", "queue-append"})
        {
            assertTrue(json.contains("{\"scenario\": \"" + scenario + "\""), scenario);
        }
        assertTrue(json.contains("\"throughputEventsPerSec\": 1500000.000"));
        assertTrue(json.contains("\"p50Ns\": null"));
        assertTrue(json.contains("\"status\": \"skipped\", \"reason\": \"redis-server not found\""));
        assertTrue(json.contains("\"p999Ns\": "));
        assertTrue(json.contains("\"value\": 10.000"), "embedded / redis ratio");
        assertEquals(count(json, '{'), count(json, '}'));
        assertEquals(count(json, '['), count(json, ']'));

        final String markdown = Files.readString(directory.resolve("latest.md"), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("2 processors (nproc), Test CPU"));
        assertTrue(markdown.contains("load average (1/5/15 min) before: 0.10 0.20 0.30"));
        assertTrue(markdown.contains("| embedded | throughput | ASYNC (page cache) |"));
        assertTrue(markdown.contains("skipped"));

        assertPng(directory.resolve("latency.png"));
        assertPng(directory.resolve("throughput.png"));
    }

    @Test
    void shouldJudgeTheAbsoluteTargetsOnTheBetterTopology()
    {
        final List<BenchResult> results = new ArrayList<>();
        results.add(throughput("embedded", "throughput", 1_030_000));
        results.add(throughput("embedded", "throughput-invoked", 850_000));
        results.add(openLoop("open-loop", 2_900_000, 4_700_000));
        results.add(openLoop("open-loop-invoked", 16_000, 304_000));
        results.add(throughput("gateway-batch", "throughput", 600_000));
        results.add(throughput("gateway-batch", "throughput-pipeline-thread", 1_100_000));
        final BenchResult sustained = throughput("embedded", "throughput-sustained", 1_700_000);
        sustained.slowestWindowEventsPerSecond = 1_420_000;
        results.add(sustained);

        final List<BenchReport.Ratio> goals = new BenchReport(fakeMachine(), results, "test").ratios();

        assertGoal(goals, "embedded ASYNC throughput, better topology (M events/s)", 1.03, "missed");
        assertGoal(goals, "embedded ASYNC open-loop @100k, better topology: p99 (us)", 16, "met");
        assertGoal(goals, "embedded ASYNC open-loop @100k, same row: p99.9 (us)", 304, "missed");
        assertGoal(goals, "gateway-batch acknowledged, better topology (M events/s)", 1.1, "met");
        assertGoal(goals, "embedded ASYNC sustained: slowest 1 s window of the long run (M events/s)", 1.42,
            "missed");
        assertTrue(new BenchReport(fakeMachine(), results, "test").json()
            .contains("\"slowestWindowEventsPerSec\": 1420000.000"));
    }

    private static BenchResult throughput(final String scenario, final String mode, final double perSecond)
    {
        final BenchResult result = new BenchResult(scenario, mode, "ASYNC (page cache)");
        result.throughputEventsPerSecond = perSecond;
        return result;
    }

    private static BenchResult openLoop(final String mode, final long p99Ns, final long p999Ns)
    {
        final BenchResult result = new BenchResult("embedded", mode, "ASYNC (page cache)");
        result.offeredRatePerSecond = 100_000;
        result.throughputEventsPerSecond = 100_000;
        result.p50Ns = 1_000;
        result.p99Ns = p99Ns;
        result.p999Ns = p999Ns;
        return result;
    }

    private static void assertGoal(
        final List<BenchReport.Ratio> goals, final String name, final double value, final String verdict)
    {
        for (final BenchReport.Ratio goal : goals)
        {
            if (goal.name.equals(name))
            {
                assertEquals(value, goal.value, 1e-9, name);
                assertEquals(verdict, goal.verdict, name);
                return;
            }
        }
        throw new AssertionError("no goal named " + name);
    }

    @Test
    void shouldEscapeJsonStrings()
    {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", BenchReport.quote("a\"b\\c\nd\u0001"));
    }

    @Test
    void shouldReportRedisAsSkippedWhenTheBinaryDoesNotExist()
    {
        final BenchWorkload workload = BenchWorkload.generate(7, 100);
        final List<BenchResult> results = new ArrayList<>();
        final String missing = directory.resolve("no-such-redis-server").toString();

        new RedisScenario(workload, missing, true).run(10, results);

        assertFalse(results.isEmpty());
        for (final BenchResult result : results)
        {
            assertEquals("redis", result.scenario);
            assertEquals(BenchResult.SKIPPED, result.status);
            assertTrue(result.reason.contains("not found"), result.reason);
            assertTrue(Double.isNaN(result.throughputEventsPerSecond));
        }
        final String json = new BenchReport(fakeMachine(), results, "test").json();
        assertTrue(json.contains("\"status\": \"skipped\""));
        assertTrue(json.contains("\"throughputEventsPerSec\": null"));
    }

    @Test
    void shouldSkipMalformedEventsSoEveryScenarioReplaysValidFrames()
    {
        final BenchWorkload first = BenchWorkload.generate(11, 5_000);
        final BenchWorkload second = BenchWorkload.generate(11, 5_000);

        assertEquals(5_000, first.count);
        assertArrayEquals(first.lengths, second.lengths);
        for (int i = 0; i < first.count; i++)
        {
            assertTrue(BenchWorkload.isStateEvent(first.templateIds[i]));
        }
    }

    private static MachineInfo fakeMachine()
    {
        final MachineInfo machine = new MachineInfo("Test JDK 17", 2, "Test CPU", "0.10 0.20 0.30",
            "2026-01-01T00:00:00Z");
        machine.loadAverageAfter = "0.40 0.50 0.60";
        return machine;
    }

    private static List<BenchResult> fakeResults()
    {
        final List<BenchResult> results = new ArrayList<>();
        final BenchResult embedded = new BenchResult("embedded", "throughput", "ASYNC (page cache)");
        embedded.throughputEventsPerSecond = 1_500_000;
        embedded.gcCount = 0;
        embedded.allocatedBytesPerEvent = 0;
        results.add(embedded);
        final BenchResult latency = new BenchResult("embedded", "open-loop", "ASYNC (page cache)");
        latency.offeredRatePerSecond = 100_000;
        latency.throughputEventsPerSecond = 100_000;
        latency.latency(histogram(5_000));
        results.add(latency);
        final BenchResult batch = new BenchResult("gateway-batch", "throughput", "ASYNC (page cache), over loopback TCP");
        batch.throughputEventsPerSecond = 450_000;
        results.add(batch);
        results.add(new BenchResult("gateway-pingpong", "round-trip", "ASYNC").latency(histogram(30_000)));
        results.add(new BenchResult("tcp-echo", "round-trip", "none").latency(histogram(20_000)));
        final BenchResult queue = new BenchResult("queue-append", "throughput", "ASYNC").latency(histogram(200));
        queue.throughputEventsPerSecond = 4_000_000;
        results.add(queue);
        final BenchResult redis = new BenchResult("redis", "throughput", "AOF everysec");
        redis.throughputEventsPerSecond = 150_000;
        results.add(redis);
        results.add(BenchResult.skipped("redis", "hget-rtt", "AOF everysec", "redis-server not found"));
        return results;
    }

    private static Histogram histogram(final long baseNs)
    {
        final Histogram histogram = new Histogram(3);
        for (int i = 1; i <= 1000; i++)
        {
            histogram.recordValue(baseNs + i * (baseNs / 100));
        }
        return histogram;
    }

    private static void assertPng(final Path file) throws IOException
    {
        final byte[] signature = new byte[PNG_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file))
        {
            assertEquals(PNG_SIGNATURE.length, in.read(signature));
        }
        assertArrayEquals(PNG_SIGNATURE, signature);
        final BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(ChartWriter.WIDTH, image.getWidth());
        assertEquals(ChartWriter.HEIGHT, image.getHeight());
    }

    private static int count(final String text, final char c)
    {
        int n = 0;
        for (int i = 0; i < text.length(); i++)
        {
            n += text.charAt(i) == c ? 1 : 0;
        }
        return n;
    }
}
