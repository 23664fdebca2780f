package io.tradestore.journal;

import io.tradestore.core.StoreException;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File-system steps of recovery and snapshots: forcing files and directories, deleting and moving trees.
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
}
