/**
 * Build-time tools run by the core pom (not shipped): precompiles chronicle-values flyweights.
 */
package io.tradestore.core.build;
