package org.citybridge.matchmaking.proposal;

import org.citybridge.contracts.events.MatchReason;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 digest of a proposal's reasons, equal for equal reasons (their parameters in any order): what
 * re-ranking compares instead of reading the stored reasons back. A cryptographic digest, because city and
 * cluster names in the reasons are chosen by users, and a collision would leave a proposal's reasons stale.
 */
public final class ReasonsDigest {

    private ReasonsDigest() {}

    public static byte[] of(List<MatchReason> reasons) {
        MessageDigest digest = sha256();
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        putNumber(digest, number, reasons.size());
        for (MatchReason reason : reasons) {
            putText(digest, number, reason.code());
            putText(digest, number, reason.text());
            putNumber(digest, number, Double.doubleToLongBits(reason.contribution()));
            Map<String, Object> params = new TreeMap<>(reason.params());
            putNumber(digest, number, params.size());
            params.forEach((key, value) -> {
                putText(digest, number, key);
                putValue(digest, number, value);
            });
        }
        return digest.digest();
    }

    /**
     * A parameter: a string, a whole number or a list of strings (what reasons hold); tagged, so "1" and 1
     * differ. Any other value would count as its text.
     */
    private static void putValue(MessageDigest digest, ByteBuffer number, Object value) {
        if (value instanceof Collection<?> list) {
            digest.update((byte) 'l');
            putNumber(digest, number, list.size());
            list.forEach(element -> putValue(digest, number, element));
        } else if (value instanceof Number whole) {
            digest.update((byte) 'n');
            putText(digest, number, whole.toString());
        } else {
            digest.update((byte) 's');
            putText(digest, number, String.valueOf(value));
        }
    }

    /** Length first, so that no two sequences of texts read the same. */
    private static void putText(MessageDigest digest, ByteBuffer number, String text) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        putNumber(digest, number, text == null ? -1 : bytes.length);
        digest.update(bytes);
    }

    private static void putNumber(MessageDigest digest, ByteBuffer number, long value) {
        number.clear();
        number.putLong(value);
        digest.update(number.array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
