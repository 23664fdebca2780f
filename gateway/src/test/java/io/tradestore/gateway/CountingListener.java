package io.tradestore.gateway;

import io.tradestore.core.sbe.MarketDataUpdateDecoder;
import io.tradestore.core.sbe.OrderStatus;
import io.tradestore.core.sbe.RejectReason;
import io.tradestore.gateway.client.ClientListener;

/**
 * Test listener: counts the acks of the client's own events (correlation id 0, e.g. a logon's, is not counted), the
 * rejected ones among them, and the market-data updates received. One client thread.
 */
class CountingListener implements ClientListener
{
    long acked;
    long rejected;
    long marketData;

    public void onAck(
        final long correlationId, final long sequence, final RejectReason rejectReason, final OrderStatus orderStatus)
    {
        if (correlationId == 0)
        {
            return;
        }
        acked++;
        if (rejectReason != RejectReason.NONE)
        {
            rejected++;
        }
    }

    public void onMarketData(final MarketDataUpdateDecoder update)
    {
        marketData++;
    }
}
