package io.tradestore.pipeline;

import io.tradestore.core.sbe.CancelOrderEncoder;
import io.tradestore.core.sbe.FillEncoder;
import io.tradestore.core.sbe.MarketDataUpdateEncoder;
import io.tradestore.core.sbe.MessageHeaderEncoder;
import io.tradestore.core.sbe.NewOrderEncoder;
import io.tradestore.core.sbe.ReplaceOrderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One preallocated ring entry: the SBE bytes of the event (the same bytes that are journaled and replayed), the
 * stamps of the ingress, and the outcome written by the apply stage for the egress stage.
 * <p>
 * A slot is owned by the producer that claimed it until it is published, then by the stages in turn; the
 * Disruptor's sequence barriers give the happens-before edges, so the fields are plain.
 */
final class RingSlot
{
    /** Largest SBE message a slot holds; every state-changing message of the schema fits. */
    static final int MAX_MESSAGE_LENGTH = 128;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
    final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    final CancelOrderEncoder cancelOrderEncoder = new CancelOrderEncoder();
    final ReplaceOrderEncoder replaceOrderEncoder = new ReplaceOrderEncoder();
    final FillEncoder fillEncoder = new FillEncoder();
    final MarketDataUpdateEncoder marketDataEncoder = new MarketDataUpdateEncoder();

    long sequence;
    long timestampNs;
    long sessionId;
    long correlationId;
    int length;
    int templateId;
    int rejectReason;
    int orderStatus;
    boolean journaled;
}
