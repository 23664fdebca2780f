package io.tradestore.gateway.cli;

import java.io.PrintStream;

/**
 * Runs an offline tool against the process's stdout and stderr and returns its exit code.
 */
final class ToolRunner
{
    @FunctionalInterface
    interface Tool
    {
        int run(PrintStream out, PrintStream err);
    }

    private ToolRunner()
    {
    }

    static int run(final Tool tool)
    {
        final int exit = tool.run(System.out, System.err);
        System.out.flush();
        return exit;
    }
}
