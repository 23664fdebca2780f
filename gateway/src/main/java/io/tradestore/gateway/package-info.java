/**
 * The binary TCP gateway: FIX Simple Open Framing Header + SBE over non-blocking NIO on one Agrona agent
 * ({@link io.tradestore.gateway.GatewayServer}), sessions with Logon, roles and permitted accounts
 * ({@link io.tradestore.gateway.Credentials}), limits and counters, and the framing shared with the Java client
 * ({@link io.tradestore.gateway.FrameDecoder}, {@link io.tradestore.gateway.FrameDescriptor}).
 */
package io.tradestore.gateway;
