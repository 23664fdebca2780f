package io.tradestore.gateway.client;

import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;

/**
 * Callbacks of a {@link GatewayClient}, invoked on the thread that calls {@link GatewayClient#poll()}.
 */
public interface ClientListener
{
    /**
     * An Ack. A positive sequence means the event was journaled and applied by the store (accepted or rejected by
     * the state machine); sequence 0 is a reject made by the gateway itself, never journaled.
     *
     * @param correlationId as returned by the send method (0 for a Subscribe ack or an unattributable reject).
     * @param sequence      store sequence, or 0 for a gateway reject.
     * @param rejectReason  {@link RejectReason#NONE} when accepted.
     * @param orderStatus   the order's status after the event, {@link OrderStatus#NULL_VAL} when none.
     */
    void onAck(long correlationId, long sequence, RejectReason rejectReason, OrderStatus orderStatus);

    /**
     * A market-data update of a subscription, with the store sequence and ingest timestamp filled in.
     *
     * @param update flyweight valid only during the call.
     */
    default void onMarketData(final MarketDataUpdateDecoder update)
    {
    }

    /**
     * The connection ended.
     *
     * @param reason given by the server, or a local description.
     */
    default void onDisconnect(final String reason)
    {
    }
}
