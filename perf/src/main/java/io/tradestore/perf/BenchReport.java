package io.tradestore.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the rows of a {@link BenchTool} run: the console table, {@code latest.md} and {@code latest.json}
 * (hand-written JSON, one object per row), and the ratios against the goals of the performance suite.
 */
final class BenchReport
{
    final MachineInfo machine;
    final List<BenchResult> results;
    final String command;

    BenchReport(final MachineInfo machine, final List<BenchResult> results, final String command)
    {
        this.machine = machine;
        this.results = results;
        this.command = command;
    }

    /** A ratio of two measurements against its goal. */
    static final class Ratio
    {
        final String name;
        final double value;
        final String goal;
        final String verdict;

        Ratio(final String name, final double value, final String goal, final String verdict)
        {
            this.name = name;
            this.value = value;
            this.goal = goal;
            this.verdict = verdict;
        }
    }

    List<Ratio> ratios()
    {
        final List<Ratio> ratios = new ArrayList<>();
        final BenchResult embedded = find("embedded", "throughput", "ASYNC");
        final BenchResult redis = find("redis", "throughput", null);
        final BenchResult batch = find("gateway-batch", "throughput", null);
        final BenchResult pingPong = find("gateway-pingpong", "round-trip", null);
        final BenchResult echo = find("tcp-echo", "round-trip", null);
        final BenchResult hget = find("redis", "hget-rtt", null);
        final BenchResult read = find("embedded", "position-read", null);

        ratios.add(ratio("embedded ASYNC throughput / Redis pipelined throughput", embedded, redis, true, 10, true));
        ratios.add(ratio("gateway-batch throughput / Redis pipelined throughput", batch, redis, true, 3, true));
        ratios.add(ratio("gateway-pingpong p50 / tcp-echo p50", pingPong, echo, false, 1.5, false));
        ratios.add(ratio("Redis HGET round trip p50 / in-process position read", hget, read, false, 100, true));

        // issue 4 and 5 targets, absolute, each from the better of the two ways to run the store
        final BenchResult embeddedBest = faster(embedded, find("embedded", "throughput-invoked", "ASYNC"));
        ratios.add(target("embedded ASYNC throughput, better topology (M events/s)",
            null == embeddedBest ? Double.NaN : embeddedBest.throughputEventsPerSecond / 1e6, 1.5, true));
        final BenchResult sustained = find("embedded", "throughput-sustained", "ASYNC");
        ratios.add(target("embedded ASYNC sustained: slowest 1 s window of the long run (M events/s)",
            null == sustained ? Double.NaN : sustained.slowestWindowEventsPerSecond / 1e6, 1.5, true));
        final BenchResult openLoop = lowerP99(
            findOpenLoop("embedded", "open-loop", "ASYNC", 100_000),
            findOpenLoop("embedded", "open-loop-invoked", "ASYNC", 100_000));
        ratios.add(target("embedded ASYNC open-loop @100k, better topology: p99 (us)",
            null == openLoop ? Double.NaN : openLoop.p99Ns / 1e3, 20, false));
        ratios.add(target("embedded ASYNC open-loop @100k, same row: p99.9 (us)",
            null == openLoop ? Double.NaN : openLoop.p999Ns / 1e3, 100, false));
        final BenchResult batchBest = faster(batch, find("gateway-batch", "throughput-pipeline-thread", null));
        ratios.add(target("gateway-batch acknowledged, better topology (M events/s)",
            null == batchBest ? Double.NaN : batchBest.throughputEventsPerSecond / 1e6, 1, true));

        double worstAllocation = Double.NaN;
        long steadyGcs = 0;
        boolean anyGc = false;
        for (final BenchResult result : results)
        {
            if (result.isMeasured() && (result.scenario.equals("embedded") || result.scenario.startsWith("gateway")) &&
                !Double.isNaN(result.allocatedBytesPerEvent))
            {
                worstAllocation = Double.isNaN(worstAllocation) ?
                    result.allocatedBytesPerEvent : Math.max(worstAllocation, result.allocatedBytesPerEvent);
            }
            if (result.isMeasured() && result.scenario.equals("embedded") && result.gcCount >= 0)
            {
                steadyGcs += result.gcCount;
                anyGc = true;
            }
        }
        ratios.add(new Ratio("worst sender allocation per event, embedded + gateway (B)", worstAllocation, "0",
            Double.isNaN(worstAllocation) ? "not measured" : worstAllocation < 1 ? "met" : "missed"));
        ratios.add(new Ratio("GCs during the embedded measured phases", anyGc ? steadyGcs : Double.NaN, "0",
            !anyGc ? "not measured" : steadyGcs == 0 ? "met" : "missed"));
        return ratios;
    }

