package io.tradestore.gateway;

import java.util.List;

/**
 * Users for tests, hashed with few iterations so logons are quick.
 */
final class TestUsers
{
    static final String PASSWORD = "s3cret-pw";

    private TestUsers()
    {
    }

    static Credentials credentials()
    {
        return Credentials.parse(List.of(
            "# test users",
            line("alice", "trader", "1,2"),
            line("feed", "publisher", "-"),
            line("viewer", "subscriber", "-"),
            line("ops", "trader+publisher+subscriber", "*")), "test");
    }

    static GatewayContext context()
    {
        return new GatewayContext().port(0).credentials(credentials());
    }

    private static String line(final String user, final String roles, final String accounts)
    {
        return Credentials.entry(user, roles, accounts, PASSWORD.toCharArray(), 1000);
    }
}
