package io.tradestore.journal.tool;

/**
 * A user-facing failure: its message is the one line the tool prints before exiting with
 * {@link ToolExit#ERROR}.
 */
final class ToolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    ToolException(final String message)
    {
        super(message, null, false, false);
    }
}