    private static Ratio ratio(
        final String name, final BenchResult top, final BenchResult bottom, final boolean throughput,
        final double goal, final boolean atLeast)
    {
        final String goalText = (atLeast ? ">= " : "<= ") + number(goal);
        if (null == top || null == bottom)
        {
            final String missing = null == top ? "numerator" : "denominator";
            return new Ratio(name, Double.NaN, goalText, "not measured (" + missing + " skipped)");
        }
        final double a = throughput ? top.throughputEventsPerSecond : top.p50Ns;
        final double b = throughput ? bottom.throughputEventsPerSecond : bottom.p50Ns;
        if (!(b > 0) || Double.isNaN(a))
        {
            return new Ratio(name, Double.NaN, goalText, "not measured");
        }
        final double value = a / b;
        final boolean met = atLeast ? value >= goal : value <= goal;
        return new Ratio(name, value, goalText, met ? "met" : "missed");
    }

    private static Ratio target(final String name, final double value, final double goal, final boolean atLeast)
    {
        final String goalText = (atLeast ? ">= " : "<= ") + number(goal);
        if (Double.isNaN(value))
        {
            return new Ratio(name, Double.NaN, goalText, "not measured");
        }
        return new Ratio(name, value, goalText, (atLeast ? value >= goal : value <= goal) ? "met" : "missed");
    }

    private static BenchResult faster(final BenchResult a, final BenchResult b)
    {
        if (null == a || null == b)
        {
            return null == a ? b : a;
        }
        return b.throughputEventsPerSecond > a.throughputEventsPerSecond ? b : a;
    }

    private static BenchResult lowerP99(final BenchResult a, final BenchResult b)
    {
        if (null == a || null == b)
        {
            return null == a ? b : a;
        }
        return b.p99Ns < a.p99Ns ? b : a;
    }

    private BenchResult findOpenLoop(
        final String scenario, final String mode, final String durabilityPrefix, final double offeredRate)
    {
        for (final BenchResult result : results)
        {
            if (result.isMeasured() && result.scenario.equals(scenario) && result.mode.equals(mode) &&
                result.durability.startsWith(durabilityPrefix) && result.offeredRatePerSecond == offeredRate &&
                result.p99Ns >= 0)
            {
                return result;
            }
        }
        return null;
    }

    BenchResult find(final String scenario, final String mode, final String durabilityPrefix)
    {
        for (final BenchResult result : results)
        {
            if (result.isMeasured() && result.scenario.equals(scenario) && result.mode.equals(mode) &&
                (null == durabilityPrefix || result.durability.startsWith(durabilityPrefix)))
            {
                return result;
            }
        }
        return null;
    }

