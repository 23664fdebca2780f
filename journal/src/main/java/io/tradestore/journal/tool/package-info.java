/**
 * Offline, read-only audit tools over a tradestore data directory: {@link io.tradestore.journal.tool.ReplayTool},
 * {@link io.tradestore.journal.tool.StateTool}, {@link io.tradestore.journal.tool.VerifyTool} and
 * {@link io.tradestore.journal.tool.StatTool}.
 * <p>
 * Every tool is a plain class with a typed options object and {@code int run(PrintStream out, PrintStream err)}
 * returning the process exit code, so a command-line launcher only parses arguments and calls it. The tools never
 * write under the data directory: the journal is opened read-only, the state is rebuilt by the same
 * {@link io.tradestore.core.TradingStateMachine} over scratch stores in a temporary directory that is deleted
 * afterwards, and the meta, snapshot and counters files are only read. They can run while a store process appends
 * to the same directory: they see the journal as it was when they started.
 * <p>
 * {@code state} and {@code replay} start from the newest snapshot at or before the point they need
 * ({@link io.tradestore.journal.SnapshotLoader}: a snapshot failing its checks is skipped, never moved) and
 * replay the journal from the next sequence; {@code --at-time}/{@code --from-time} are turned into sequences by
 * a binary search over the journal's timestamps. Scratch stores are sized to the journal end when that is below
 * the configured capacity (every event adds at most one order or position, so outcomes are unchanged).
 * {@code replay} formats and writes on a second thread.
 * <p>
 * User mistakes (missing directory, bad arguments, corrupt journal) print one line on {@code err} and return
 * {@link io.tradestore.journal.tool.ToolExit#ERROR}; never a stack trace.
 */
package io.tradestore.journal.tool;
