/**
 * The {@code ./tradestore} command line (picocli): {@code demo}, {@code serve}, {@code load} and
 * {@code hash-password}; {@code bench} is dispatched by the launcher script to the perf module's jar.
 */
package io.tradestore.gateway.cli;
