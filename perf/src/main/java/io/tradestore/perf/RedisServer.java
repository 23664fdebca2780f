package io.tradestore.perf;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server child process on loopback for the Redis baseline: found on the PATH (or installed with
 * {@code apt-get} when running as root and it is missing), started on a free port in a temporary directory with
 * AOF {@code appendfsync everysec} and no RDB snapshots, stopped by its own pid at the end. Never touches any other
 * process.
 */
final class RedisServer implements AutoCloseable
{
    static final String DURABILITY = "AOF appendfsync everysec (fsync once a second; loopback)";
    private static final long INSTALL_TIMEOUT_S = 180;

    private final Process process;
    private final File directory;
    final int port;

    private RedisServer(final Process process, final File directory, final int port)
    {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Find the binary, installing it when allowed.
     *
     * @param binary   the configured binary: a path, or a bare name looked up on the PATH.
     * @param install  whether a missing {@code redis-server} may be installed with apt-get (root only).
     * @param problems receives the reason when it returns null.
     * @return the executable, or null (reason in {@code problems}).
     */
    static File locate(final String binary, final boolean install, final StringBuilder problems)
    {
        File found = find(binary);
        if (null != found)
        {
            return found;
        }
        if (!install || !"redis-server".equals(binary))
        {
            problems.append(binary).append(" not found");
            return null;
        }
        if (!"root".equals(System.getProperty("user.name")) || null == find("apt-get"))
        {
            problems.append("redis-server not installed and cannot install it (needs root and apt-get)");
            return null;
        }
        System.err.println("bench: redis-server missing, installing it with apt-get (up to " + INSTALL_TIMEOUT_S +
            " s) ...");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder("apt-get", "install", "-y", "-q", "redis-server")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            final Process apt = builder.start();
            if (!apt.waitFor(INSTALL_TIMEOUT_S, TimeUnit.SECONDS))
            {
                apt.destroyForcibly();
                problems.append("apt-get install redis-server timed out");
                return null;
            }
            if (apt.exitValue() != 0)
            {
                problems.append("apt-get install redis-server failed with exit code ").append(apt.exitValue());
                return null;
            }
        }
        catch (final IOException ex)
        {
            problems.append("apt-get install redis-server failed: ").append(ex.getMessage());
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            problems.append("interrupted while installing redis-server");
            return null;
        }
        found = find(binary);
        if (null == found)
        {
            problems.append("redis-server still not found after apt-get install");
        }
        return found;
    }

    /**
     * @param executable redis-server.
     * @param problems   receives the reason when it returns null.
     * @return a running server accepting PING, or null.
     */
    static RedisServer start(final File executable, final StringBuilder problems)
    {
        final File directory = TempDirectory.create("tradestore-bench-redis-");
        Process process = null;
        try
        {
            final int port = freePort();
            final List<String> command = new ArrayList<>(List.of(executable.getPath(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", directory.getPath(),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no",
                "--protected-mode", "yes", "--logfile", new File(directory, "redis.log").getPath()));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadlineNs)
            {
                if (!process.isAlive())
                {
                    problems.append("redis-server exited with code ").append(process.exitValue());
                    TempDirectory.delete(directory);
                    return null;
                }
                try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", port))
                {
                    if ("PONG".equals(jedis.ping()))
                    {
                        return new RedisServer(process, directory, port);
                    }
                }
                catch (final RuntimeException notYet)
                {
                    Thread.sleep(50);
                }
            }
            problems.append("redis-server did not answer PING within 10 s");
        }
        catch (final IOException ex)
        {
            problems.append("cannot start ").append(executable).append(": ").append(ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            problems.append("interrupted while starting redis-server");
        }
        if (null != process)
        {
            stop(process);
        }
        TempDirectory.delete(directory);
        return null;
    }

    long pid()
    {
        return process.pid();
    }

    public void close()
    {
        stop(process);
        TempDirectory.delete(directory);
    }

    private static void stop(final Process process)
    {
        process.destroy();
        try
        {
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static File find(final String binary)
    {
        if (binary.indexOf(File.separatorChar) >= 0)
        {
            final File file = new File(binary);
            return file.isFile() && file.canExecute() ? file : null;
        }
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        for (final String entry : path.split(File.pathSeparator))
        {
            final File candidate = new File(entry, binary);
            if (candidate.isFile() && candidate.canExecute())
            {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
