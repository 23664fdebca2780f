package io.tradestore.gateway.client;

import java.io.IOException;

/**
 * The gateway refused the logon, or the session ended; the message carries the server's reason when it gave one.
 */
public final class GatewayClientException extends IOException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the reason.
     */
    public GatewayClientException(final String message)
    {
        super(message);
    }
}
