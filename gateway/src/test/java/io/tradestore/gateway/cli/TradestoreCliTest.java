package io.tradestore.gateway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradestoreCliTest
{
    @Test
    void shouldReportMissingUsersFileInOneLineWithoutStackTrace(@TempDir final Path dir)
    {
        final String err = captureErr(() -> assertEquals(2, TradestoreCli.execute(
            "serve", "--data", dir.resolve("data").toString(), "--config", dir.resolve("missing.txt").toString())));
        assertEquals(1, err.lines().filter(line -> line.startsWith("tradestore")).count(), err);
        assertTrue(err.contains("tradestore serve: error: users file not found"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void shouldRefuseNonEmptyDemoDataDirectory(@TempDir final Path dir) throws Exception
    {
        java.nio.file.Files.writeString(dir.resolve("something"), "x");
        final String err = captureErr(() -> assertEquals(2, TradestoreCli.execute("demo", "--data", dir.toString())));
        assertTrue(err.contains("not empty"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void shouldRunDemoEndToEndAndVerifyReplayDigest(@TempDir final Path dir)
    {
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int status;
        try
        {
            status = TradestoreCli.execute("demo", "--data", dir.resolve("data").toString(), "--events", "5000",
                "--accounts", "20", "--instruments", "5", "--warmup", "2000");
        }
        finally
        {
            System.setOut(out);
        }
        final String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("OK: digest"), output);
        assertTrue(output.contains("5,000 events acknowledged"), output);
        assertTrue(output.contains("top positions by PnL"), output);
    }

    private static String captureErr(final Runnable action)
    {
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            action.run();
        }
        finally
        {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
