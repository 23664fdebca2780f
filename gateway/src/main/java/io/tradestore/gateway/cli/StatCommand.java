package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.StatTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/**
 * {@code stat}: the counters of a running or stopped store. Read-only.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Print the counters of the store in --data (running or stopped), its meta and journal end.")
final class StatCommand implements Callable<Integer>
{
    @Option(names = "--data", required = true, description = "data directory")
    private File data;

    @Override
    public Integer call()
    {
        return ToolRunner.run(new StatTool(new StatTool.Options().data(data))::run);
    }
}
