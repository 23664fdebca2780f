package io.tradestore.gateway;

/**
 * Every event the gateway counts: traffic, each reject reason and each disconnect reason. Read them with
 * {@link GatewayCounters#get(GatewayCounter)}.
 */
public enum GatewayCounter
{
    /** Connections accepted by the listening socket. */
    CONNECTIONS_ACCEPTED("connections accepted"),
    /** Connections closed at once because the maximum number of connections was reached. */
    CONNECTIONS_REFUSED_MAX("connections refused: max connections"),
    /** Successful logons. */
    LOGONS_ACCEPTED("logons accepted"),
    /** Logons rejected: unknown user or wrong password (the two are not distinguished on the wire). */
    LOGONS_REJECTED("logons rejected: bad credentials"),
    /** Frames received and validated. */
    MESSAGES_RECEIVED("messages received"),
    /** Events handed to the store. */
    EVENTS_PUBLISHED("events published to the store"),
    /** Times a session stopped reading because the store's ring was full (TCP push-back). */
    STORE_BACK_PRESSURE("store back-pressure pauses"),
    /** Acks sent for store outcomes. */
    ACKS_SENT("acks sent (store outcomes)"),
    /** Market-data updates fanned out (one per subscriber). */
    MARKET_DATA_SENT("market data updates sent"),
    /** Heartbeats sent. */
    HEARTBEATS_SENT("heartbeats sent"),
    /** Outcomes whose session had already gone. */
    OUTCOMES_WITHOUT_SESSION("outcomes for closed sessions"),
    /** Times the egress thread waited for room in the outcome ring. */
    OUTCOME_RING_FULL("outcome ring full waits"),
    /** Gateway rejects: a message that failed SBE validation. */
    REJECT_MALFORMED("rejects: malformed message"),
    /** Gateway rejects: a message type a client may not send. */
    REJECT_UNSUPPORTED("rejects: unsupported message"),
    /** Gateway rejects: role or account not permitted. */
    REJECT_NOT_AUTHORISED("rejects: not authorised"),
    /** Gateway rejects: message rate above the session limit. */
    REJECT_RATE_LIMITED("rejects: rate limited"),
    /** Gateway rejects: the store is halted or closed. */
    REJECT_STORE_HALTED("rejects: store halted or closed"),
    /** Gateway rejects: the store refuses events because the disk is full. */
    REJECT_DISK_FULL("rejects: disk full"),
    /** Gateway rejects: the store's ring refused the event (back-pressure when not pausing). */
    REJECT_BACK_PRESSURE("rejects: back-pressure"),
    /** Disconnects: a message other than Logon before logon. */
    DISCONNECT_NOT_LOGGED_ON("disconnects: not logged on"),
    /** Disconnects: wrong credentials. */
    DISCONNECT_BAD_CREDENTIALS("disconnects: bad credentials"),
    /** Disconnects: no logon within the logon timeout. */
    DISCONNECT_LOGON_TIMEOUT("disconnects: logon timeout"),
    /** Disconnects: nothing received within the idle timeout. */
    DISCONNECT_IDLE_TIMEOUT("disconnects: idle timeout"),
    /** Disconnects: frame length above the maximum. */
    DISCONNECT_FRAME_TOO_LONG("disconnects: frame too long"),
    /** Disconnects: frame length below the minimum or wrong encoding type. */
    DISCONNECT_BAD_FRAME("disconnects: bad frame header"),
    /** Disconnects: malformed message before logon. */
    DISCONNECT_MALFORMED("disconnects: malformed message before logon"),
    /** Disconnects: outbound buffer full (slow consumer). */
    DISCONNECT_SLOW_CONSUMER("disconnects: slow consumer"),
    /** Disconnects: the peer closed the connection. */
    DISCONNECT_PEER_CLOSED("disconnects: peer closed"),
    /** Disconnects: an I/O error on the socket. */
    DISCONNECT_IO_ERROR("disconnects: I/O error"),
    /** Disconnects: the server is shutting down. */
    DISCONNECT_SHUTDOWN("disconnects: server shutdown");

    private final String label;

    GatewayCounter(final String label)
    {
        this.label = label;
    }

    /**
     * @return a human-readable label.
     */
    public String label()
    {
        return label;
    }
}
