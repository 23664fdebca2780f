package io.tradestore.gateway;

import org.agrona.collections.LongHashSet;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gateway's users, loaded from a credentials file; passwords are stored only as salted PBKDF2 hashes.
 * <p>
 * File format, UTF-8, one user per line, blank lines and lines starting with {@code #} ignored:
 * <pre>
 * username:roles:accounts:pbkdf2-sha256:iterations:salt-base64:hash-base64
 *
 * alice:trader:1001,1002:pbkdf2-sha256:100000:3q2+7w...:yq8F...     trader for accounts 1001 and 1002
 * feed:publisher:-:pbkdf2-sha256:100000:...:...                     market-data publisher, no accounts
 * ops:trader+subscriber:*:pbkdf2-sha256:100000:...:...              every account, and subscribes
 * </pre>
 * {@code username} is {@code [A-Za-z0-9_.-]{1,64}}; {@code roles} are {@link Role} labels joined by {@code +};
 * {@code accounts} is a comma-separated list of positive account ids, {@code *} for all or {@code -} for none.
 * The hash is PBKDF2WithHmacSHA256 (JDK), 256-bit key. Create lines with {@link #entry} (the
 * {@code ./tradestore hash-password} command).
 * <p>
 * {@link #authenticate} takes milliseconds by design (the iteration count): call it off the gateway agent
 * thread. Thread safe after loading.
 */
public final class Credentials
{
    /** The only hash scheme understood. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Iterations used by {@link #entry} unless told otherwise. */
    public static final int DEFAULT_ITERATIONS = 100_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int KEY_BITS = 256;
    private static final int SALT_BYTES = 16;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> users;
    private final Entry decoy;

    private Credentials(final Map<String, Entry> users)
    {
        this.users = users;
        this.decoy = new Entry(null, DEFAULT_ITERATIONS, new byte[SALT_BYTES], new byte[KEY_BITS / 8]);
    }

    /**
     * Load a credentials file.
     *
     * @param file to read.
     * @return the users.
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException naming the line when the file is malformed.
     */
    public static Credentials load(final Path file) throws IOException
    {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parse credentials lines.
     *
     * @param lines  of a credentials file.
     * @param source name used in error messages.
     * @return the users.
     * @throws IllegalArgumentException naming the line when malformed.
     */
    public static Credentials parse(final List<String> lines, final String source)
    {
        final Map<String, Entry> users = new HashMap<>();
        int lineNumber = 0;
        for (final String raw : lines)
        {
            lineNumber++;
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            try
            {
                final Entry entry = parseLine(line);
                if (users.put(entry.credential.username(), entry) != null)
                {
                    throw new IllegalArgumentException("duplicate user '" + entry.credential.username() + "'");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": " + ex.getMessage(), ex);
            }
        }
        return new Credentials(users);
    }

    /**
     * @return number of users.
     */
    public int size()
    {
        return users.size();
    }

    /**
     * Check a password. Runs the full hash even for an unknown user so timing does not reveal which users exist.
     *
     * @param username       as sent in the Logon.
     * @param passwordUtf8   password bytes; zeroed by this method.
     * @param passwordLength number of password bytes.
     * @return the credential when the password matches, otherwise null.
     */
    public Credential authenticate(final String username, final byte[] passwordUtf8, final int passwordLength)
    {
        final CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(passwordUtf8, 0, passwordLength));
        Arrays.fill(passwordUtf8, (byte)0);
        final boolean empty = !chars.hasRemaining();
        final char[] password = new char[empty ? 1 : chars.remaining()];
        chars.get(password, 0, chars.remaining());
        Arrays.fill(chars.array(), '\0');
        try
        {
            final Entry entry = users.get(username);
            final Entry check = entry != null ? entry : decoy;
            final byte[] hash = pbkdf2(password, check.salt, check.iterations);
            final boolean matches = MessageDigest.isEqual(hash, check.hash);
            return entry != null && matches && !empty ? entry.credential : null;
        }
        finally
        {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Make one line of a credentials file with a fresh random salt.
     *
     * @param username   the user name.
     * @param roles      roles joined by {@code +}, e.g. {@code trader+subscriber}.
     * @param accounts   comma-separated account ids, {@code *} for all, {@code -} for none.
     * @param password   the password; not retained.
     * @param iterations PBKDF2 iterations.
     * @return the line, without a line terminator.
     * @throws IllegalArgumentException when a field is invalid.
     */
    public static String entry(
        final String username, final String roles, final String accounts, final char[] password, final int iterations)
    {
        if (iterations < 1)
        {
            throw new IllegalArgumentException("iterations must be positive");
        }
        final byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        final Base64.Encoder base64 = Base64.getEncoder();
        final String line = username + ":" + roles + ":" + accounts + ":" + SCHEME + ":" + iterations + ":" +
            base64.encodeToString(salt) + ":" + base64.encodeToString(pbkdf2(password, salt, iterations));
        parseLine(line);
        return line;
    }

    private static Entry parseLine(final String line)
    {
        final String[] fields = line.split(":", -1);
        if (fields.length != 7)
        {
            throw new IllegalArgumentException(
                "expected 7 ':'-separated fields username:roles:accounts:scheme:iterations:salt:hash, found " +
                fields.length);
        }
        final String username = fields[0];
        if (!USERNAME.matcher(username).matches())
        {
            throw new IllegalArgumentException("invalid username (allowed: [A-Za-z0-9_.-]{1,64})");
        }
        int roleMask = 0;
        for (final String role : fields[1].split("\\+"))
        {
            roleMask |= Role.of(role).bit();
        }
        boolean allAccounts = false;
        final LongHashSet accounts = new LongHashSet();
        if ("*".equals(fields[2]))
        {
            allAccounts = true;
        }
        else if (!"-".equals(fields[2]))
        {
            for (final String account : fields[2].split(","))
            {
                final long id = parseLong(account, "account id");
                if (id <= 0)
                {
                    throw new IllegalArgumentException("account ids must be positive: " + account);
                }
                accounts.add(id);
            }
        }
        if (!SCHEME.equals(fields[3]))
        {
            throw new IllegalArgumentException("unsupported hash scheme '" + fields[3] + "' (expected " + SCHEME + ")");
        }
        final long iterations = parseLong(fields[4], "iterations");
        if (iterations < 1 || iterations > 10_000_000)
        {
            throw new IllegalArgumentException("iterations out of range: " + iterations);
        }
        final byte[] salt;
        final byte[] hash;
        try
        {
            salt = Base64.getDecoder().decode(fields[5]);
            hash = Base64.getDecoder().decode(fields[6]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("salt or hash is not valid base64");
        }
        if (salt.length < 8 || hash.length != KEY_BITS / 8)
        {
            throw new IllegalArgumentException("salt must be at least 8 bytes and hash exactly " + KEY_BITS / 8);
        }
        return new Entry(new Credential(username, roleMask, allAccounts, accounts), (int)iterations, salt, hash);
    }

    private static long parseLong(final String text, final String what)
    {
        try
        {
            return Long.parseLong(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid " + what + ": '" + text + "'");
        }
    }

    private static byte[] pbkdf2(final char[] password, final byte[] salt, final int iterations)
    {
        final PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try
        {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ALGORITHM + " unavailable", ex);
        }
        finally
        {
            spec.clearPassword();
        }
    }

    private static final class Entry
    {
        final Credential credential;
        final int iterations;
        final byte[] salt;
        final byte[] hash;

        Entry(final Credential credential, final int iterations, final byte[] salt, final byte[] hash)
        {
            this.credential = credential;
            this.iterations = iterations;
            this.salt = salt;
            this.hash = hash;
        }
    }
}
