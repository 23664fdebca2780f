package io.tradestore.gateway;

import io.tradestore.gateway.client.EchoRoundTrip;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void shouldCompleteRoundTripsOfTheGatewayClientOnSeveralConnections() throws IOException
    {
        try (EchoServer echo = EchoServer.start();
            EchoRoundTrip first = EchoRoundTrip.connect(echo.localAddress());
            EchoRoundTrip second = EchoRoundTrip.connect(echo.localAddress()))
        {
            for (int i = 0; i < 100; i++)
            {
                assertTrue(first.roundTripNs() > 0);
                assertTrue(second.roundTripNs() > 0);
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
