package io.tradestore.perf;

import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline a user would build instead: Redis on loopback (AOF, fsync every second) driven by Jedis, the state
 * change of each event done server-side by one Lua script ({@code trade-state.lua}, loaded with SCRIPT LOAD, called
 * with EVALSHA). Throughput pipelined with a sync every {@link #PIPELINE_DEPTH} events; round trips of a single
 * EVALSHA and of a single HGET of a position, closed loop. The script arguments are prepared before the clock
 * starts, so the client's encoding cost is left out (in Redis's favour).
 */
final class RedisScenario
{
    static final String NAME = "redis";
    static final int PIPELINE_DEPTH = 1_000;
    private static final byte[] NET = "net".getBytes(StandardCharsets.US_ASCII);

    private final BenchWorkload workload;
    private final String binary;
    private final boolean install;

    RedisScenario(final BenchWorkload workload, final String binary, final boolean install)
    {
        this.workload = workload;
        this.binary = binary;
        this.install = install;
    }

    /**
     * @param samples round trips for each latency row.
     * @param results receives the rows (skipped rows with a reason when Redis cannot run).
     */
    void run(final int samples, final List<BenchResult> results)
    {
        final StringBuilder problems = new StringBuilder();
        final File executable = RedisServer.locate(binary, install, problems);
        RedisServer server = null;
        if (null != executable)
        {
            server = RedisServer.start(executable, problems);
        }
        if (null == server)
        {
            skip(results, problems.toString());
            return;
        }
        try (RedisServer running = server; Jedis jedis = new Jedis("127.0.0.1", running.port))
        {
            System.err.printf("bench: redis-server pid %d on 127.0.0.1:%d%n", running.pid(), running.port);
            final String sha = jedis.scriptLoad(script());
            final byte[] shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
            final byte[][][] arguments = arguments();

            final BenchResult throughput = new BenchResult(NAME, "throughput", RedisServer.DURABILITY);
            final GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < arguments.length; i++)
            {
                pipeline.evalsha(shaBytes, 0, arguments[i]);
                if ((i + 1) % PIPELINE_DEPTH == 0)
                {
                    pipeline.sync();
                }
            }
            pipeline.sync();
            pipeline.close();
            final long elapsedNs = System.nanoTime() - startNs;
            meter.stop(throughput, arguments.length);
            throughput.events = arguments.length;
            throughput.throughputEventsPerSecond = arguments.length * 1e9 / elapsedNs;
            throughput.note = "Jedis pipelined, sync every " + PIPELINE_DEPTH + "; one EVALSHA of the Lua script " +
                "per event; " + jedis.dbSize() + " keys after the run";
            results.add(throughput);

            results.add(evalshaRoundTrips(jedis, shaBytes, arguments, samples));
            results.add(hgetRoundTrips(jedis, samples));
        }
        catch (final RuntimeException ex)
        {
            results.removeIf(result -> NAME.equals(result.scenario));
            skip(results, "Redis run failed: " + ex);
        }
    }

    private static BenchResult evalshaRoundTrips(
        final Jedis jedis, final byte[] sha, final byte[][][] arguments, final int samples)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final int warmup = Math.min(samples / 4, 5_000);
        final int total = Math.min(arguments.length, samples + warmup);
        jedis.flushAll();
        for (int i = 0; i < total; i++)
        {
            final long startNs = System.nanoTime();
            jedis.evalsha(sha, 0, arguments[i]);
            if (i >= warmup)
            {
                histogram.recordValue(System.nanoTime() - startNs);
            }
        }
        final BenchResult result = new BenchResult(NAME, "evalsha-rtt", RedisServer.DURABILITY);
        result.events = total - warmup;
        result.note = "closed loop: one EVALSHA (the event's state change) in flight";
        return result.latency(histogram);
    }

    private static BenchResult hgetRoundTrips(final Jedis jedis, final int samples)
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final int warmup = Math.min(samples / 4, 5_000);
        final byte[][] keys = new byte[BenchWorkload.ACCOUNTS][];
        for (int a = 0; a < keys.length; a++)
        {
            keys[a] = ("p:" + (a + 1) + ":1").getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < samples + warmup; i++)
        {
            final long startNs = System.nanoTime();
            jedis.hget(keys[i % keys.length], NET);
            if (i >= warmup)
            {
                histogram.recordValue(System.nanoTime() - startNs);
            }
        }
        final BenchResult result = new BenchResult(NAME, "hget-rtt", RedisServer.DURABILITY);
        result.events = samples;
        result.note = "closed loop: one HGET of a position field";
        return result.latency(histogram);
    }

    static void skip(final List<BenchResult> results, final String reason)
    {
        results.add(BenchResult.skipped(NAME, "throughput", RedisServer.DURABILITY, reason));
        results.add(BenchResult.skipped(NAME, "evalsha-rtt", RedisServer.DURABILITY, reason));
        results.add(BenchResult.skipped(NAME, "hget-rtt", RedisServer.DURABILITY, reason));
    }

    private byte[][][] arguments()
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        final FillDecoder fill = new FillDecoder();
        final MarketDataUpdateDecoder marketData = new MarketDataUpdateDecoder();
        final String instruments = Integer.toString(BenchWorkload.INSTRUMENTS);
        final byte[][][] arguments = new byte[workload.count][][];
        for (int i = 0; i < workload.count; i++)
        {
            final int offset = workload.offsets[i];
            header.wrap(workload.buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = header.blockLength();
            final int version = header.version();
            switch (workload.templateIds[i])
            {
                case NewOrderDecoder.TEMPLATE_ID:
                    newOrder.wrap(workload.buffer, body, blockLength, version);
                    arguments[i] = bytes("N", newOrder.orderId(), newOrder.accountId(), newOrder.instrumentId(),
                        newOrder.sideRaw(), newOrder.price(), newOrder.quantity(), instruments);
                    break;
                case CancelOrderDecoder.TEMPLATE_ID:
                    cancel.wrap(workload.buffer, body, blockLength, version);
                    arguments[i] = bytes("C", cancel.orderId(), cancel.accountId());
                    break;
                case ReplaceOrderDecoder.TEMPLATE_ID:
                    replace.wrap(workload.buffer, body, blockLength, version);
                    arguments[i] = bytes("R", replace.orderId(), replace.accountId(), replace.price(),
                        replace.quantity());
                    break;
                case FillDecoder.TEMPLATE_ID:
                    fill.wrap(workload.buffer, body, blockLength, version);
                    arguments[i] = bytes("F", fill.orderId(), fill.accountId(), fill.price(), fill.quantity());
                    break;
                default:
                    marketData.wrap(workload.buffer, body, blockLength, version);
                    arguments[i] = bytes("M", marketData.instrumentId(), marketData.bidPrice(),
                        marketData.bidQuantity(), marketData.askPrice(), marketData.askQuantity(),
                        marketData.lastPrice(), marketData.lastQuantity(), instruments);
                    break;
            }
        }
        return arguments;
    }

    private static byte[][] bytes(final Object... values)
    {
        final byte[][] result = new byte[values.length][];
        for (int i = 0; i < values.length; i++)
        {
            result[i] = String.valueOf(values[i]).getBytes(StandardCharsets.US_ASCII);
        }
        return result;
    }

    static String script()
    {
        try (InputStream in = RedisScenario.class.getResourceAsStream("trade-state.lua"))
        {
            if (null == in)
            {
                throw new IllegalStateException("trade-state.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read trade-state.lua", ex);
        }
    }
}
