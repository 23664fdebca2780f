/**
 * The Java client of the tradestore gateway: {@link io.tradestore.gateway.client.GatewayClient} encodes SBE
 * messages into a batching send buffer and delivers acks and market data to a
 * {@link io.tradestore.gateway.client.ClientListener} from {@code poll()}.
 */
package io.tradestore.gateway.client;
