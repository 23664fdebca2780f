package io.tradestore.gateway;

import io.tradestore.gateway.client.EchoRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EchoServerTest
{
    @Test
    @Timeout(30)
    void shouldEchoEveryByteInOrderEvenWhenTheClientSendsMoreThanItsBufferBeforeReading()
        throws IOException, InterruptedException
    {
        final long seed = System.nanoTime();
        final byte[] sent = new byte[8 * 1024 * 1024];
        new Random(seed).nextBytes(sent);
        final byte[] received = new byte[sent.length];
        final AtomicReference<Throwable> writeFailure = new AtomicReference<>();
        try (EchoServer echo = EchoServer.start(); Socket socket = new Socket())
        {
            // 8 MiB cannot fit in the socket buffers and the server's: the writer blocks, and the server must stop
            // reading a client it cannot answer and resume later, before the reader below starts
            socket.setReceiveBufferSize(16 * 1024);
            socket.setSendBufferSize(16 * 1024);
            socket.connect(echo.localAddress());
            final Thread writer = new Thread(() ->
            {
                try
                {
                    write(socket, sent);
                }
                catch (final RuntimeException ex)
                {
                    writeFailure.set(ex);
                }
            });
            writer.start();
            Thread.sleep(200);
            assertTrue(writer.isAlive(), "the writer is blocked: more was sent than the buffers hold");
            new DataInputStream(socket.getInputStream()).readFully(received);
            writer.join();
            assertNull(writeFailure.get());
            assertArrayEquals(sent, received, "seed " + seed);
        }
    }

    @Test
    @Timeout(30)
    void shouldEchoEachConnectionItsOwnBytesWhenConnectionsInterleave() throws IOException
    {
        try (EchoServer echo = EchoServer.start(); Socket a = new Socket(); Socket b = new Socket())
        {
            a.connect(echo.localAddress());
            b.connect(echo.localAddress());
            final DataInputStream inA = new DataInputStream(a.getInputStream());
            final DataInputStream inB = new DataInputStream(b.getInputStream());
            for (int i = 0; i < 100; i++)
            {
                final byte[] toA = ("a-" + i).getBytes(StandardCharsets.US_ASCII);
                final byte[] toB = ("bb-" + i).getBytes(StandardCharsets.US_ASCII);
                a.getOutputStream().write(toA);
                b.getOutputStream().write(toB);
                final byte[] fromB = new byte[toB.length];
                inB.readFully(fromB);
                final byte[] fromA = new byte[toA.length];
                inA.readFully(fromA);
                assertArrayEquals(toA, fromA, "connection a, message " + i);
                assertArrayEquals(toB, fromB, "connection b, message " + i);
            }
        }
    }

    /** The bench's reference client: each round trip returns only once a whole frame is back; a lost one hangs. */
    @Test
    @Timeout(30)
    void shouldCompleteRoundTripsOfTheGatewayClientOnSeveralConnections() throws IOException
    {
        try (EchoServer echo = EchoServer.start();
            EchoRoundTrip first = EchoRoundTrip.connect(echo.localAddress());
            EchoRoundTrip second = EchoRoundTrip.connect(echo.localAddress()))
        {
            for (int i = 0; i < 100; i++)
            {
                first.roundTripNs();
                second.roundTripNs();
            }
        }
    }

    private static void write(final Socket socket, final byte[] bytes)
    {
        try
        {
            final OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < bytes.length; offset += 7_001)
            {
                out.write(bytes, offset, Math.min(7_001, bytes.length - offset));
            }
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
