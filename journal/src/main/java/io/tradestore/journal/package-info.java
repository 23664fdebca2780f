/**
 * The journal, recovery and snapshots: every event is journaled before it changes state, and any crash is
 * recovered exactly by replaying the journal through the same {@link io.tradestore.core.TradingStateMachine}.
 *
 * <h2>Journal</h2>
 * A Chronicle Queue in {@code DATA/journal}, roll cycle {@code FIVE_MINUTELY} (2^30
 * documents per cycle). One document per batch of events (split at 64 KiB), each entry laid out in
 * {@link io.tradestore.journal.JournalDescriptor}: our contiguous sequence, ingest timestamp, CRC32C, length, then
 * the SBE bytes exactly as received. An entry is journaled once {@code JournalWriter.sync()} has completed its
 * batch's document, and nothing may apply it before.
 * {@link io.tradestore.journal.JournalWriter} appends allocation-free on the journal thread and refuses events
 * with {@code DISK_FULL} below a free-space floor (checked every 64 KiB of journal, never SIGBUS; one
 * {@link io.tradestore.journal.DiskSpaceMonitor} per store also gates ingress and snapshots);
 * {@link io.tradestore.journal.JournalReader} reads zero-copy, verifying CRC, length and contiguity, and can
 * tail a journal another process is writing.
 *
 * <h2>Durability</h2>
 * {@link io.tradestore.journal.DurabilityMode#ASYNC}: acknowledged = in the page cache; survives a process kill.
 * {@link io.tradestore.journal.DurabilityMode#SYNC}: {@code JournalWriter.sync()} once per batch forces the journal
 * to the device before the batch is acknowledged (group commit); survives power loss.
 *
 * <h2>Recovery</h2>
 * See {@link io.tradestore.journal.StoreEngine}: clean shutdown + matching meta reopens the mapped files with no
 * replay; otherwise the stores are discarded, the newest valid snapshot is loaded and the journal tail replayed.
 * Damage in the last document (a torn last batch) is cut off from the damaged entry on (the original journal kept
 * as {@code DATA/journal-torn-<time>}); corruption in an earlier document or a gap refuses to open, naming the sequence, unless repair is requested
 * ({@code DATA/journal-repair-<time>} keeps the original). The journal is never rewritten in place: Chronicle
 * cannot drop committed entries, so the valid prefix is copied to a fresh queue that takes the journal's place.
 *
 * <h2>Snapshots</h2>
 * {@link io.tradestore.journal.SnapshotAgent} runs on its own thread and never touches the live stores, so ingest
 * is never paused for a snapshot. It keeps a shadow state in scratch stores ({@code DATA/snapshots/work}), built
 * from the newest snapshot and kept current by tailing the journal with its own state machine, never past the
 * lower of the applied and the durable sequence. Every N events (exactly at multiples) or T ns it writes the
 * shadow, quiescent at a known sequence, to {@code DATA/snapshots/snapshot-<seq>.bin}
 * ({@link io.tradestore.journal.SnapshotDescriptor}: header with magic, version, sequence, digest, counts and two
 * CRCs) through a temp file, fsync and atomic rename, then keeps the newest K. Loading verifies both CRCs and
 * recomputes the digest; at recovery a bad snapshot is moved aside ({@code rejected-...}) and the next older one
 * is used. Offline tools read snapshots through {@link io.tradestore.journal.SnapshotLoader}, which only skips
 * bad ones.
 * The price is a second apply of every event on the snapshot thread and the scratch stores' memory. Journal
 * cycles are never deleted or archived by this module.
 */
package io.tradestore.journal;
