package io.tradestore.perf;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * The physical-limit references: a raw TCP echo round trip on loopback of a message the size of a framed NewOrder,
 * and raw Chronicle Queue appends of the session's SBE bytes (no checksum, no sequence, no store).
 */
final class ReferenceScenarios
{
    static final String ECHO = "tcp-echo";
    static final String QUEUE = "queue-append";

    private ReferenceScenarios()
    {
    }

    /**
     * @param samples       round trips measured after a warm-up.
     * @param messageLength bytes per round trip.
     * @return the row.
     * @throws IOException when the loopback connection fails.
     */
    static BenchResult tcpEcho(final int samples, final int messageLength) throws IOException
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final int warmup = Math.min(samples / 4, 5_000);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final Thread echo = new Thread(() -> echo(server), "bench-tcp-echo");
            echo.setDaemon(true);
            echo.start();
            try (Socket client = new Socket())
            {
                client.setTcpNoDelay(true);
                client.connect(server.getLocalSocketAddress());
                final OutputStream out = client.getOutputStream();
                final InputStream in = client.getInputStream();
                final byte[] message = new byte[messageLength];
                GcAndAllocation meter = GcAndAllocation.start();
                for (int i = 0; i < warmup + samples; i++)
                {
                    if (i == warmup)
                    {
                        meter = GcAndAllocation.start();
                    }
                    final long startNs = System.nanoTime();
                    out.write(message);
                    int received = 0;
                    while (received < messageLength)
                    {
                        final int read = in.read(message, received, messageLength - received);
                        if (read < 0)
                        {
                            throw new IOException("echo closed");
                        }
                        received += read;
                    }
                    if (i >= warmup)
                    {
                        histogram.recordValue(System.nanoTime() - startNs);
                    }
                }
                final BenchResult result = new BenchResult(ECHO, "round-trip", "none (memory only)");
                meter.stop(result, samples);
                result.events = samples;
                result.note = messageLength + " B each way, blocking sockets, TCP_NODELAY, closed loop";
                return result.latency(histogram);
            }
        }
    }

    private static void echo(final ServerSocket server)
    {
        try (Socket accepted = server.accept())
        {
            accepted.setTcpNoDelay(true);
            final InputStream in = accepted.getInputStream();
            final OutputStream out = accepted.getOutputStream();
            final byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) > 0)
            {
                out.write(buffer, 0, read);
            }
        }
        catch (final IOException ignore)
        {
            // the client closed: the echo ends
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

    private static void append(final ExcerptAppender appender, final BenchWorkload workload, final int index)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.unsafeWrite(workload.buffer.addressOffset() + workload.offsets[index], workload.lengths[index]);
        }
    }
}
