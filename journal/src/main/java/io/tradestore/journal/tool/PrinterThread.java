package io.tradestore.journal.tool;

import io.tradestore.journal.Threads;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * Formats and writes replayed events on a second thread, so the replay thread only applies and filters. The
 * replay thread hands each event to print (sequence, timestamp, outcome and the raw SBE bytes) through a
 * one-to-one ring buffer; this thread decodes, formats with an {@link EventPrinter} and writes, in order.
 * <p>
 * <b>Threads:</b> {@link #print} and {@link #close} on the replay thread; everything else on the printer thread,
 * which owns the output stream until {@link #close} returns.
 */
final class PrinterThread implements AutoCloseable
{
    private static final int CAPACITY = 4 * 1024 * 1024;
    private static final int MESSAGE_TYPE = 1;
    private static final int SEQUENCE_OFFSET = 0;
    private static final int TIMESTAMP_OFFSET = 8;
    private static final int OUTCOME_OFFSET = 16;
    private static final int MESSAGE_OFFSET = 20;
    private static final int READ_LIMIT = 256;
    /**
     * The printer is several times faster than the replay that feeds it, so it empties the ring often. It then
     * sleeps instead of spinning or yielding: a spin or yield per emptied ring burns the CPU the replay thread needs
     * on a small box, while the ring (4 MiB, tens of thousands of events) absorbs a millisecond's nap.
     */
    private static final long CONSUMER_MIN_PARK_NS = 50_000;
    private static final long CONSUMER_MAX_PARK_NS = 1_000_000;

    private final RingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final IdleStrategy producerIdle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    private final EventPrinter printer;
    private final Thread thread;
    private volatile boolean done;
    private volatile Throwable failure;

    PrinterThread(final PrintStream out, final OutputFormat format)
    {
        this.printer = new EventPrinter(out, format);
        this.thread = new Thread(this::run, "tradestore-replay-printer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queue one event for printing. Replay thread; waits while the ring is full.
     */
    void print(
        final long sequence,
        final long timestampNs,
        final int outcome,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        int index;
        while ((index = ring.tryClaim(MESSAGE_TYPE, MESSAGE_OFFSET + length)) <= 0)
        {
            if (failure != null || !thread.isAlive())
            {
                throw new ToolException("cannot write output: " + failure);
            }
            producerIdle.idle();
        }
        producerIdle.reset();
        final MutableDirectBuffer ringBuffer = ring.buffer();
        ringBuffer.putLong(index + SEQUENCE_OFFSET, sequence);
        ringBuffer.putLong(index + TIMESTAMP_OFFSET, timestampNs);
        ringBuffer.putInt(index + OUTCOME_OFFSET, outcome);
        ringBuffer.putBytes(index + MESSAGE_OFFSET, buffer, offset, length);
        ring.commit(index);
    }

    /** Print everything queued, flush the stream and stop the thread. Replay thread. */
    @Override
    public void close()
    {
        done = true;
        Threads.joinUninterruptibly(thread);
        if (failure != null)
        {
            throw new ToolException("cannot write output: " + failure);
        }
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(0, 0, CONSUMER_MIN_PARK_NS, CONSUMER_MAX_PARK_NS);
        final EventPrinter printer = this.printer;
        try
        {
            printer.header();
            while (true)
            {
                final boolean finishing = done;
                final int read = ring.read((type, buffer, index, length) ->
                {
                    printer.decode(buffer, index + MESSAGE_OFFSET, length - MESSAGE_OFFSET);
                    printer.print(buffer.getLong(index + SEQUENCE_OFFSET), buffer.getLong(index + TIMESTAMP_OFFSET),
                        buffer.getInt(index + OUTCOME_OFFSET));
                }, READ_LIMIT);
                if (read == 0)
                {
                    if (finishing)
                    {
                        break;
                    }
                    idle.idle();
                }
                else
                {
                    idle.reset();
                }
            }
            printer.flush();
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }
}
