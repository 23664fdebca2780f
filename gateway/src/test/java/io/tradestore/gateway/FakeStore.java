package io.tradestore.gateway;

import io.tradestore.core.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the embedded store: accepts every event, assigns sequences, and reports outcomes to the
 * gateway from its own "egress" thread, optionally holding them until released (to prove acks wait for the store).
 */
final class FakeStore implements EventSink, AutoCloseable
{
    static final class Event
    {
        final long sessionId;
        final long sequence;
        final byte[] bytes;

        Event(final long sessionId, final long sequence, final byte[] bytes)
        {
            this.sessionId = sessionId;
            this.sequence = sequence;
            this.bytes = bytes;
        }

        int templateId()
        {
            return new UnsafeBuffer(bytes).getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        }
    }

    private static final Event POISON = new Event(0, 0, new byte[0]);

    final BlockingQueue<Event> published = new ArrayBlockingQueue<>(1 << 20);
    private final BlockingQueue<Event> pending = new ArrayBlockingQueue<>(1 << 16);
    private final AtomicLong sequence = new AtomicLong();
    private final Semaphore releases = new Semaphore(Integer.MAX_VALUE);
    private final Thread egress;
    private volatile GatewayServer server;

    FakeStore()
    {
        egress = new Thread(this::runEgress, "fake-store-egress");
        egress.setDaemon(true);
        egress.start();
    }

    void attach(final GatewayServer server)
    {
        this.server = server;
    }

    /** Hold outcomes until {@link #release(int)}. */
    void hold()
    {
        releases.drainPermits();
    }

    void release(final int count)
    {
        releases.release(count);
    }

    long publishedCount()
    {
        return sequence.get();
    }

    public long tryPublish(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final Event event = new Event(sessionId, sequence.get() + 1, bytes);
        if (!pending.offer(event))
        {
            return -1;
        }
        sequence.incrementAndGet();
        published.add(event);
        return event.sequence;
    }

    private void runEgress()
    {
        try
        {
            while (true)
            {
                final Event event = pending.take();
                if (event == POISON)
                {
                    return;
                }
                releases.acquire();
                final UnsafeBuffer buffer = new UnsafeBuffer(event.bytes);
                final long correlationId = buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
                server.onOutcome(event.sessionId, correlationId, event.sequence, System.currentTimeMillis() * 1_000_000L,
                    event.templateId(), 0, event.templateId() == 6 ? -1 : 0, buffer, 0, event.bytes.length);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void close()
    {
        releases.drainPermits();
        releases.release(1 << 24);
        pending.offer(POISON);
        try
        {
            egress.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
