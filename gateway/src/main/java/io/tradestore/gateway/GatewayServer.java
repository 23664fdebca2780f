package io.tradestore.gateway;

import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderDecoder;
import io.tradestore.pipeline.Topology;
import io.tradestore.pipeline.TradeStore;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

/**
 * The binary TCP gateway: SOFH-framed SBE over non-blocking NIO on one Agrona agent thread.
 * <p>
 * Lifecycle, because the store needs the outcome listener before the gateway needs the store:
 * <pre>
 * GatewayServer server = new GatewayServer(ctx);
 * TradeStore store = TradeStore.open(cfg, server::onOutcome);
 * server.start(store);
 * ...
 * server.close();   // disconnects every session
 * store.close();
 * </pre>
 * Acks for store events leave only from {@link #onOutcome}, i.e. after journal + apply. Rejects the gateway
 * makes itself (not logged on, not authorised, rate limited, malformed, store halted) are Acks with sequence 0
 * and never reach the store. Disconnects send a best-effort {@code LogonResponse(REJECTED, reason)} first.
 * A slow consumer (outbound buffer full) is disconnected, never conflated, and never blocks anyone else.
 */
public final class GatewayServer implements AutoCloseable
{
    /**
     * The topology {@code serve} and {@code demo} open their store with: the gateway agent drives the pipeline in its
     * own duty cycle, so an order is read, journaled, applied and acknowledged on one thread. Measured on two cores
     * (perf results, gateway rows): ping-pong p50 about half that of a store with its own pipeline thread, and batch
     * throughput no lower.
     */
    public static final Topology DEFAULT_STORE_TOPOLOGY = Topology.INVOKED;

    private final GatewayContext ctx;
    private final GatewayCounters counters = new GatewayCounters();
    private final OneToOneRingBuffer outcomes;
    private final MarketDataUpdateEncoder marketDataEncoder = new MarketDataUpdateEncoder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean closed;
    private AgentRunner runner;
    private GatewayAgent agent;

