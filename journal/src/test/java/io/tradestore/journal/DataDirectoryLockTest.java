package io.tradestore.journal;

import io.tradestore.core.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One store per data directory: a second open, in this process or another, is refused with the reason while the
 * first holds the directory, and works once it has closed or been killed.
 */
class DataDirectoryLockTest
{
    @TempDir
    File data;

    @Test
    void shouldRefuseASecondStoreInTheSameProcessUntilTheFirstCloses()
    {
        final EventGenerator generator = new EventGenerator(3);
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(100, TestSupport.ingest(engine, generator, 100));
            final StoreException refused = assertThrows(StoreException.class,
                () -> StoreEngine.open(TestSupport.config(data)));
            assertTrue(refused.getMessage().contains("in use by another store"), refused.getMessage());
            // the refused open released nothing of the first store's: it still journals and closes cleanly
            assertEquals(200, TestSupport.ingest(engine, generator, 200));
        }
        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(201, engine.nextSequence());
        }
    }

    @Test
    void shouldRefuseAStoreWhileAnotherProcessHoldsTheDirectoryAndOpenOnceItIsKilled() throws Exception
    {
        final Process child = start(data);
        try
        {
            final BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("OPEN", output.readLine(), "the child opened the store");

            final StoreException refused = assertThrows(StoreException.class,
                () -> StoreEngine.open(TestSupport.config(data)));
            assertTrue(refused.getMessage().contains("lock held by process " + child.pid()), refused.getMessage());
        }
        finally
        {
            child.destroyForcibly(); // SIGKILL: the OS drops the lock with the process
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        try (StoreEngine engine = StoreEngine.open(TestSupport.config(data)))
        {
            assertEquals(51, engine.nextSequence(), "the killed store's acknowledged events are there");
        }
    }

    private static Process start(final File data) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(Arrays.asList(System.getProperty("tradestore.jvm.flags", "").trim().split("\\s+")));
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
            LockHolder.class.getName(), data.getPath()));
        command.removeIf(String::isEmpty);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Child JVM: opens the store, journals 50 events, prints {@code OPEN} and waits to be killed (at most 60 s). */
    public static final class LockHolder
    {
        private LockHolder()
        {
        }

        public static void main(final String[] args) throws Exception
        {
            try (StoreEngine engine = StoreEngine.open(TestSupport.config(new File(args[0]))))
            {
                TestSupport.ingest(engine, new EventGenerator(3), 50);
                System.out.println("OPEN");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }
}
