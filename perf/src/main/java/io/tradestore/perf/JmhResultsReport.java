package io.tradestore.perf;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Renders JMH run results as a markdown document: the machine (processors, CPU model from {@code /proc/cpuinfo},
 * memory), the JDK of the forks, the date and the command line, then one table row per benchmark with the score,
 * its 99.9% error and, when {@code -prof gc} was on, the allocation per operation and the GC count.
 */
final class JmhResultsReport
{
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";
    private static final String GC_COUNT = "gc.count";

    private JmhResultsReport()
    {
    }

    /**
     * Write the report, creating parent directories.
     *
     * @param file        to write.
     * @param results     of the run.
     * @param commandLine the JMH arguments the run was given.
     * @param loadBefore  {@link #loadAverage()} taken before the run.
     * @throws IOException when the file cannot be written.
     */
    static void write(
        final Path file, final Collection<RunResult> results, final String commandLine, final String loadBefore)
        throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final String load = "before " + loadBefore + ", after " + loadAverage();
        Files.writeString(file, render(results, commandLine, Instant.now(), load), StandardCharsets.UTF_8);
    }

    static String render(
        final Collection<RunResult> results, final String commandLine, final Instant date, final String load)
    {
        final List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(RunResult.DEFAULT_SORT_COMPARATOR);
        final BenchmarkParams first = sorted.get(0).getParams();

        final StringBuilder out = new StringBuilder(4096);
        out.append("# JMH results (latest run)\n\n");
        out.append("| | |\n|---|---|\n");
        out.append("| date | ").append(date.truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
        out.append("| JDK | ").append(first.getVmName()).append(' ').append(first.getVmVersion())
            .append(" (").append(first.getJdkVersion()).append(") |\n");
        out.append("| machine | ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
            .append(cpuModel()).append(", ").append(memTotal()).append(", ")
            .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(" |\n");
        out.append("| load average (1/5/15 min) | ").append(load).append(" |\n");
        out.append("| JMH | ").append(first.getJmhVersion()).append(", forks ").append(first.getForks())
            .append(", warmup ").append(first.getWarmup().getCount()).append(" x ").append(first.getWarmup().getTime())
            .append(", measurement ").append(first.getMeasurement().getCount()).append(" x ")
            .append(first.getMeasurement().getTime()).append(" |\n");
        out.append("| command | `java -jar perf/target/benchmarks.jar ")
            .append(commandLine.replace("|", "\\|")).append("` |\n\n");

        out.append("| benchmark | mode | samples | score | error (99.9%) | units | alloc B/op | GCs |\n");
        out.append("|---|---|---:|---:|---:|---|---:|---:|\n");
        for (final RunResult result : sorted)
        {
            final BenchmarkParams params = result.getParams();
            final Result<?> primary = result.getPrimaryResult();
            out.append("| ").append(name(params))
                .append(" | ").append(params.getMode().shortLabel())
                .append(" | ").append(primary.getSampleCount())
                .append(" | ").append(number(primary.getScore()))
                .append(" | ").append(error(primary))
                .append(" | ").append(primary.getScoreUnit())
                .append(" | ").append(secondary(result, ALLOC_NORM))
                .append(" | ").append(secondary(result, GC_COUNT))
                .append(" |\n");
        }
        out.append("\nalloc B/op is `gc.alloc.rate.norm` and GCs is `gc.count` from `-prof gc` (`n/a` without it).\n");
        return out.toString();
    }

    private static String name(final BenchmarkParams params)
    {
        final String benchmark = params.getBenchmark();
        final String packagePrefix = Benchmarks.class.getPackageName() + '.';
        final StringBuilder name = new StringBuilder(
            benchmark.startsWith(packagePrefix) ? benchmark.substring(packagePrefix.length()) : benchmark);
        if (!params.getParamsKeys().isEmpty())
        {
            name.append(" (");
            String separator = "";
            for (final String key : params.getParamsKeys())
            {
                name.append(separator).append(key).append('=').append(params.getParam(key));
                separator = ", ";
            }
            name.append(')');
        }
        return name.toString();
    }

    private static String secondary(final RunResult result, final String label)
    {
        final Result<?> secondary = result.getSecondaryResults().get(label);
        if (secondary == null)
        {
            return "n/a";
        }
        final double error = secondary.getScoreError();
        return number(secondary.getScore()) + (Double.isNaN(error) ? "" : " ± " + number(error));
    }

    private static String error(final Result<?> result)
    {
        final double error = result.getScoreError();
        return Double.isNaN(error) ? "" : "± " + number(error);
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == 0)
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 1)
        {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 0.001)
        {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%.1e", value);
    }

    /**
     * @return the 1, 5 and 15 minute load averages from {@code /proc/loadavg}: other work on the machine during a
     * run shows here, and on a 2-core machine it moves every number.
     */
    static String loadAverage()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                .trim().split(" ");
            return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
        }
        catch (final IOException | RuntimeException ex)
        {
            return "unknown";
        }
    }

    private static String cpuModel()
    {
        return procField(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
    }

    private static String memTotal()
    {
        final String kb = procField(Path.of("/proc/meminfo"), "MemTotal", "");
        final String digits = kb.replaceAll("[^0-9]", "");
        if (digits.isEmpty())
        {
            return "unknown memory";
        }
        return String.format(Locale.ROOT, "%.1f GiB RAM", Long.parseLong(digits) / (1024.0 * 1024.0));
    }

    private static String procField(final Path file, final String key, final String absent)
    {
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key))
                {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return absent;
        }
        return absent;
    }
}
