package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.StateTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    @Mixin
    private AuditOptions common;

    @Option(names = "--at-seq", description = "state after this sequence")
    private Long atSequence;

    @Option(names = "--at-time", description = "state at this ingest time (ISO-8601 UTC)")
    private String atTime;

    @Override
    public Integer call()
    {
        final StateTool.Options options = new StateTool.Options().atSequence(atSequence).atTime(atTime);
        return ToolRunner.run(new StateTool(common.toToolOptions(), options)::run);
    }
}
