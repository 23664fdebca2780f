package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.OutputFormat;
import io.tradestore.journal.tool.StateTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/**
 * {@code state}: positions and open orders as they were at a sequence or a time. Read-only.
 */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuild positions (with realized PnL) and open orders as they were after --at-seq or at --at-time,",
        "from the journal in --data. Read-only; safe while a server writes the directory."
    })
final class StateCommand implements Callable<Integer>
{
    @Option(names = "--data", required = true, description = "data directory")
    private File data;

    @Option(names = "--at-seq", description = "state after this sequence")
    private Long atSequence;

    @Option(names = "--at-time", description = "state at this ingest time (ISO-8601 UTC)")
    private String atTime;

    @Option(names = "--account", description = "only this account")
    private Long account;

    @Option(names = "--format", defaultValue = "text", description = "text, json (one object per line) or csv")
    private String format;

    @Mixin
    private StoreCapacityOptions capacities;

    @Override
    public Integer call()
    {
        final StateTool.Options options = new StateTool.Options()
            .data(data)
            .atSequence(atSequence)
            .atTime(atTime)
            .accountId(account)
            .format(OutputFormat.parse(format))
            .capacities(capacities.toCapacities());
        return ToolRunner.run(new StateTool(options)::run);
    }
}
