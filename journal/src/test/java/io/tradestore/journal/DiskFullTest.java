package io.tradestore.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full disk: a child JVM in a private mount namespace with a 160 MiB tmpfs (needs {@code unshare -m} and
 * permission to mount; skipped otherwise). {@code ulimit -f} is not used: RLIMIT_FSIZE is invisible to
 * {@code statfs}, so it only shows how Chronicle dies, not whether the floor keeps it alive.
 */
class DiskFullTest
{
    @TempDir
    File dir;

    @Test
    void shouldRefuseCleanlyKeepAcknowledgedDataAndResumeWhenSpaceReturns() throws Exception
    {
        assumeTrue(canMountTmpfs(), "unshare -m + mount tmpfs not permitted here");
        final File mountPoint = new File(dir, "tmpfs");
        assertTrue(mountPoint.mkdirs());
        final List<String> java = new ArrayList<>();
        java.add(System.getProperty("java.home") + "/bin/java");
        java.addAll(Arrays.asList(System.getProperty("tradestore.jvm.flags", "").trim().split("\\s+")));
        java.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
            "-cp", PrecompiledValues.classPathFor(new File(dir, "values")) + System.getProperty("java.class.path"),
            DiskFullChild.class.getName(), mountPoint.getPath(), new File(dir, "oracle").getPath()));
        java.removeIf(String::isEmpty);
        final String script = "mount -t tmpfs -o size=160m tmpfs '" + mountPoint.getPath() + "' && exec \"$@\"";
        final List<String> command = new ArrayList<>(List.of("unshare", "-m", "bash", "-c", script, "child"));
        command.addAll(java);

        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        System.out.println(output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("REFUSED after"), output);
        assertTrue(output.contains("\nOK "), output);
    }

    private static boolean canMountTmpfs()
    {
        try
        {
            final Process probe = new ProcessBuilder("unshare", "-m", "bash", "-c",
                "d=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs \"$d\" && umount \"$d\" && rmdir \"$d\"")
                .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }
}
