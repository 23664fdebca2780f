package io.tradestore.gateway;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Checks Logon passwords on its own thread so the deliberately slow PBKDF2 hash never stalls the gateway agent.
 * The agent {@link #submit}s requests and {@link #poll}s results; the password bytes are zeroed after hashing.
 */
final class Authenticator implements Runnable, AutoCloseable
{
    static final class Request
    {
        final long sessionId;
        final String username;
        final byte[] password;
        final int passwordLength;
        Credential result;

        Request(final long sessionId, final String username, final byte[] password, final int passwordLength)
        {
            this.sessionId = sessionId;
            this.username = username;
            this.password = password;
            this.passwordLength = passwordLength;
        }
    }

    private static final Request POISON = new Request(0, "", new byte[0], 0);

    private final Credentials credentials;
    private final BlockingQueue<Request> requests;
    private final ManyToOneConcurrentArrayQueue<Request> results;
    private final Thread thread;

    Authenticator(final Credentials credentials, final int capacity)
    {
        this.credentials = credentials;
        this.requests = new ArrayBlockingQueue<>(2 * capacity + 1);
        this.results = new ManyToOneConcurrentArrayQueue<>(2 * capacity + 1);
        this.thread = new Thread(this, "tradestore-gateway-auth");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Agent thread: queue a check. Never blocks: one request per session at most, and capacity covers them all.
     */
    boolean submit(final Request request)
    {
        return requests.offer(request);
    }

    /**
     * Agent thread: the next finished check, or null.
     */
    Request poll()
    {
        return results.poll();
    }

    public void run()
    {
        try
        {
            while (true)
            {
                final Request request = requests.take();
                if (request == POISON)
                {
                    return;
                }
                request.result = credentials.authenticate(request.username, request.password, request.passwordLength);
                while (!results.offer(request))
                {
                    Thread.yield();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void close()
    {
        requests.clear();
        requests.offer(POISON);
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
