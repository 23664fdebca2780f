package io.tradestore.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code ./tradestore}: the command-line entry point. User mistakes and expected failures print one line and
 * exit non-zero; unexpected failures print their stack trace.
 */
@Command(
    name = "tradestore",
    mixinStandardHelpOptions = true,
    version = "tradestore 0.1.0",
    description = "Low-latency, off-heap, journaled trading data store.",
    subcommands = {
        DemoCommand.class,
        ServeCommand.class,
        LoadCommand.class,
        ReplayCommand.class,
        StateCommand.class,
        VerifyCommand.class,
        StatCommand.class,
        HashPasswordCommand.class,
        CommandLine.HelpCommand.class
    })
public final class TradestoreCli implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Run a command and exit with its status.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Run a command.
     *
     * @param args command-line arguments.
     * @return the exit status.
     */
    public static int execute(final String... args)
    {
        final CommandLine commandLine = new CommandLine(new TradestoreCli());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(TradestoreCli::onException);
        commandLine.setParameterExceptionHandler(TradestoreCli::onBadArguments);
        return commandLine.execute(args);
    }

    /**
     * Without a command: print usage.
     */
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    private static int onBadArguments(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        err.println("tradestore " + commandLine.getCommandName() + ": error: " + ex.getMessage() +
            " (see 'tradestore " + ("tradestore".equals(commandLine.getCommandName()) ? "" : commandLine.getCommandName() + " ") +
            "--help')");
        err.flush();
        return 2;
    }

    private static int onException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        // a StoreException always names the file or value at fault (e.g. a data directory in use by another store)
        if (ex instanceof CliException || ex instanceof IllegalArgumentException ||
            ex instanceof java.io.IOException || ex instanceof io.tradestore.core.StoreException)
        {
            err.println("tradestore " + commandLine.getCommandName() + ": error: " + ex.getMessage());
            err.flush();
            return 2;
        }
        err.println("tradestore " + commandLine.getCommandName() + ": unexpected failure");
        ex.printStackTrace(err);
        err.flush();
        return 3;
    }
}
