package io.tradestore.perf;

import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.gateway.EchoServer;
import io.tradestore.gateway.FrameDescriptor;
import io.tradestore.gateway.client.EchoRoundTrip;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The physical-limit references: a raw TCP echo round trip on loopback of a framed NewOrder, with the gateway's own
 * client and server I/O but no store; raw Chronicle Queue appends of the session's SBE bytes (no checksum, no
 * sequence, no store); and the open-loop hand-off of events through an empty Disruptor ring to a consumer thread
 * that does nothing (the floor of the embedded open-loop latency on this machine: same producer, ring, thread
 * count and wait strategy, no journal and no apply), and the same ring polled by the sending thread itself (the
 * floor of the open-loop-invoked rows).
 */
final class ReferenceScenarios
{
    static final String ECHO = "tcp-echo";
    static final String QUEUE = "queue-append";
    static final String HANDOFF = "ring-handoff";
    static final int FRAME_LENGTH =
        FrameDescriptor.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;

    private ReferenceScenarios()
    {
    }

    /**
     * Round trips of a NewOrder frame through {@link EchoServer} (non-blocking NIO on one agent thread, the gateway's
     * duty cycle and idle strategy) driven by {@link EchoRoundTrip} (the gateway client's channel, encoder, flush and
     * spinning poll): what the gateway ping-pong does, without the store.
     *
     * @param samples round trips measured after a warm-up.
     * @return the row.
     * @throws IOException when the loopback connection fails.
     */
    static BenchResult tcpEcho(final int samples) throws IOException
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final int warmup = Math.min(samples / 4, 5_000);
        try (EchoServer echo = EchoServer.start(); EchoRoundTrip client = EchoRoundTrip.connect(echo.localAddress()))
        {
            for (int i = 0; i < warmup; i++)
            {
                client.roundTripNs();
            }
            final GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            for (int i = 0; i < samples; i++)
            {
                histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), client.roundTripNs()));
            }
            final long elapsedNs = System.nanoTime() - startNs;
            final BenchResult result = new BenchResult(ECHO, "round-trip", "none (memory only)");
            meter.stop(result, samples);
            result.events = samples;
            result.throughputEventsPerSecond = samples * 1e9 / elapsedNs;
            result.note = FRAME_LENGTH + " B each way; NIO echo agent with the gateway's duty cycle and idle strategy, " +
                "GatewayClient flush + spinning poll, TCP_NODELAY, closed loop";
            return result.latency(histogram);
        }
    }

    /**
     * Append every event of the session to a fresh queue, timing each append.
     *
     * @param workload the session.
     * @return the row.
     */
    static BenchResult queueAppend(final BenchWorkload workload)
    {
        final File directory = TempDirectory.create("tradestore-bench-queue-");
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(RollCycles.FIVE_MINUTELY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final int warmup = Math.min(workload.count / 10, 20_000);
            for (int i = 0; i < warmup; i++)
            {
                append(appender, workload, i);
            }
            final GcAndAllocation meter = GcAndAllocation.start();
            final long startNs = System.nanoTime();
            long previousNs = startNs;
            for (int i = 0; i < workload.count; i++)
            {
                append(appender, workload, i);
                final long nowNs = System.nanoTime();
                histogram.recordValue(Math.max(1, nowNs - previousNs));
                previousNs = nowNs;
            }
            final long elapsedNs = System.nanoTime() - startNs;
            final BenchResult result = new BenchResult(QUEUE, "throughput",
                "ASYNC (page cache, no fsync; bare Chronicle Queue)");
            meter.stop(result, workload.count);
            result.events = workload.count;
            result.throughputEventsPerSecond = workload.count * 1e9 / elapsedNs;
            result.note = "latency = time of one append (closed loop, includes a nanoTime read), after " + warmup +
                " warm-up appends";
            return result.latency(histogram);
        }
        finally
        {
            TempDirectory.delete(directory);
        }
    }

    /**
     * Open-loop latency of handing events to a consumer thread through a Disruptor ring like the store's (multi
     * producer, 16,384 slots, spin-then-yield consumer) whose handler only reports completion: what the embedded
     * open-loop rows would measure if journal and apply cost nothing. Two busy threads on two cores: the machine's
     * scheduling hiccups show here exactly as they do in the store's rows.
     *
     * @param ratePerSecond offered rate.
     * @param events        events sent, the first fifth discarded as warm-up.
     * @return the row.
     */
    static BenchResult ringHandoff(final double ratePerSecond, final int events)
    {
        final OpenLoopHarness harness = new OpenLoopHarness(new OpenLoopHarness.Context()
            .ratePerSecond(ratePerSecond).warmupEvents(events / 5).measuredEvents(events - events / 5)
            .completionTimeoutNs(TimeUnit.SECONDS.toNanos(30)));
        final Disruptor<long[]> disruptor = new Disruptor<>(
            () -> new long[1], 16_384, (Runnable r) -> new Thread(r, "bench-handoff"), ProducerType.MULTI,
            new YieldingWaitStrategy());
        final EventHandler<long[]> handler = (slot, sequence, endOfBatch) -> harness.onComplete(slot[0]);
        disruptor.handleEventsWith(handler);
        final RingBuffer<long[]> ring = disruptor.start();
        try
        {
            final OpenLoopHarness.Result measured = harness.run((index) ->
            {
                final long sequence = ring.next();
                ring.get(sequence)[0] = index;
                ring.publish(sequence);
            });
            final BenchResult result = new BenchResult(HANDOFF, "open-loop", "none (memory only)").from(measured);
            result.note = BenchResult.join(result.note,
                "empty handler on a consumer thread: the floor of the embedded open-loop rows on this machine");
            return result;
        }
        finally
        {
            disruptor.shutdown();
        }
    }

    /**
     * The same ring, polled by the sending thread itself ({@code EventPoller}, as a {@code Topology.INVOKED} store
     * is) with a handler that only reports completion: one busy thread, no hand-off. The floor of the embedded
     * open-loop-invoked rows: what remains is the harness and this thread losing its core.
     *
     * @param ratePerSecond offered rate.
     * @param events        events sent, the first fifth discarded as warm-up.
     * @return the row.
     */
    static BenchResult ringSameThread(final double ratePerSecond, final int events)
    {
        final RingBuffer<long[]> ring = RingBuffer.createMultiProducer(() -> new long[1], 16_384);
        final EventPoller<long[]> poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        final OpenLoopHarness[] harness = new OpenLoopHarness[1];
        final EventPoller.Handler<long[]> handler = (slot, sequence, endOfBatch) ->
        {
            harness[0].onComplete(slot[0]);
            return true;
        };
        final IdleStrategy pollWhileWaiting = new WorkWhileWaiting(() -> poll(poller, handler));
        harness[0] = new OpenLoopHarness(new OpenLoopHarness.Context()
            .ratePerSecond(ratePerSecond).warmupEvents(events / 5).measuredEvents(events - events / 5)
            .completionTimeoutNs(TimeUnit.SECONDS.toNanos(30)).idleStrategy(pollWhileWaiting));
        final OpenLoopHarness.Result measured = harness[0].run((index) ->
        {
            final long sequence = ring.next();
            ring.get(sequence)[0] = index;
            ring.publish(sequence);
            poll(poller, handler);
        });
        final BenchResult result = new BenchResult(HANDOFF, "open-loop-same-thread", "none (memory only)")
            .from(measured);
        result.note = BenchResult.join(result.note, "empty handler polled by the sending thread: the floor of the " +
            "embedded open-loop-invoked rows on this machine");
        return result;
    }

    /** @return 1 when the poll processed events, else 0. */
    private static int poll(final EventPoller<long[]> poller, final EventPoller.Handler<long[]> handler)
    {
        try
        {
            return poller.poll(handler) == EventPoller.PollState.PROCESSING ? 1 : 0;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void append(final ExcerptAppender appender, final BenchWorkload workload, final int index)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.unsafeWrite(workload.buffer.addressOffset() + workload.offsets[index], workload.lengths[index]);
        }
    }
}
