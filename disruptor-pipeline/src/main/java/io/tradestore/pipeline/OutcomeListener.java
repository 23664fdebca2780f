package io.tradestore.pipeline;

import org.agrona.DirectBuffer;

/**
 * Receives the outcome of every event, in sequence order, on the egress thread, after the event has been
 * journaled (and forced to disk in SYNC mode) and applied. Must not block and must not keep the buffer: it is a
 * ring slot reused after the call returns.
 */
@FunctionalInterface
public interface OutcomeListener
{
    /** A listener that ignores outcomes. */
    OutcomeListener NO_OP = (sessionId, correlationId, sequence, timestampNs, templateId, rejectReason, orderStatus,
        buffer, offset, length) -> {};

    /**
     * @param sessionId     the id the producer published with (a gateway session, or 0 for embedded callers).
     * @param correlationId the event's correlation id (0 when the message has none).
     * @param sequence      the store sequence.
     * @param timestampNs   the ingest timestamp, ns since the epoch.
     * @param templateId    SBE template id of the event.
     * @param rejectReason  0 when accepted, else the {@code RejectReason} value.
     * @param orderStatus   the order status after the event, or -1 when not an accepted order event.
     * @param buffer        holding the SBE message.
     * @param offset        of the SBE message header.
     * @param length        of the SBE message.
     */
    void onOutcome(
        long sessionId,
        long correlationId,
        long sequence,
        long timestampNs,
        int templateId,
        int rejectReason,
        int orderStatus,
        DirectBuffer buffer,
        int offset,
        int length);
}
