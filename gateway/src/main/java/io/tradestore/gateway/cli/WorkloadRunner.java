package io.tradestore.gateway.cli;

import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.gateway.client.ClientListener;
import io.tradestore.gateway.client.GatewayClient;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Streams a {@link Workload} through a {@link GatewayClient} with batching and a bound on unacknowledged events
 * (so the client always reads its acks and is never cut as a slow consumer; while the bound is reached it idles
 * with the client's idle strategy rather than spinning on reads), optionally paced at a fixed rate,
 * and records the latency from encoding each event to receiving its ack. Single thread.
 */
final class WorkloadRunner implements ClientListener
{
    private static final int BATCH = 256;
    private static final int MAX_OUTSTANDING = 4_096;
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private final long[] sendTimeNs;
    private final LatencySamples latencies;
    private long firstCorrelationId = -1;
    private long acked;
    private long accepted;
    private long storeRejected;
    private long gatewayRejected;
    private long marketDataReceived;
    private long elapsedNs;

    WorkloadRunner(final int events)
    {
        sendTimeNs = new long[events];
        latencies = new LatencySamples(events);
    }

    /**
     * @param client   logged-on client whose listener is this runner.
     * @param workload the event generator.
     * @param events   number of events to send.
     * @param rate     events per second, 0 for as fast as acks allow.
     */
    void run(final GatewayClient client, final Workload workload, final int events, final long rate) throws IOException
    {
        final long startNs = System.nanoTime();
        int sent = 0;
        while (sent < events)
        {
            final long nowNs = System.nanoTime();
            if (rate > 0 && nowNs - startNs < sent * 1_000_000_000L / rate)
            {
                client.flush();
                client.poll();
                continue;
            }
            if (sent - acked >= MAX_OUTSTANDING)
            {
                client.flush();
                client.idleStrategy().idle(client.poll());
                ensureConnected(client);
                continue;
            }
            client.idleStrategy().reset();
            final long correlationId = workload.next(client);
            if (firstCorrelationId < 0)
            {
                firstCorrelationId = correlationId;
            }
            sendTimeNs[(int)(correlationId - firstCorrelationId)] = nowNs;
            sent++;
            if (rate > 0 || sent % BATCH == 0)
            {
                client.flush();
                client.poll();
            }
        }
        client.flush();
        client.idleStrategy().reset();
        final long deadlineNs = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (acked < sent)
        {
            ensureConnected(client);
            final int frames = client.poll();
            if (frames == 0 && System.nanoTime() - deadlineNs > 0)
            {
                throw new CliException("timed out waiting for acks: " + acked + " of " + sent);
            }
            client.idleStrategy().idle(frames);
        }
        elapsedNs = System.nanoTime() - startNs;
    }

    public void onAck(
        final long correlationId, final long sequence, final RejectReason rejectReason, final OrderStatus orderStatus)
    {
        if (correlationId < firstCorrelationId || firstCorrelationId < 0)
        {
            return;
        }
        acked++;
        final int index = (int)(correlationId - firstCorrelationId);
        if (index < sendTimeNs.length)
        {
            latencies.record(System.nanoTime() - sendTimeNs[index]);
        }
        if (rejectReason == RejectReason.NONE)
        {
            accepted++;
        }
        else if (sequence > 0)
        {
            storeRejected++;
        }
        else
        {
            gatewayRejected++;
        }
    }

    public void onMarketData(final MarketDataUpdateDecoder update)
    {
        marketDataReceived++;
    }

    private static void ensureConnected(final GatewayClient client)
    {
        if (!client.isConnected())
        {
            throw new CliException("gateway disconnected the client" +
                (null != client.serverReason() ? ": " + client.serverReason() : ""));
        }
    }

    long acked()
    {
        return acked;
    }

    long accepted()
    {
        return accepted;
    }

    long storeRejected()
    {
        return storeRejected;
    }

    long gatewayRejected()
    {
        return gatewayRejected;
    }

    long marketDataReceived()
    {
        return marketDataReceived;
    }

    long elapsedNs()
    {
        return elapsedNs;
    }

    LatencySamples latencies()
    {
        return latencies;
    }
}
