/**
 * Test fixtures shared by every module's tests through core's test-jar
 * ({@code tradestore-core:test-jar}, test scope):
 * <ul>
 *   <li>{@link io.tradestore.core.test.SessionGenerator}: seeded, allocation-free generator of realistic SBE-encoded
 *   sessions with a configurable fraction of invalid events and the outcome each event must have;</li>
 *   <li>{@link io.tradestore.core.test.ReferenceModel}: an independent on-heap model of the state machine's rules,
 *   its digest and a field-by-field comparison with the stores;</li>
 *   <li>{@link io.tradestore.core.test.TestStores}: the three stores in a temporary directory, reopened or deleted
 *   on demand.</li>
 * </ul>
 * Seeded tests print their seed and take {@code -Dtradestore.seed=N} to replay a failure.
 */
package io.tradestore.core.test;
