package io.tradestore.gateway.cli;

import io.tradestore.journal.StoreCapacities;
import io.tradestore.journal.tool.OutputFormat;
import io.tradestore.journal.tool.ToolOptions;
import picocli.CommandLine.Option;

import java.io.File;

/**
 * The options {@code replay} and {@code state} share ({@code --data}, {@code --account}, {@code --format}), as one
 * picocli mixin. Capacities are not options: the tools read the ones the store recorded; a data directory from
 * before they were recorded is replayed with {@code serve}'s defaults, and the tool says so on stderr.
 */
final class AuditOptions
{
    @Option(names = "--data", required = true, description = "data directory")
    private File data;

    @Option(names = "--account", description = "only this account")
    private Long account;

    @Option(names = "--format", defaultValue = "text", description = "text, json (one object per line) or csv")
    private String format;

    /** @return the shared tool options these arguments describe. */
    ToolOptions toToolOptions()
    {
        return toolOptions(data).accountId(account).format(OutputFormat.parse(format));
    }

    /**
     * @param data the {@code --data} argument.
     * @return tool options over {@code data} that assume serve's default capacities where none are recorded.
     */
    static ToolOptions toolOptions(final File data)
    {
        return new ToolOptions().data(data).assumedCapacities(new StoreCapacities(ServeCommand.DEFAULT_ORDER_CAPACITY,
            ServeCommand.DEFAULT_POSITION_CAPACITY, ServeCommand.DEFAULT_INSTRUMENT_CAPACITY));
    }
}
