package io.tradestore.gateway.cli;

import org.agrona.CloseHelper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A raw TCP echo on loopback, the yardstick for the gateway's round trip: one blocking thread that echoes every
 * byte of one connection.
 */
final class EchoServer implements AutoCloseable
{
    private final ServerSocket serverSocket;
    private final Thread thread;
    private volatile Socket socket;

    EchoServer() throws IOException
    {
        serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(this::run, "tradestore-echo");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address()
    {
        return (InetSocketAddress)serverSocket.getLocalSocketAddress();
    }

    private void run()
    {
        try (Socket accepted = serverSocket.accept())
        {
            socket = accepted;
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
            // closed by close()
        }
    }

    /**
     * Measure round trips of {@code messageLength} bytes.
     *
     * @return the round-trip samples in ns.
     */
    static LatencySamples measure(final int warmup, final int samples, final int messageLength) throws IOException
    {
        final LatencySamples latencies = new LatencySamples(samples);
        try (EchoServer echo = new EchoServer(); Socket client = new Socket())
        {
            client.setTcpNoDelay(true);
            client.connect(echo.address());
            final OutputStream out = client.getOutputStream();
            final InputStream in = client.getInputStream();
            final byte[] message = new byte[messageLength];
            for (int i = 0; i < warmup + samples; i++)
            {
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
                    latencies.record(System.nanoTime() - startNs);
                }
            }
        }
        return latencies;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(socket, serverSocket);
    }
}