    String table()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-44s %-36s %12s %9s %9s %9s %10s %4s %8s%n",
            "scenario", "durability", "events/s", "p50 us", "p99 us", "p99.9 us", "max us", "GCs", "B/event"));
        for (final BenchResult r : results)
        {
            if (!r.isMeasured())
            {
                out.append(String.format(Locale.ROOT, "%-44s %-36s skipped: %s%n", r.label(),
                    shortDurability(r.durability),
                    r.reason));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-44s %-36s %12s %9s %9s %9s %10s %4s %8s%n",
                r.label(), shortDurability(r.durability), rate(r.throughputEventsPerSecond), micros(r.p50Ns), micros(r.p99Ns),
                micros(r.p999Ns), micros(r.maxNs), r.gcCount < 0 ? "-" : Long.toString(r.gcCount),
                Double.isNaN(r.allocatedBytesPerEvent) ? "-" : number(r.allocatedBytesPerEvent)));
        }
        out.append(System.lineSeparator()).append("ratios:").append(System.lineSeparator());
        for (final Ratio ratio : ratios())
        {
            out.append(String.format(Locale.ROOT, "  %-60s %10s  goal %-7s %s%n", ratio.name, number(ratio.value),
                ratio.goal, ratio.verdict));
        }
        return out.toString();
    }

    String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append("# tradestore bench: latest results\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- date: ").append(machine.date).append('\n');
        md.append("- JDK: ").append(machine.jdk).append('\n');
        md.append("- machine: ").append(machine.processors).append(" processors (nproc), ").append(machine.cpuModel)
            .append('\n');
        md.append("- load average (1/5/15 min) before: ").append(machine.loadAverageBefore).append(", after: ")
            .append(machine.loadAverageAfter).append(" (other work on this 2-core machine moves every number)\n");
        md.append("- latency: open-loop rows are coordinated-omission corrected (from the intended send time to the ")
            .append("outcome/ack); round-trip rows are closed loop, one message in flight. ")
            .append("B/event: bytes allocated by the sending thread per event. GCs: collections during the ")
            .append("measured phase.\n\n");
        md.append("| scenario | mode | durability | offered/s | events/s | p50 µs | p99 µs | p99.9 µs | max µs | ")
            .append("GCs | B/event | notes |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final BenchResult r : results)
        {
            if (!r.isMeasured())
            {
                md.append("| ").append(r.scenario).append(" | ").append(r.mode).append(" | ").append(r.durability)
                    .append(" | ").append(rate(r.offeredRatePerSecond))
                    .append(" | skipped | | | | | | | ").append(escape(r.reason)).append(" |\n");
                continue;
            }
            md.append("| ").append(r.scenario).append(" | ").append(r.mode).append(" | ").append(r.durability)
                .append(" | ").append(rate(r.offeredRatePerSecond))
                .append(" | ").append(rate(r.throughputEventsPerSecond))
                .append(" | ").append(micros(r.p50Ns)).append(" | ").append(micros(r.p99Ns))
                .append(" | ").append(micros(r.p999Ns)).append(" | ").append(micros(r.maxNs))
                .append(" | ").append(r.gcCount < 0 ? "-" : Long.toString(r.gcCount))
                .append(" | ").append(Double.isNaN(r.allocatedBytesPerEvent) ? "-" : number(r.allocatedBytesPerEvent))
                .append(" | ").append(escape(r.note)).append(" |\n");
        }
        md.append("\n## Against the goals (ratios: issue 7; absolute targets: issues 4 and 5)\n\n")
            .append("| measure | value | goal | verdict |\n|---|---:|---|---|\n");
        for (final Ratio ratio : ratios())
        {
            md.append("| ").append(ratio.name).append(" | ").append(number(ratio.value)).append(" | ")
                .append(ratio.goal).append(" | ").append(ratio.verdict).append(" |\n");
        }
        md.append("\n![latency percentiles](latency.png)\n\n![throughput](throughput.png)\n");
        return md.toString();
    }

    String json()
    {
        final StringBuilder json = new StringBuilder("{\n");
        json.append("  \"date\": ").append(quote(machine.date)).append(",\n");
        json.append("  \"jdk\": ").append(quote(machine.jdk)).append(",\n");
        json.append("  \"nproc\": ").append(machine.processors).append(",\n");
        json.append("  \"cpu\": ").append(quote(machine.cpuModel)).append(",\n");
        json.append("  \"loadAverageBefore\": ").append(quote(machine.loadAverageBefore)).append(",\n");
        json.append("  \"loadAverageAfter\": ").append(quote(machine.loadAverageAfter)).append(",\n");
        json.append("  \"command\": ").append(quote(command)).append(",\n");
        json.append("  \"scenarios\": [\n");
        for (int i = 0; i < results.size(); i++)
        {
            final BenchResult r = results.get(i);
            json.append("    {\"scenario\": ").append(quote(r.scenario))
                .append(", \"mode\": ").append(quote(r.mode))
                .append(", \"durability\": ").append(quote(r.durability))
                .append(", \"status\": ").append(quote(r.status))
                .append(", \"reason\": ").append(r.reason.isEmpty() ? "null" : quote(r.reason))
                .append(", \"offeredRatePerSec\": ").append(jsonNumber(r.offeredRatePerSecond))
                .append(", \"throughputEventsPerSec\": ").append(jsonNumber(r.throughputEventsPerSecond))
                .append(", \"events\": ").append(r.events)
                .append(", \"p50Ns\": ").append(jsonLong(r.p50Ns))
                .append(", \"p90Ns\": ").append(jsonLong(r.p90Ns))
                .append(", \"p99Ns\": ").append(jsonLong(r.p99Ns))
                .append(", \"p999Ns\": ").append(jsonLong(r.p999Ns))
                .append(", \"maxNs\": ").append(jsonLong(r.maxNs))
                .append(", \"gcCount\": ").append(jsonLong(r.gcCount))
                .append(", \"allocatedBytesPerEvent\": ").append(jsonNumber(r.allocatedBytesPerEvent))
                .append(", \"slowestWindowEventsPerSec\": ").append(jsonNumber(r.slowestWindowEventsPerSecond))
                .append(", \"note\": ").append(quote(r.note))
                .append('}').append(i + 1 < results.size() ? "," : "").append('\n');
        }
        json.append("  ],\n  \"ratios\": [\n");
        final List<Ratio> ratios = ratios();
        for (int i = 0; i < ratios.size(); i++)
        {
            final Ratio ratio = ratios.get(i);
            json.append("    {\"name\": ").append(quote(ratio.name))
                .append(", \"value\": ").append(jsonNumber(ratio.value))
                .append(", \"goal\": ").append(quote(ratio.goal))
                .append(", \"verdict\": ").append(quote(ratio.verdict))
                .append('}').append(i + 1 < ratios.size() ? "," : "").append('\n');
        }
        json.append("  ]\n}\n");
        return json.toString();
    }

    void write(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("latest.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("latest.json"), json(), StandardCharsets.UTF_8);
    }

    static String shortDurability(final String durability)
    {
        final int paren = durability.indexOf(" (");
        final String head = paren > 0 ? durability.substring(0, paren) : durability;
        return durability.endsWith("over loopback TCP") ? head + ", loopback" : head;
    }

    static String quote(final String value)
    {
        if (null == value)
        {
            return "null";
        }
        final StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    private static String jsonNumber(final double value)
    {
        return Double.isNaN(value) || Double.isInfinite(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String jsonLong(final long value)
    {
        return value < 0 ? "null" : Long.toString(value);
    }

    private static String escape(final String text)
    {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String micros(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, ns < 10_000 ? "%.2f" : "%.0f", ns / 1000.0);
    }

    static String rate(final double perSecond)
    {
        if (Double.isNaN(perSecond))
        {
            return "-";
        }
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    static String number(final double value)
    {
        if (Double.isNaN(value))
        {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.2f", value);
    }
}
