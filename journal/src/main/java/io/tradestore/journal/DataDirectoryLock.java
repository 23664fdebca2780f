package io.tradestore.journal;

import io.tradestore.core.StoreException;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per data directory: an exclusive OS lock on {@code DATA/store.lock}, held from the start of
 * {@link StoreEngine#open} until the engine closes. A second store on the same directory, in this process or another,
 * is refused at open with a message naming the holder, instead of two journal writers forcing each other's Chronicle
 * write lock. The OS drops the lock when the holder dies (a crash, SIGKILL), so a crash never blocks the next open.
 * The file holds the holder's PID, for the message only; the lock, not the file's presence, is what counts.
 * Read-only tools (stat, replay, verify) take no lock.
 */
final class DataDirectoryLock implements AutoCloseable
{
    /** The lock file's name in the data directory. */
    static final String FILE_NAME = "store.lock";

    /**
     * Lock files this process holds. A second store in the same process is refused here, before it opens a channel:
     * POSIX drops every lock a process holds on a file when it closes any descriptor of that file, so opening and
     * closing the file again would silently release the first store's lock.
     */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(final String path, final FileChannel channel, final FileLock lock)
    {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dataDirectory an existing data directory.
     * @return the held lock.
     * @throws StoreException when another store holds it, or the file cannot be opened.
     */
    static DataDirectoryLock acquire(final File dataDirectory)
    {
        final File file = new File(dataDirectory, FILE_NAME);
        final String path = canonicalPath(file);
        if (!HELD.add(path))
        {
            throw new StoreException("data directory " + dataDirectory + " is in use by another store in this " +
                "process; one store per data directory");
        }
        try
        {
            return lock(dataDirectory, file, path);
        }
        catch (final RuntimeException ex)
        {
            HELD.remove(path);
            throw ex;
        }
    }

    private static DataDirectoryLock lock(final File dataDirectory, final File file, final String path)
    {
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(
                file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot open the data directory's lock file " + file + ": " + ex, ex);
        }
        try
        {
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                throw new StoreException("data directory " + dataDirectory + " is in use by another store (" +
                    holder(channel) + "); one store process per data directory");
            }
            final byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            return new DataDirectoryLock(path, channel, lock);
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel);
            if (ex instanceof StoreException)
            {
                throw (StoreException)ex;
            }
            throw new StoreException("cannot lock the data directory " + dataDirectory + ": " + ex, ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignore)
        {
            // closing the channel below releases it anyway
        }
        finally
        {
            closeQuietly(channel);
            HELD.remove(path);
        }
    }

    private static String canonicalPath(final File file)
    {
        try
        {
            return file.getCanonicalPath();
        }
        catch (final IOException ex)
        {
            return file.getAbsolutePath();
        }
    }

    private static String holder(final FileChannel channel)
    {
        try
        {
            final ByteBuffer buffer = ByteBuffer.allocate(32);
            final int read = channel.read(buffer, 0);
            final String pid = read > 0 ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim() : "";
            return pid.isEmpty() ? "lock held" : "lock held by process " + pid;
        }
        catch (final IOException ex)
        {
            return "lock held";
        }
    }

    private static void closeQuietly(final FileChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // nothing more to release
        }
    }
}
