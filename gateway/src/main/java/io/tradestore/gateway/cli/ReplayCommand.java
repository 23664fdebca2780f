package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.ReplayTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code replay}: print journaled events with their replayed outcomes. Read-only.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replay the journal in --data through the state machine (in a scratch directory) and print the events",
        "matching the filters with their outcomes. Read-only; safe while a server writes the directory.",
        "Times are ISO-8601 UTC, e.g. 2026-11-27T10:32:15Z."
    })
final class ReplayCommand implements Callable<Integer>
{
    @Mixin
    private AuditOptions common;

    @Option(names = "--from-seq", description = "first sequence")
    private Long fromSequence;

    @Option(names = "--to-seq", description = "last sequence")
    private Long toSequence;

    @Option(names = "--from-time", description = "first ingest time (ISO-8601 UTC)")
    private String fromTime;

    @Option(names = "--to-time", description = "last ingest time (ISO-8601 UTC)")
    private String toTime;

    @Option(names = "--instrument", description = "only events of this instrument")
    private Integer instrument;

    @Option(names = "--order", description = "only events of this order id")
    private Long order;

    @Override
    public Integer call()
    {
        final ReplayTool.Options options = new ReplayTool.Options()
            .instrumentId(instrument)
            .orderId(order);
        if (null != fromSequence)
        {
            options.fromSequence(fromSequence);
        }
        if (null != toSequence)
        {
            options.toSequence(toSequence);
        }
        if (null != fromTime)
        {
            options.fromTime(fromTime);
        }
        if (null != toTime)
        {
            options.toTime(toTime);
        }
        return ToolRunner.run(new ReplayTool(common.toToolOptions(), options)::run);
    }
}
