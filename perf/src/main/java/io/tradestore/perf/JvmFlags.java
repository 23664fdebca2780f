package io.tradestore.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM flags a forked benchmark JVM needs, read from the {@code tradestore-jvm.flags} classpath resource that
 * the build filters from the parent pom's single flag list, adjusted to the Java feature version of the JVM that
 * will run the fork.
 * <p>
 * {@code --sun-misc-unsafe-memory-access=allow} is fatal before JDK 24 and needed from JDK 24 on (Chronicle and
 * Agrona use {@code sun.misc.Unsafe} memory access), so it is removed or added here whatever JDK built the jar.
 */
final class JvmFlags
{
    static final String RESOURCE = "tradestore-jvm.flags";
    static final String UNSAFE_MEMORY_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";
    static final int UNSAFE_MEMORY_ACCESS_SINCE = 24;

    private JvmFlags()
    {
    }

    /**
     * @param featureVersion Java feature version of the JVM that will use the flags (e.g. 17, 25).
     * @return the flags for that JVM, never empty.
     */
    static List<String> forFeatureVersion(final int featureVersion)
    {
        final List<String> flags = new ArrayList<>();
        for (final String flag : readResource().split("\\s+"))
        {
            if (!flag.isEmpty() && !flag.startsWith("--sun-misc-unsafe-memory-access"))
            {
                flags.add(flag);
            }
        }
        if (flags.isEmpty())
        {
            throw new IllegalStateException("classpath resource " + RESOURCE + " holds no JVM flags");
        }
        if (featureVersion >= UNSAFE_MEMORY_ACCESS_SINCE)
        {
            flags.add(UNSAFE_MEMORY_ACCESS_FLAG);
        }
        return flags;
    }

    /**
     * The Java feature version of another JVM, asked with {@code -XshowSettings:properties -version}.
     *
     * @param javaExecutable path of the {@code java} launcher.
     * @return its feature version, e.g. 17 or 25.
     * @throws IllegalStateException when it cannot be determined.
     */
    static int featureVersionOf(final String javaExecutable)
    {
        final ProcessBuilder builder = new ProcessBuilder(javaExecutable, "-XshowSettings:properties", "-version");
        builder.redirectErrorStream(true);
        try
        {
            final Process process = builder.start();
            int version = -1;
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    final String trimmed = line.trim();
                    if (trimmed.startsWith("java.specification.version = "))
                    {
                        version = parseFeature(trimmed.substring("java.specification.version = ".length()));
                    }
                }
            }
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
            if (version < 0)
            {
                throw new IllegalStateException("cannot tell the Java version of " + javaExecutable);
            }
            return version;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot run " + javaExecutable, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + javaExecutable + " for its version", ex);
        }
    }

    static int parseFeature(final String specificationVersion)
    {
        final String value = specificationVersion.startsWith("1.") ?
            specificationVersion.substring(2) : specificationVersion;
        final int dot = value.indexOf('.');
        return Integer.parseInt(dot < 0 ? value : value.substring(0, dot));
    }

    private static String readResource()
    {
        try (InputStream in = JvmFlags.class.getClassLoader().getResourceAsStream(RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + RESOURCE, ex);
        }
    }
}
