package io.tradestore.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a result depends on besides the code: the JDK, the CPU, the cores and how busy they were. */
final class MachineInfo
{
    final String jdk;
    final int processors;
    final String cpuModel;
    final String loadAverageBefore;
    String loadAverageAfter = "";
    final String date;

    MachineInfo(
        final String jdk, final int processors, final String cpuModel, final String loadAverageBefore,
        final String date)
    {
        this.jdk = jdk;
        this.processors = processors;
        this.cpuModel = cpuModel;
        this.loadAverageBefore = loadAverageBefore;
        this.date = date;
    }

    static MachineInfo current()
    {
        return new MachineInfo(
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" +
                System.getProperty("java.vendor") + ")",
            Runtime.getRuntime().availableProcessors(),
            cpuModel(),
            JmhResultsReport.loadAverage(),
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    private static String cpuModel()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // not Linux: fall through
        }
        return System.getProperty("os.arch", "unknown CPU");
    }
}
