/**
 * The deterministic core of tradestore: the SBE schema and codecs (generated into {@code io.tradestore.core.sbe}),
 * the {@link io.tradestore.core.TradingStateMachine} that applies journaled events, the off-heap stores it writes
 * ({@link io.tradestore.core.OrderStore}, {@link io.tradestore.core.PositionStore},
 * {@link io.tradestore.core.MarketDataStore}), read-only {@link io.tradestore.core.StoreQueries} and the
 * {@link io.tradestore.core.StateDigest} that summarises the whole state.
 * <p>
 * Single writer: only the apply thread mutates the stores; readers on other threads use their own readers and
 * copies. Prices are int64 fixed point with 4 implied decimals, quantities int64 whole units, all arithmetic exact.
 * This package depends on Agrona, Chronicle Map and the generated codecs only: no Disruptor, sockets or logging.
 */
package io.tradestore.core;
