package io.tradestore.gateway;

import io.tradestore.core.sbe.Side;
import io.tradestore.gateway.client.GatewayClient;
import io.tradestore.journal.DurabilityMode;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN §8: the gateway agent allocates nothing in steady state. A real store and server, one logged-on client
 * sending a cycle of NewOrder, MarketDataUpdate, Fill and CancelOrder (all accepted) in batches, and a subscriber
 * receiving the market-data fan-out and sending a Heartbeat every 1,024 events; after a warm-up that lets the JIT
 * compile the paths, the agent thread's allocated bytes ({@code com.sun.management.ThreadMXBean}) are read after each of
 * {@link #MEASURED_WINDOWS} windows of the measured events. With an INVOKED store (serve's default) that thread also journals,
 * applies and runs egress; with SINGLE the store's pipeline thread is the pipeline module's
 * {@code SteadyStateAllocationTest}'s business. Everything runs on this thread except the agent and the store, so
 * nothing else can be charged to the agent. Warm-up and measurement send the same mix on purpose (a frame type first
 * seen after C2 compiled the decode path would make the JIT deoptimise).
 * <p>
 * Steady state means at least three of the five windows allocate exactly nothing: any per-event allocation, even one
 * byte per thousand events, shows in every window, and anything recurring every 33,000 events or more often in at
 * least three. What is tolerated is a one-off, or two: the JIT deoptimising a compiled method late (the
 * objects it had scalar-replaced are re-created on the heap, attributed to lines that allocate nothing in source;
 * seen with {@code -XX:-UseTLAB} in Chronicle Map's context close and the SBE decoders' {@code wrap}), at most
 * {@link #JIT_ALLOWANCE_BYTES} over all windows.
 */
class GatewayAllocationTest extends CountingListener
{
    private static final int WARMUP_EVENTS = 200_000;
    private static final int MEASURED_EVENTS = 100_000;
    private static final int WINDOW = 2_048;
    private static final int INSTRUMENTS = 8;
    private static final long ACCOUNT = 7;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    /**
     * A one-off deoptimisation measured 272 to 1,872 bytes in one window; twice in a run, 384 and 592 bytes in two
     * (SINGLE, the agent's own code). One byte per event would be 100,000, in every window.
     */
    private static final long JIT_ALLOWANCE_BYTES = 4_096;
    private static final int MEASURED_WINDOWS = 5;

    private long sent;
    private long nextOrderId = 1;

    @ParameterizedTest
    @EnumSource(value = Topology.class, names = { "INVOKED", "SINGLE" })
    void shouldNotAllocateOnTheGatewayAgentThreadInSteadyState(final Topology topology, @TempDir final Path directory)
        throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final GatewayServer server = new GatewayServer(TestUsers.context());
        try (TradeStore store = TradeStore.open(new TradeStoreConfig()
            .dataDirectory(directory.toFile())
            .durability(DurabilityMode.ASYNC)
            .orderCapacity(WARMUP_EVENTS + MEASURED_EVENTS)
            .positionCapacity(64)
            .instrumentCapacity(INSTRUMENTS)
            .snapshotEveryEvents(0)
            .topology(topology)
            .conclude(), server::onOutcome))
        {
            server.start(store);
            final String host = server.localAddress().getHostString();
            final int port = server.localAddress().getPort();
            try (GatewayClient trader = GatewayClient.connect(host, port, this);
                GatewayClient subscriber = GatewayClient.connect(host, port, this))
            {
                trader.logon("ops", TestUsers.PASSWORD.toCharArray(), TimeUnit.SECONDS.toNanos(10));
                subscriber.logon("viewer", TestUsers.PASSWORD.toCharArray(), TimeUnit.SECONDS.toNanos(10));
                subscriber.subscribe(0);
                subscriber.flush();

                stream(trader, subscriber, WARMUP_EVENTS);
                final long agentThreadId = server.agentThread().getId();
                final long marketDataBefore = marketData;
                final long[] windows = new long[MEASURED_WINDOWS];
                for (int i = 0; i < MEASURED_WINDOWS; i++)
                {
                    final long before = threads.getThreadAllocatedBytes(agentThreadId);
                    stream(trader, subscriber, MEASURED_EVENTS / MEASURED_WINDOWS);
                    windows[i] = threads.getThreadAllocatedBytes(agentThreadId) - before;
                }

                assertEquals(0, rejected, "every event is accepted, so the measured path is the full one");
                assertEquals(MEASURED_EVENTS / 4, marketData - marketDataBefore, "fan-out reached the subscriber");
                final String measured = "bytes allocated by the gateway agent per window of " +
                    MEASURED_EVENTS / MEASURED_WINDOWS + " events: " + Arrays.toString(windows);
                System.out.println("GatewayAllocationTest (" + topology + "): " + measured);
                assertTrue(Arrays.stream(windows).filter((bytes) -> bytes != 0).count() <= 2, measured);
                assertTrue(Arrays.stream(windows).sum() <= JIT_ALLOWANCE_BYTES, measured);
            }
        }
        finally
        {
            server.close();
            assertNull(server.firstError());
        }
    }

    /** Send {@code events} events in cycles of four and wait until every one is acknowledged. */
    private void stream(final GatewayClient trader, final GatewayClient subscriber, final int events)
        throws IOException
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        final long target = sent + events;
        while (acked < target)
        {
            if (sent < target && sent - acked < WINDOW)
            {
                send(trader, (int)(sent & 3));
                sent++;
                if ((sent & 63) == 0)
                {
                    trader.flush();
                }
                if ((sent & 1023) == 0)
                {
                    subscriber.heartbeat();
                    subscriber.flush();
                }
                continue;
            }
            trader.flush();
            final int work = trader.poll() + subscriber.poll();
            if (work == 0 && System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("acks timed out: " + acked + " of " + target);
            }
            trader.idleStrategy().idle(work);
        }
    }

    private void send(final GatewayClient trader, final int step) throws IOException
    {
        final long orderId = nextOrderId;
        final int instrumentId = (int)(orderId % INSTRUMENTS) + 1;
        switch (step)
        {
            case 0:
                trader.newOrder(orderId, ACCOUNT, instrumentId, Side.BUY, 100_0000, 10);
                break;
            case 1:
                trader.marketData(instrumentId, 99_0000, 5, 101_0000, 5, 100_0000, 1);
                break;
            case 2:
                trader.fill(orderId, orderId, ACCOUNT, 100_0000, 4);
                break;
            default:
                trader.cancel(orderId, ACCOUNT);
                nextOrderId++;
                break;
        }
    }
}
