/**
 * The Disruptor pipeline and the embedded {@link io.tradestore.pipeline.TradeStore} API.
 * <p>
 * Topology (write-ahead): producers claim a preallocated {@code RingSlot}, copy or encode
 * the SBE message into it and stamp the store sequence and ingest timestamp; then the journal stage appends it to
 * Chronicle Queue (and, in SYNC mode, forces the batch to disk at {@code endOfBatch}); then the apply stage runs
 * the {@link io.tradestore.core.TradingStateMachine}; then the egress stage delivers outcomes to the
 * {@link io.tradestore.pipeline.OutcomeListener}. Journal and apply run in one consumer thread by default
 * ({@link io.tradestore.pipeline.Topology#COMBINED}), still journal first.
 */
package io.tradestore.pipeline;