    /**
     * Allocate the server's buffers; nothing is bound until {@link #start(EventSink)}.
     *
     * @param ctx configuration; concluded here.
     */
    public GatewayServer(final GatewayContext ctx)
    {
        this.ctx = ctx.conclude();
        this.outcomes = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            ctx.outcomeRingLength() + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    /**
     * Bind the listening socket and start the agent thread.
     *
     * @param sink where validated, authorised events go (the store's {@code tryPublish}).
     * @return this.
     * @throws IOException when the address cannot be bound.
     */
    public synchronized GatewayServer start(final EventSink sink) throws IOException
    {
        return start(sink, null);
    }

    /**
     * Bind and start the agent thread in front of an embedded store. When the store runs
     * {@code Topology.INVOKED} (no pipeline thread of its own), the gateway agent drives it: each duty cycle
     * publishes what the sockets delivered, then journals, applies and acknowledges it on the same thread, with
     * no hand-off to another thread and back. The store must be closed after this server.
     *
     * @param store opened with {@link #onOutcome} as its listener.
     * @return this.
     * @throws IOException when the address cannot be bound.
     */
    public GatewayServer start(final TradeStore store) throws IOException
    {
        return start(store::tryPublish, store.config().topology() == Topology.INVOKED ? store::doWork : null);
    }

    private synchronized GatewayServer start(final EventSink sink, final IntSupplier pipeline) throws IOException
    {
        if (null != runner)
        {
            throw new IllegalStateException("already started");
        }
        agent = new GatewayAgent(ctx, counters, outcomes, sink, pipeline);
        runner = new AgentRunner(ctx.idleStrategy(), this::onError, null, agent);
        AgentRunner.startOnThread(runner);
        return this;
    }

    /**
     * @return the bound address (with the real port when configured with port 0).
     */
    public InetSocketAddress localAddress()
    {
        try
        {
            return agent.localAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the counters; readable from any thread.
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * @return the agent thread once started (for tests that measure it), else null.
     */
    Thread agentThread()
    {
        return null == runner ? null : runner.thread();
    }

    /**
     * @return the first unexpected error of the agent thread, or null.
     */
    public Throwable firstError()
    {
        return firstError.get();
    }

    /**
     * The store's outcome listener: copies the outcome into the ring read by the gateway agent. Called on the
     * store's egress thread (the agent thread itself for an INVOKED store), in sequence order. Never blocks on a
     * client; when the ring is full it yields until the agent drains it (which back-pressures the store, as a full
     * ring should), or drains it itself when it runs inside the agent's own drive of an INVOKED store (never from
     * inside frame decoding, where a drain would not be safe), and drops outcomes once the gateway is closed.
     * Parameters are those of {@code io.tradestore.pipeline.OutcomeListener}.
     *
     * @param sessionId     gateway session, 0 for embedded publishers (ignored).
     * @param correlationId of the event.
     * @param sequence      store sequence.
     * @param timestampNs   ingest timestamp, ns since the epoch.
     * @param templateId    SBE template id.
     * @param rejectReason  0 when accepted.
     * @param orderStatus   order status after the event, -1 when none.
     * @param buffer        holding the SBE message.
     * @param offset        of the SBE message header.
     * @param length        of the SBE message.
     */
    public void onOutcome(
        final long sessionId,
        final long correlationId,
        final long sequence,
        final long timestampNs,
        final int templateId,
        final int rejectReason,
        final int orderStatus,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final boolean fanOut = templateId == MarketDataUpdateDecoder.TEMPLATE_ID && rejectReason == 0;
        if (sessionId == 0 && !fanOut)
        {
            return;
        }
        final int recordLength = OutcomeDescriptor.HEADER_LENGTH + (fanOut ? length : 0);
        int index;
        while ((index = outcomes.tryClaim(OutcomeDescriptor.MSG_TYPE_ID, recordLength)) < 0)
        {
            if (closed)
            {
                return;
            }
            counters.add(GatewayCounter.OUTCOME_RING_FULL, 1);
            if (null != agent && agent.isDrivingStore())
            {
                // an INVOKED store's egress runs on the agent itself: make room by turning outcomes into acks now
                agent.drainOutcomesAndFlush();
            }
            else
            {
                Thread.yield();
            }
        }
        final UnsafeBuffer ring = (UnsafeBuffer)outcomes.buffer();
        ring.putLong(index + OutcomeDescriptor.SESSION_ID_OFFSET, sessionId);
        ring.putLong(index + OutcomeDescriptor.CORRELATION_ID_OFFSET, correlationId);
        ring.putLong(index + OutcomeDescriptor.SEQUENCE_OFFSET, sequence);
        ring.putLong(index + OutcomeDescriptor.TIMESTAMP_OFFSET, timestampNs);
        ring.putInt(index + OutcomeDescriptor.TEMPLATE_ID_OFFSET, templateId);
        ring.putInt(index + OutcomeDescriptor.REJECT_REASON_OFFSET, rejectReason);
        ring.putInt(index + OutcomeDescriptor.ORDER_STATUS_OFFSET, orderStatus);
        if (fanOut)
        {
            final int messageIndex = index + OutcomeDescriptor.HEADER_LENGTH;
            ring.putBytes(messageIndex, buffer, offset, length);
            marketDataEncoder.wrap(ring, messageIndex + MessageHeaderDecoder.ENCODED_LENGTH)
                .sequence(sequence)
                .timestamp(timestampNs);
        }
        outcomes.commit(index);
    }

    /**
     * Disconnect every session, stop the agent and release the port. Idempotent.
     */
    public synchronized void close()
    {
        closed = true;
        if (null != runner)
        {
            try
            {
                // Agrona interrupts an agent that has not stopped within the timeout; an INVOKED store's journal
                // runs on this agent, and an interrupt inside a Chronicle file operation closes the journal's
                // channel, so wait as long as the store itself waits to drain before doing that
                runner.close((int)TradeStore.SHUTDOWN_TIMEOUT_MS, null);
            }
            catch (final RuntimeException ex)
            {
                onError(ex);
            }
        }
    }

    private void onError(final Throwable throwable)
    {
        firstError.compareAndSet(null, throwable);
    }
}
