package io.tradestore.perf;

import io.tradestore.core.sbe.CancelOrderDecoder;
import io.tradestore.core.sbe.FillDecoder;
import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.core.sbe.NewOrderDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.ReplaceOrderDecoder;
import io.tradestore.core.sbe.Side;
import io.tradestore.gateway.Credentials;
import io.tradestore.gateway.EventSink;
import io.tradestore.gateway.GatewayContext;
import io.tradestore.gateway.GatewayServer;
import io.tradestore.gateway.client.ClientListener;
import io.tradestore.gateway.client.GatewayClient;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway over loopback: a {@link TradeStore} and a {@link GatewayServer} in this JVM, started as the demo
 * command does (own users file in the temporary data directory), driven by one {@link GatewayClient} replaying the
 * session. A fresh store per measurement so every run sends the same bytes to the same state.
 */
final class GatewayScenario implements ClientListener, AutoCloseable
{
    static final String BATCH = "gateway-batch";
    static final String PING_PONG = "gateway-pingpong";
    private static final String USER = "bench-trader";
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final int WINDOW = 4096;
    private static final String TOPOLOGY_NOTE = "store driven by the gateway agent (" +
        GatewayServer.DEFAULT_STORE_TOPOLOGY + ", as serve and demo run it)";
    private static final String PIPELINE_THREAD_NOTE = "store on its own pipeline thread (SINGLE): hand-off to it and back";

    private final BenchWorkload workload;
    private final DurabilityMode mode = DurabilityMode.ASYNC;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final MarketDataUpdateDecoder marketData = new MarketDataUpdateDecoder();

    private File directory;
    private TradeStore store;
    private GatewayServer server;
    private GatewayClient client;
    private OpenLoopHarness harness;
    private long firstCorrelationId;
    private long acked;
    private long lastAckedCorrelationId;

    GatewayScenario(final BenchWorkload workload)
    {
        this.workload = workload;
    }

    String durability()
    {
        return EmbeddedScenario.durabilityLabel(mode) + ", over loopback TCP";
    }

    public void onAck(
        final long correlationId, final long sequence, final RejectReason rejectReason, final OrderStatus orderStatus)
    {
        if (correlationId == 0)
        {
            return;
        }
        acked++;
        lastAckedCorrelationId = correlationId;
        if (null != harness)
        {
            harness.onComplete(correlationId - firstCorrelationId);
        }
    }

    public void onDisconnect(final String reason)
    {
        throw new IllegalStateException("gateway disconnected the bench client: " + reason);
    }

    /**
     * One batching client: send the session as fast as the window allows, until the last ack. While the window is
     * full the client idles with its {@link GatewayClient#idleStrategy()} (spin, yield, park) instead of spinning on
     * {@code read}: on two cores a spinning client takes the core the store's consumer thread needs.
     */
    BenchResult throughput() throws IOException
    {
        start(GatewayServer.DEFAULT_STORE_TOPOLOGY);
        return throughput("throughput", durability(), "window " + WINDOW + " unacked events, " + TOPOLOGY_NOTE);
    }

    /**
     * The same batching client against a store with its own pipeline thread ({@link Topology#SINGLE}, the embedded
     * default on two cores): the gateway agent hands each event to that thread and takes the outcome back.
     */
    BenchResult throughputWithPipelineThread() throws IOException
    {
        start(Topology.SINGLE);
        return throughput("throughput-pipeline-thread", durability(), "window " + WINDOW + " unacked events, " +
            PIPELINE_THREAD_NOTE);
    }

    /**
     * The gateway's own ceiling: the same batching client, but the server's sink acknowledges every event at once on
     * the gateway agent thread (outcome straight into the gateway's outcome ring, no store, no journal, no second
     * thread). Everything else (read, frame decode, validation, authorisation, ack encode, writes) is the real gateway.
     */
    BenchResult throughputWithoutStore() throws IOException
    {
        start(null);
        return throughput("no-store", "none (no store: outcome at once on the gateway thread), over loopback TCP",
            "gateway alone: window " + WINDOW + " unacked events");
    }

    private BenchResult throughput(final String mode, final String durability, final String note) throws IOException
    {
        try
        {
            final long events = workload.count;
            final GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            final IdleStrategy idle = client.idleStrategy();
            for (int i = 0; i < events; i++)
            {
                if (i - acked >= WINDOW)
                {
                    client.flush();
                    idle.reset();
                    while (i - acked >= WINDOW)
                    {
                        idle.idle(pollOrTimeout(startNs));
                    }
                }
                send(i);
            }
            client.flush();
            idle.reset();
            while (acked < events)
            {
                idle.idle(pollOrTimeout(startNs));
            }
            final long elapsedNs = System.nanoTime() - startNs;
            final BenchResult result = new BenchResult(BATCH, mode, durability);
            meter.stop(result, events);
            result.events = events;
            result.throughputEventsPerSecond = events * 1e9 / elapsedNs;
            result.note = note;
            return result;
        }
        finally
        {
            stop();
        }
    }

