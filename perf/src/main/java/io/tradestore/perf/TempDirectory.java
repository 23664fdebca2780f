package io.tradestore.perf;

import org.agrona.IoUtil;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Fresh temporary directories for benchmark data, deleted at tear-down. */
final class TempDirectory
{
    private TempDirectory()
    {
    }

    /**
     * @param prefix of the directory name.
     * @return a new empty directory under {@code java.io.tmpdir}.
     */
    static File create(final String prefix)
    {
        try
        {
            return Files.createTempDirectory(prefix).toFile();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary directory", ex);
        }
    }

    /**
     * @param directory to delete with everything in it.
     */
    static void delete(final File directory)
    {
        IoUtil.delete(directory, true);
    }
}
