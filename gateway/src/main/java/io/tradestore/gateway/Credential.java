package io.tradestore.gateway;

import org.agrona.collections.LongHashSet;

/**
 * An authenticated user: its roles and the accounts it may act for. Immutable after construction; safe to read
 * from any thread. Never holds the password or its hash.
 */
public final class Credential
{
    private final String username;
    private final int roleMask;
    private final boolean allAccounts;
    private final LongHashSet accounts;

    Credential(final String username, final int roleMask, final boolean allAccounts, final LongHashSet accounts)
    {
        this.username = username;
        this.roleMask = roleMask;
        this.allAccounts = allAccounts;
        this.accounts = accounts;
    }

    /**
     * @return the user name.
     */
    public String username()
    {
        return username;
    }

    /**
     * @param role to check.
     * @return true when the user holds the role.
     */
    public boolean hasRole(final Role role)
    {
        return (roleMask & role.bit()) != 0;
    }

    /**
     * @param accountId to check.
     * @return true when the user may act for the account.
     */
    public boolean permits(final long accountId)
    {
        return allAccounts || accounts.contains(accountId);
    }
}