    /** Open-loop at a fixed rate: encode when due, flush and poll while waiting for the next due time. */
    BenchResult latency(final double ratePerSecond, final int events) throws IOException
    {
        start(GatewayServer.DEFAULT_STORE_TOPOLOGY);
        try
        {
            final int total = Math.min(events, workload.count);
            final int warmup = total / 5;
            final IdleStrategy flushAndPoll = new WorkWhileWaiting(this::flushAndPoll);
            final OpenLoopHarness run = new OpenLoopHarness(new OpenLoopHarness.Context()
                .ratePerSecond(ratePerSecond).warmupEvents(warmup).measuredEvents(total - warmup)
                .completionTimeoutNs(TIMEOUT_NS).idleStrategy(flushAndPoll));
            harness = run;
            final OpenLoopHarness.Result measured = run.run(index ->
            {
                try
                {
                    send((int)index);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
                if ((index & 255) == 255)
                {
                    flushAndPoll.idle();
                }
            });
            harness = null;
            final BenchResult result = new BenchResult(BATCH, "open-loop", durability()).from(measured);
            if (measured.throughputEventsPerSecond < ratePerSecond * 0.95)
            {
                result.note = BenchResult.join(result.note, "offered rate not sustained");
            }
            return result;
        }
        finally
        {
            stop();
        }
    }

    /** One event in flight: send, flush, spin on poll until its ack; closed-loop round trips. */
    BenchResult pingPong(final int samples) throws IOException
    {
        start(GatewayServer.DEFAULT_STORE_TOPOLOGY);
        return pingPong(samples, "round-trip", durability(), "closed loop: one event in flight, encode to ack, " +
            TOPOLOGY_NOTE);
    }

    /** The same ping-pong against a store with its own pipeline thread: two thread hand-offs per round trip. */
    BenchResult pingPongWithPipelineThread(final int samples) throws IOException
    {
        start(Topology.SINGLE);
        return pingPong(samples, "round-trip-pipeline-thread", durability(), "closed loop: one event in flight, " +
            PIPELINE_THREAD_NOTE);
    }

    /**
     * The same ping-pong against the gateway alone (outcome at once on the gateway thread, as in
     * {@link #throughputWithoutStore()}): with {@code tcp-echo} it splits the ping-pong into the gateway's own cost
     * and the hop through the store's pipeline thread.
     */
    BenchResult pingPongWithoutStore(final int samples) throws IOException
    {
        start(null);
        return pingPong(samples, "round-trip-no-store", "none (no store: outcome at once on the gateway thread), " +
            "over loopback TCP", "gateway alone: closed loop, one event in flight, encode to ack");
    }

    private BenchResult pingPong(final int samples, final String mode, final String durability, final String note)
        throws IOException
    {
        try
        {
            final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            final int warmup = Math.min(samples / 4, 5_000);
            final int total = Math.min(samples + warmup, workload.count);
            GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            long measuredStartNs = startNs;
            for (int i = 0; i < total; i++)
            {
                if (i == warmup)
                {
                    meter = GcAndAllocation.start();
                    measuredStartNs = System.nanoTime();
                }
                final long sendNs = System.nanoTime();
                final long correlationId = send(i);
                client.flush();
                while (lastAckedCorrelationId != correlationId)
                {
                    pollOnce(startNs);
                }
                if (i >= warmup)
                {
                    histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), System.nanoTime() - sendNs));
                }
            }
            final long measured = total - warmup;
            final BenchResult result = new BenchResult(PING_PONG, mode, durability);
            meter.stop(result, measured);
            result.events = measured;
            result.throughputEventsPerSecond = measured * 1e9 / (System.nanoTime() - measuredStartNs);
            result.note = note;
            return result.latency(histogram);
        }
        finally
        {
            stop();
        }
    }

    private int pollOrTimeout(final long startNs) throws IOException
    {
        final int frames = client.poll();
        if (frames == 0 && System.nanoTime() - startNs > TIMEOUT_NS * 4)
        {
            throw new IllegalStateException("gateway acks timed out after " + acked);
        }
        return frames;
    }

    private void pollOnce(final long startNs) throws IOException
    {
        if (client.poll() == 0)
        {
            if (System.nanoTime() - startNs > TIMEOUT_NS * 4)
            {
                throw new IllegalStateException("gateway acks timed out after " + acked);
            }
            Thread.onSpinWait();
        }
    }

    private long send(final int index) throws IOException
    {
        final int offset = workload.offsets[index];
        header.wrap(workload.buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (workload.templateIds[index])
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(workload.buffer, body, blockLength, version);
                return client.newOrder(newOrder.orderId(), newOrder.accountId(), newOrder.instrumentId(),
                    side(newOrder.sideRaw()), newOrder.price(), newOrder.quantity());
            case CancelOrderDecoder.TEMPLATE_ID:
                cancel.wrap(workload.buffer, body, blockLength, version);
                return client.cancel(cancel.orderId(), cancel.accountId());
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replace.wrap(workload.buffer, body, blockLength, version);
                return client.replace(replace.orderId(), replace.accountId(), replace.price(), replace.quantity());
            case FillDecoder.TEMPLATE_ID:
                fill.wrap(workload.buffer, body, blockLength, version);
                return client.fill(fill.execId(), fill.orderId(), fill.accountId(), fill.price(), fill.quantity());
            default:
                marketData.wrap(workload.buffer, body, blockLength, version);
                return client.marketData(marketData.instrumentId(), marketData.bidPrice(), marketData.bidQuantity(),
                    marketData.askPrice(), marketData.askQuantity(), marketData.lastPrice(),
                    marketData.lastQuantity());
        }
    }

    private static Side side(final short raw)
    {
        return raw == Side.BUY.value() ? Side.BUY : raw == Side.SELL.value() ? Side.SELL : Side.NULL_VAL;
    }

    /**
     * @param topology of the store behind the gateway, or null for no store (outcomes at once on the gateway thread).
     */
    private void start(final Topology topology) throws IOException
    {
        directory = TempDirectory.create("tradestore-bench-gateway-");
        final char[] password = randomPassword();
        final Path users = directory.toPath().resolve("gateway-users.txt");
        Files.write(users, List.of(
            Credentials.entry(USER, "trader+publisher", "*", password, 1_000)), StandardCharsets.UTF_8);
        server = new GatewayServer(new GatewayContext().port(0).credentials(Credentials.load(users)));
        if (null == topology)
        {
            server.start(new ImmediateOutcomes(server));
            connect(password);
            return;
        }
        store = TradeStore.open(new TradeStoreConfig()
            .dataDirectory(new File(directory, "data"))
            .durability(mode)
            .orderCapacity(workload.orderCapacity())
            .positionCapacity(BenchWorkload.positionCapacity())
            .instrumentCapacity(BenchWorkload.INSTRUMENTS)
            .snapshotEveryEvents(0)
            .snapshotEveryNs(0)
            .topology(topology)
            .conclude(), server::onOutcome);
        server.start(store);
        connect(password);
    }

    private void connect(final char[] password) throws IOException
    {
        client = GatewayClient.connect(
            server.localAddress().getHostString(), server.localAddress().getPort(), this);
        client.logon(USER, password, TimeUnit.SECONDS.toNanos(10));
        acked = 0;
        lastAckedCorrelationId = 0;
        firstCorrelationId = 1;
    }

    private void stop()
    {
        harness = null;
        try
        {
            if (null != client)
            {
                client.close();
            }
            if (null != server)
            {
                server.close();
            }
            if (null != store)
            {
                store.close();
            }
        }
        finally
        {
            client = null;
            server = null;
            store = null;
            if (null != directory)
            {
                TempDirectory.delete(directory);
                directory = null;
            }
        }
    }

    public void close()
    {
        stop();
    }

    private static char[] randomPassword()
    {
        final byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    /**
     * A sink that "stores" nothing: each event gets the next sequence and its outcome goes straight back into the
     * server's outcome ring, on the gateway agent thread that published it. Safe because the client's window (4,096
     * events) is far below what the 8 MiB ring holds, so {@code onOutcome} never waits for the agent it runs on.
     */
    private static final class ImmediateOutcomes implements EventSink
    {
        private final GatewayServer server;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private long sequence;

        ImmediateOutcomes(final GatewayServer server)
        {
            this.server = server;
        }

        public long tryPublish(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
        {
            final long correlationId = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH,
                ByteOrder.LITTLE_ENDIAN);
            final int templateId = header.wrap(buffer, offset).templateId();
            server.onOutcome(sessionId, correlationId, ++sequence, 0, templateId, 0, -1, buffer, offset, length);
            return sequence;
        }
    }

    /** The open-loop sender's wait: write what is encoded and deliver the acks that arrived. */
    private int flushAndPoll()
    {
        try
        {
            client.flush();
            return client.poll();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
