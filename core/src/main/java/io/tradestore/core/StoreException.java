package io.tradestore.core;

/**
 * A store cannot be opened or used as configured: a broken invariant, never a business reject.
 */
public final class StoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the file or value.
     */
    public StoreException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong.
     * @param cause   underlying failure.
     */
    public StoreException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
