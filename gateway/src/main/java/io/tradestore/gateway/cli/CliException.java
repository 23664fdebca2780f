package io.tradestore.gateway.cli;

/**
 * A user mistake or an expected failure: printed as one line, no stack trace, non-zero exit.
 */
final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    CliException(final String message)
    {
        super(message);
    }
}
