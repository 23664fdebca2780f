package io.tradestore.journal;

import io.tradestore.core.StoreException;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

/**
 * File-system steps of recovery and snapshots: forcing files and directories, deleting and moving trees,
 * replacing small files atomically.
 * Never on the hot path.
 */
final class FileSupport
{
    private FileSupport()
    {
    }

    static void ensureDirectory(final File directory)
    {
        if (!directory.isDirectory() && !directory.mkdirs())
        {
            throw new StoreException("cannot create directory " + directory);
        }
    }

    /**
     * Replace {@code directory/name} with {@code bytes} so that a crash leaves either the old or the new content:
     * write a temporary file, force it, rename it over the old one, force the directory.
     */
    static void writeAtomically(final File directory, final String name, final byte[] bytes)
    {
        final File file = new File(directory, name);
        final File temp = new File(directory, name + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temp.toPath(),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    static void forceDirectory(final File directory)
    {
        try (FileChannel channel = FileChannel.open(directory.toPath(), StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ignore)
        {
            // some file systems cannot fsync a directory; the rename is still atomic there
        }
    }

    static void forceFile(final File file)
    {
        if (!file.isFile())
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot force " + file + ": " + ex.getMessage(), ex);
        }
    }

    static void forceTree(final File directory)
    {
        final File[] files = directory.listFiles();
        if (files != null)
        {
            for (final File file : files)
            {
                forceFile(file);
            }
        }
        forceDirectory(directory);
    }

    static void deleteTree(final File root)
    {
        if (!root.exists())
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root.toPath()))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot delete " + root + ": " + ex.getMessage(), ex);
        }
        if (root.exists())
        {
            throw new StoreException("cannot delete " + root);
        }
    }

    static void deleteFile(final File file)
    {
        try
        {
            Files.deleteIfExists(file.toPath());
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot delete " + file + ": " + ex.getMessage(), ex);
        }
    }

    static void move(final File from, final File to)
    {
        try
        {
            Files.move(from.toPath(), to.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new StoreException("cannot move " + from + " to " + to + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * CRC32C of the first {@code length} bytes: the check value of the small fixed-layout files (store meta,
     * capacities, snapshot header).
     *
     * @param bytes  the file's bytes.
     * @param length how many of them the CRC covers.
     * @return the CRC32C as the int32 the files store.
     */
    static int crc32c(final byte[] bytes, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }
}
