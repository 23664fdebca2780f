package io.tradestore.gateway.cli;

import io.tradestore.core.sbe.RejectReason;
import io.tradestore.core.sbe.Side;
import io.tradestore.gateway.Credentials;
import io.tradestore.pipeline.OutcomeListener;
import io.tradestore.pipeline.TradeStore;
import io.tradestore.pipeline.TradeStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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

    @Test
    void shouldReplayAndVerifyWithTheCapacitiesTheStoreRecordedAndServeShouldRefuseOthers(@TempDir final Path dir)
        throws Exception
    {
        final File data = dir.resolve("data").toFile();
        final TradeStoreConfig config = new TradeStoreConfig().dataDirectory(data).orderCapacity(50)
            .positionCapacity(100).instrumentCapacity(4).minFreeDiskBytes(0);
        try (TradeStore store = TradeStore.open(config, OutcomeListener.NO_OP))
        {
            long sequence = 0;
            for (int order = 1; order <= 60; order++)
            {
                sequence = store.tryNewOrder(order, order, 1, 1, Side.BUY, 10_0000, 10);
            }
            assertEquals(RejectReason.ORDER_STORE_FULL.value(), store.awaitOutcome(sequence, 10_000_000_000L));
        }

        final String[] out = new String[1];
        final String err = captureErr(() -> out[0] = captureOut(() -> assertEquals(0,
            TradestoreCli.execute("replay", "--data", data.toString(), "--format", "csv", "--account", "1"))));
        assertFalse(err.contains("replay:"), err);
        assertEquals(61, out[0].lines().count(), out[0]);
        assertEquals(10, out[0].lines().filter(line -> line.contains(",ORDER_STORE_FULL,")).count(), out[0]);
        assertTrue(captureOut(() -> assertEquals(0, TradestoreCli.execute("verify", "--data", data.toString())))
            .startsWith("OK: digest"));

        final String unknown = captureErr(() -> assertEquals(2,
            TradestoreCli.execute("state", "--data", data.toString(), "--order-capacity", "50")));
        assertTrue(unknown.contains("Unknown options: '--order-capacity'"), unknown);

        final Path users = dir.resolve("users.txt");
        Files.writeString(users, Credentials.entry("u", "trader", "*", "pw".toCharArray(), 1) + "\n");
        final String refused = captureErr(() -> assertEquals(2,
            TradestoreCli.execute("serve", "--data", data.toString(), "--config", users.toString(), "--port", "0")));
        assertTrue(refused.contains("tradestore serve: error: store ") &&
            refused.contains("orders recorded 50 but configured 1000000"), refused);
        assertEquals(1, refused.lines().count(), refused);
    }

    @SuppressWarnings("try") // the store only has to hold the directory
    @Test
    void shouldRefuseToServeADataDirectoryAnotherStoreHoldsInOneLine(@TempDir final Path dir) throws Exception
    {
        final File data = dir.resolve("data").toFile();
        final Path users = dir.resolve("users.txt");
        Files.writeString(users, Credentials.entry("u", "trader", "*", "pw".toCharArray(), 1) + "\n");
        try (TradeStore ignored = TradeStore.open(
            new TradeStoreConfig().dataDirectory(data).minFreeDiskBytes(0), OutcomeListener.NO_OP))
        {
            // preemptive: a serve that is not refused would run its server until stopped, not return
            final String refused = captureErr(() -> assertEquals(2, assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> TradestoreCli.execute("serve", "--data", data.toString(), "--config", users.toString(),
                "--port", "0"))));
            assertTrue(refused.contains("tradestore serve: error: data directory ") &&
                refused.contains("is in use by another store"), refused);
            assertEquals(1, refused.lines().count(), refused);
        }
    }

    private static String captureOut(final Runnable action)
    {
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            action.run();
        }
        finally
        {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
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
