package io.tradestore.gateway;

import org.agrona.DirectBuffer;

/**
 * Where the gateway hands validated, authorised events: the embedded store's {@code tryPublish}.
 * Called on the gateway agent thread only; must not block.
 */
@FunctionalInterface
public interface EventSink
{
    /**
     * @param sessionId the gateway session, echoed back in the outcome.
     * @param buffer    holding the SBE message (header + body).
     * @param offset    of the SBE message header.
     * @param length    of the SBE message.
     * @return the store sequence (positive) or a negative {@code io.tradestore.pipeline.PublishStatus} code.
     */
    long tryPublish(long sessionId, DirectBuffer buffer, int offset, int length);
}
