package io.tradestore.perf;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Entry point of {@code perf/target/benchmarks.jar}: JMH's own command line, plus the project's JVM flags appended
 * to every fork so Chronicle and Agrona work in the forked JVM, plus a markdown results table.
 * <pre>
 *   java -jar perf/target/benchmarks.jar -prof gc            # the whole suite, a few minutes on 2 cores
 *   java -jar perf/target/benchmarks.jar StoreBenchmark -prof gc -f 1 -wi 3 -i 5
 *   java -jar perf/target/benchmarks.jar -h                   # every JMH option
 * </pre>
 * Flags come from the {@code tradestore-jvm.flags} resource (the parent pom's single list), adjusted to the
 * Java version of the fork's JVM ({@code -jvm PATH} or this JVM). Any {@code -jvmArgsAppend} given on the command
 * line is kept and added after them.
 * <p>
 * After a run the results are written as a markdown table to {@code perf/results/jmh-latest.md} next to the jar's
 * module (or to the file named by the system property {@value #RESULTS_PROPERTY}; {@code none} disables it).
 * With {@code -f 0} nothing is forked and the flags must be passed to this JVM by hand.
 */
public final class Benchmarks
{
    /** System property naming the markdown results file; {@code none} writes nothing. */
    public static final String RESULTS_PROPERTY = "tradestore.perf.results";

    private Benchmarks()
    {
    }

    /**
     * Run JMH.
     *
     * @param args JMH command-line options.
     * @throws IOException when help cannot be printed or the results cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final CommandLineOptions commandLine;
        try
        {
            commandLine = new CommandLineOptions(args);
        }
        catch (final CommandLineOptionException ex)
        {
            System.err.println("Error parsing command line: " + ex.getMessage());
            System.exit(1);
            return;
        }

        if (commandLine.shouldHelp())
        {
            commandLine.showHelp();
            return;
        }
        if (commandLine.shouldListProfilers())
        {
            commandLine.listProfilers();
            return;
        }
        if (commandLine.shouldListResultFormats())
        {
            commandLine.listResultFormats();
            return;
        }

        final Options options = new OptionsBuilder()
            .parent(commandLine)
            .jvmArgsAppend(forkJvmArgs(commandLine).toArray(new String[0]))
            .build();
        final Runner runner = new Runner(options);
        if (commandLine.shouldList())
        {
            runner.list();
            return;
        }
        if (commandLine.shouldListWithParams())
        {
            runner.listWithParams(commandLine);
            return;
        }
        if (commandLine.getForkCount().orElse(1) == 0)
        {
            System.err.println("warning: -f 0 runs in this JVM, which must then be started with the flags of " +
                JvmFlags.RESOURCE);
        }

        final String loadBefore = JmhResultsReport.loadAverage();
        final Collection<RunResult> results;
        try
        {
            results = runner.run();
        }
        catch (final NoBenchmarksException ex)
        {
            System.err.println("No matching benchmarks: check the regular expression (-l lists them).");
            System.exit(1);
            return;
        }
        catch (final ProfilersFailedException ex)
        {
            System.err.println("Profiler failed: " + ex.getMessage());
            System.exit(1);
            return;
        }
        catch (final RunnerException ex)
        {
            System.err.println("Benchmark run failed: " + ex.getMessage());
            System.exit(1);
            return;
        }

        final Path resultsFile = resultsFile();
        if (resultsFile != null && !results.isEmpty())
        {
            JmhResultsReport.write(resultsFile, results, String.join(" ", args), loadBefore);
            System.out.println("Results table written to " + resultsFile);
        }
    }

    static List<String> forkJvmArgs(final CommandLineOptions commandLine)
    {
        final int featureVersion = commandLine.getJvm().hasValue() ?
            JvmFlags.featureVersionOf(commandLine.getJvm().get()) : Runtime.version().feature();
        final List<String> jvmArgs = new ArrayList<>(JvmFlags.forFeatureVersion(featureVersion));
        jvmArgs.add("-Djna.tmpdir=" + new File(System.getProperty("java.io.tmpdir"), "tradestore-jna"));
        jvmArgs.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        if (commandLine.getJvmArgsAppend().hasValue())
        {
            jvmArgs.addAll(commandLine.getJvmArgsAppend().get());
        }
        return jvmArgs;
    }

    private static Path resultsFile()
    {
        final String configured = System.getProperty(RESULTS_PROPERTY);
        if (configured != null)
        {
            return "none".equals(configured) ? null : Path.of(configured);
        }
        try
        {
            final Path location = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path target = location.getParent();
            final Path module = target == null ? null : target.getParent();
            if (module != null && target.getFileName().toString().equals("target"))
            {
                return module.resolve("results").resolve("jmh-latest.md");
            }
        }
        catch (final URISyntaxException | RuntimeException ex)
        {
            System.err.println("warning: cannot locate the perf module: " + ex.getMessage());
        }
        return Path.of("jmh-latest.md");
    }
}
