package io.tradestore.gateway;

/**
 * Layout of one record in the outcome ring (store egress thread to gateway agent), native byte order.
 * <pre>
 *  0        8             16        24            32           36             40             44
 *  +--------+-------------+---------+-------------+------------+--------------+--------------+----------------+
 *  |session | correlation | sequence| timestampNs | templateId | rejectReason | orderStatus  | SBE message... |
 *  +--------+-------------+---------+-------------+------------+--------------+--------------+----------------+
 * </pre>
 * The SBE message is carried only for accepted MarketDataUpdate events (for the fan-out), with its sequence and
 * timestamp fields already filled; other records end after {@code orderStatus}.
 */
final class OutcomeDescriptor
{
    static final int MSG_TYPE_ID = 1;
    static final int SESSION_ID_OFFSET = 0;
    static final int CORRELATION_ID_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 16;
    static final int TIMESTAMP_OFFSET = 24;
    static final int TEMPLATE_ID_OFFSET = 32;
    static final int REJECT_REASON_OFFSET = 36;
    static final int ORDER_STATUS_OFFSET = 40;
    static final int HEADER_LENGTH = 44;

    private OutcomeDescriptor()
    {
    }
}
