package io.tradestore.gateway.cli;

import io.tradestore.journal.tool.VerifyTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;

/**
 * {@code verify}: rebuild from the journal and compare digests with the live store. Read-only.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuild the state from the journal in a scratch directory and compare its digest with the store's.",
        "Exit 0 equal, 1 different (naming the first divergent sequence), 2 error."
    })
final class VerifyCommand implements Callable<Integer>
{
    @Option(names = "--data", required = true, description = "data directory")
    private File data;

    @Override
    public Integer call()
    {
        return ToolRunner.run(new VerifyTool(AuditOptions.toolOptions(data))::run);
    }
}
