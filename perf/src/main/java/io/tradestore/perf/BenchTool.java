package io.tradestore.perf;

import io.tradestore.journal.DurabilityMode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./tradestore bench [--quick]}: the comparison suite. One seeded session ({@link BenchWorkload}) replayed
 * through the embedded store (ASYNC and SYNC), the gateway over loopback (one batching client, one ping-pong
 * client), Redis on loopback with a server-side Lua script, and the physical-limit references (raw TCP echo, raw
 * Chronicle Queue append). Prints a table and writes {@code latest.md}, {@code latest.json}, {@code latency.png}
 * and {@code throughput.png} to the results directory.
 * <p>
 * Options: {@code --quick} (under 3 minutes on 2 cores), {@code --results DIR} (default {@code perf/results}),
 * {@code --redis-binary PATH} (default {@code redis-server} on the PATH), {@code --no-install} (never apt-get a
 * missing Redis), {@code --seed N}, {@code --only SCENARIO,...} (run only those scenarios; the results files are then
 * left alone unless {@code --results} is given).
 */
public final class BenchTool
{
    private static final long EMBEDDED_WARMUP_EVENTS = 2_000_000;
    private static final long SUSTAINED_SAMPLE_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SUSTAINED_WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

    static final List<String> SCENARIOS = List.of(EmbeddedScenario.NAME, GatewayScenario.BATCH,
        GatewayScenario.PING_PONG, ReferenceScenarios.ECHO, ReferenceScenarios.QUEUE, ReferenceScenarios.HANDOFF,
        RedisScenario.NAME);

    private BenchTool()
    {
    }

