package io.tradestore.journal.tool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Manual measurement, off by default: {@code -Dtradestore.tool.rateEvents=1000000} writes a journal of that many
 * events (raise ToolFixture.ORDER_CAPACITY above it first) and prints the rate of {@code replay --format json} to /dev/null. Not a timing assertion.
 */
class ReplayRateTest
{
    @Test
    @EnabledIfSystemProperty(named = "tradestore.tool.rateEvents", matches = "\\d+")
    void measureJsonReplayRate(@TempDir final Path dir) throws Exception
    {
        final int events = Integer.parseInt(System.getProperty("tradestore.tool.rateEvents"));
        final File data = dir.resolve("data").toFile();
        ToolFixture.write(data, 1, events);
        try (PrintStream devNull = new PrintStream(new FileOutputStream("/dev/null"), false))
        {
            final long startNs = System.nanoTime();
            final int exit = new ReplayTool(new ReplayTool.Options().data(data).capacities(ToolFixture.capacities())
                .format(OutputFormat.JSON)).run(devNull, System.err);
            final long elapsedNs = System.nanoTime() - startNs;
            assertEquals(ToolExit.OK, exit);
            System.out.printf("replay --format json: %d events in %.2f s = %.0f events/s%n",
                events, elapsedNs / 1e9, events * 1e9 / elapsedNs);
        }
    }
}
