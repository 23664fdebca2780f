package io.tradestore.gateway.cli;

import io.tradestore.gateway.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code hash-password}: print one line for the gateway credentials file. The password is read from the terminal
 * without echo, or from the first line of standard input when it is not a terminal; it is never an argument.
 */
@Command(
    name = "hash-password",
    mixinStandardHelpOptions = true,
    description = {
        "Print a credentials-file line (username:roles:accounts:pbkdf2-sha256:iterations:salt:hash).",
        "Append it to the file given to 'serve --config'. The password is read from the terminal",
        "(or the first line of stdin), never from the command line."
    })
final class HashPasswordCommand implements Callable<Integer>
{
    @Option(names = "--user", required = true, description = "user name, [A-Za-z0-9_.-]{1,64}")
    private String user;

    @Option(names = "--roles", required = true,
        description = "trader, publisher, subscriber, joined by '+', e.g. trader+subscriber")
    private String roles;

    @Option(names = "--accounts", defaultValue = "-",
        description = "comma-separated account ids the user may act for, '*' for all, '-' for none (default)")
    private String accounts;

    @Option(names = "--iterations", defaultValue = "" + Credentials.DEFAULT_ITERATIONS,
        description = "PBKDF2 iterations (default ${DEFAULT-VALUE})")
    private int iterations;

    public Integer call() throws IOException
    {
        final char[] password = readPassword();
        try
        {
            if (password.length == 0)
            {
                throw new CliException("empty password");
            }
            System.out.println(Credentials.entry(user, roles, accounts, password, iterations));
            return 0;
        }
        finally
        {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] readPassword() throws IOException
    {
        final Console console = System.console();
        if (null != console)
        {
            final char[] first = console.readPassword("password: ");
            final char[] second = console.readPassword("again: ");
            if (null == first || null == second || !Arrays.equals(first, second))
            {
                throw new CliException("passwords do not match");
            }
            Arrays.fill(second, '\0');
            return first;
        }
        final BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        final String line = reader.readLine();
        if (null == line)
        {
            throw new CliException("no password on standard input");
        }
        return line.toCharArray();
    }
}
