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
 * to the same directory: they see the journal as it was when they reached its end.
 * <p>
 * User mistakes (missing directory, bad arguments, corrupt journal) print one line on {@code err} and return
 * {@link io.tradestore.journal.tool.ToolExit#ERROR}; never a stack trace.
 */
package io.tradestore.journal.tool;