    /**
     * @param args command line, see the class comment.
     * @throws Exception when a scenario fails in a way that makes the run meaningless.
     */
    public static void main(final String[] args) throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        boolean quick = false;
        boolean install = true;
        String results = "perf/results";
        String redisBinary = "redis-server";
        long seed = 42;
        boolean resultsGiven = false;
        final Set<String> only = new HashSet<>();
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-install":
                    install = false;
                    break;
                case "--results":
                    results = value(args, ++i);
                    resultsGiven = true;
                    break;
                case "--only":
                    for (final String scenario : value(args, ++i).split(","))
                    {
                        if (!SCENARIOS.contains(scenario))
                        {
                            System.err.println("tradestore bench: unknown scenario " + scenario + ", known: " +
                                SCENARIOS);
                            System.exit(2);
                            return;
                        }
                        only.add(scenario);
                    }
                    break;
                case "--redis-binary":
                    redisBinary = value(args, ++i);
                    break;
                case "--seed":
                    seed = Long.parseLong(value(args, ++i));
                    break;
                case "-h":
                case "--help":
                    System.out.println("usage: tradestore bench [--quick] [--only SCENARIO,...] [--results DIR] " +
                        "[--redis-binary PATH] [--no-install] [--seed N]");
                    System.out.println("scenarios: " + SCENARIOS + "; with --only nothing is written unless " +
                        "--results is given");
                    return;
                default:
                    System.err.println("tradestore bench: unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                    return;
            }
        }
        final StringBuilder command = new StringBuilder("./tradestore bench");
        for (final String arg : args)
        {
            command.append(' ').append(arg);
        }
        final MachineInfo machine = MachineInfo.current();
        final List<BenchResult> rows = new ArrayList<>();
        run(quick, seed, redisBinary, install, only, rows);
        machine.loadAverageAfter = JmhResultsReport.loadAverage();
        final BenchReport report = new BenchReport(machine, rows, command.toString());
        System.out.println();
        System.out.print(report.table());
        if (!only.isEmpty() && !resultsGiven)
        {
            return;
        }
        writeAll(report, Path.of(results));
        System.out.println("results: " + Path.of(results).toAbsolutePath().normalize() +
            "/{latest.md, latest.json, latency.png, throughput.png}");
    }

    static void writeAll(final BenchReport report, final Path directory) throws IOException
    {
        report.write(directory);
        final String subtitle = report.machine.processors + " cores, " + report.machine.cpuModel + ", " +
            report.machine.jdk + ", " + report.machine.date + ", load " + report.machine.loadAverageBefore;
        ChartWriter.writeLatency(report.results, subtitle, directory.resolve("latency.png").toFile());
        ChartWriter.writeThroughput(report.results, subtitle, directory.resolve("throughput.png").toFile());
    }

    private static void run(
        final boolean quick, final long seed, final String redisBinary, final boolean install, final Set<String> only,
        final List<BenchResult> rows) throws IOException
    {
        final int events = quick ? 300_000 : 1_000_000;
        final int sustainedEvents = quick ? 3_000_000 : 10_000_000;
        final double[] rates = quick ? new double[]{100_000, 500_000} : new double[]{100_000, 500_000, 1_000_000};
        final double latencySeconds = quick ? 2 : 3;
        final int roundTrips = quick ? 20_000 : 50_000;

        final long generateNs = System.nanoTime();
        final BenchWorkload workload = BenchWorkload.generate(seed, events);
        progress(String.format(Locale.ROOT, "workload: seed %d, %,d events (%,d malformed skipped), %.1f s",
            seed, workload.count, workload.skipped, (System.nanoTime() - generateNs) / 1e9));

        if (wanted(only, EmbeddedScenario.NAME))
        {
            embedded(workload, rates, latencySeconds, rows);
            final long sustainedNs = System.nanoTime();
            final BenchWorkload longSession = BenchWorkload.generate(seed, sustainedEvents);
            progress(String.format(Locale.ROOT, "long session for the sustained row: %,d events, %.1f s",
                longSession.count, (System.nanoTime() - sustainedNs) / 1e9));
            rows.add(progress(new EmbeddedScenario(longSession).sustained(
                DurabilityMode.ASYNC, SUSTAINED_SAMPLE_NS, SUSTAINED_WINDOW_NS)));
        }
        if (wanted(only, GatewayScenario.BATCH) || wanted(only, GatewayScenario.PING_PONG))
        {
            try (GatewayScenario gateway = new GatewayScenario(workload))
            {
                if (wanted(only, GatewayScenario.BATCH))
                {
                    gateway.throughput(); // discarded: compiles the client and gateway paths, as embedded does
                    rows.add(progress(gateway.throughput()));
                    rows.add(progress(gateway.throughputWithPipelineThread()));
                    rows.add(progress(gateway.throughputWithoutStore()));
                    for (final double rate : rates)
                    {
                        rows.add(progress(gateway.latency(rate, latencyEvents(rate, latencySeconds))));
                    }
                }
                if (wanted(only, GatewayScenario.PING_PONG))
                {
                    rows.add(progress(gateway.pingPong(roundTrips)));
                    rows.add(progress(gateway.pingPongWithPipelineThread(roundTrips)));
                    rows.add(progress(gateway.pingPongWithoutStore(roundTrips)));
                }
            }
        }
        if (wanted(only, ReferenceScenarios.ECHO))
        {
            rows.add(progress(ReferenceScenarios.tcpEcho(roundTrips)));
        }
        if (wanted(only, ReferenceScenarios.QUEUE))
        {
            rows.add(progress(ReferenceScenarios.queueAppend(workload)));
        }
        if (wanted(only, ReferenceScenarios.HANDOFF))
        {
            for (final double rate : rates)
            {
                rows.add(progress(ReferenceScenarios.ringHandoff(rate, latencyEvents(rate, latencySeconds))));
            }
            for (final double rate : rates)
            {
                rows.add(progress(ReferenceScenarios.ringSameThread(rate, latencyEvents(rate, latencySeconds))));
            }
        }
        if (wanted(only, RedisScenario.NAME))
        {
            final int before = rows.size();
            new RedisScenario(workload, redisBinary, install).run(roundTrips, rows);
            for (int i = before; i < rows.size(); i++)
            {
                progress(rows.get(i));
            }
        }
    }

    private static boolean wanted(final Set<String> only, final String scenario)
    {
        return only.isEmpty() || only.contains(scenario);
    }

    private static void embedded(
        final BenchWorkload workload, final double[] rates, final double latencySeconds, final List<BenchResult> rows)
    {
        final EmbeddedScenario embedded = new EmbeddedScenario(workload);
        // JIT warm-up, discarded: C2 keeps compiling Chronicle's paths for ~1-2M events (measured: 370k, 670k, 860k,
        // 1.0M events/s in four consecutive 1M-event runs), so one short run left ASYNC measured colder than SYNC,
        // which runs later
        final int warmupRuns = Math.max(1, (int)Math.min(6, EMBEDDED_WARMUP_EVENTS / workload.count));
        for (int i = 0; i < warmupRuns; i++)
        {
            embedded.throughput(DurabilityMode.ASYNC, null);
        }
        final List<BenchResult> positionRead = new ArrayList<>();
        rows.add(progress(embedded.throughput(DurabilityMode.ASYNC, positionRead)));
        rows.addAll(positionRead);
        for (final double rate : rates)
        {
            rows.add(progress(embedded.latency(DurabilityMode.ASYNC, rate, latencyEvents(rate, latencySeconds))));
        }
        rows.add(progress(embedded.throughputInvoked(DurabilityMode.ASYNC)));
        for (final double rate : rates)
        {
            rows.add(progress(embedded.latencyInvoked(DurabilityMode.ASYNC, rate, latencyEvents(rate, latencySeconds))));
        }
        final BenchResult sync = progress(embedded.throughput(DurabilityMode.SYNC, null));
        rows.add(sync);
        boolean anySync = false;
        for (final double rate : rates)
        {
            if (rate <= sync.throughputEventsPerSecond * 0.8)
            {
                rows.add(progress(embedded.latency(DurabilityMode.SYNC, rate, latencyEvents(rate, latencySeconds))));
                anySync = true;
            }
            else
            {
                final BenchResult skipped = BenchResult.skipped(EmbeddedScenario.NAME, "open-loop",
                    EmbeddedScenario.durabilityLabel(DurabilityMode.SYNC), String.format(Locale.ROOT,
                    "SYNC sustains %s events/s here (throughput row); offering %s/s would only measure the queue",
                    BenchReport.rate(sync.throughputEventsPerSecond), BenchReport.rate(rate)));
                skipped.offeredRatePerSecond = rate;
                rows.add(skipped);
            }
        }
        if (!anySync)
        {
            final double sustainable = Math.max(1_000, Math.floor(sync.throughputEventsPerSecond * 0.5 / 1_000) * 1_000);
            rows.add(progress(embedded.latency(DurabilityMode.SYNC, sustainable,
                latencyEvents(sustainable, latencySeconds))));
        }
    }

    private static int latencyEvents(final double rate, final double seconds)
    {
        return (int)Math.min(Integer.MAX_VALUE, rate * seconds);
    }

    private static BenchResult progress(final BenchResult result)
    {
        if (result.isMeasured())
        {
            progress(String.format(Locale.ROOT, "%-40s %10s/s  p50 %s us  p99 %s us  max %s us  GCs %d  %s",
                result.label(), BenchReport.rate(result.throughputEventsPerSecond), BenchReport.micros(result.p50Ns),
                BenchReport.micros(result.p99Ns), BenchReport.micros(result.maxNs), result.gcCount, result.note));
        }
        else
        {
            progress(result.label() + " skipped: " + result.reason);
        }
        return result;
    }

    private static void progress(final String line)
    {
        System.err.println("bench: " + line);
    }

    private static String value(final String[] args, final int index)
    {
        if (index >= args.length)
        {
            System.err.println("tradestore bench: " + args[index - 1] + " needs a value");
            System.exit(2);
        }
        return args[index];
    }
}
