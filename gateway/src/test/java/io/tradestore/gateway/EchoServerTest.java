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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class EchoServerTest
{
    @Test
    void shouldEchoEveryByteInOrderEvenWhenTheClientSendsMoreThanItsBufferBeforeReading() throws IOException
    {
        final long seed = System.nanoTime();
        final byte[] sent = new byte[300_000];
        new Random(seed).nextBytes(sent);
        final byte[] received = new byte[sent.length];
        try (EchoServer echo = EchoServer.start(); Socket socket = new Socket())
        {
            socket.connect(echo.localAddress());
            final Thread writer = new Thread(() -> write(socket, sent));
            writer.start();
            new DataInputStream(socket.getInputStream()).readFully(received);
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
