package jp.catdata.producer;

import java.util.Random;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (counted from 1) is drawn
 * uniformly from {@code [0, min(max, base * 2^(n-1))]} milliseconds.
 */
public final class Backoff {
    private final long baseMs;
    private final long maxMs;
    private final Random random;

    public Backoff(long baseMs, long maxMs, Random random) {
        if (baseMs < 1 || maxMs < baseMs) {
            throw new IllegalArgumentException(
                    "invalid backoff: base " + baseMs + " ms, max " + maxMs + " ms");
        }
        this.baseMs = baseMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** Returns the upper bound of the delay before retry {@code retry} (1 for the first). */
    public long ceilingMs(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry " + retry + " is below 1");
        }
        int shift = Math.min(retry - 1, 62);
        long ceiling = baseMs << shift;
        return ceiling <= 0 || ceiling > maxMs || (ceiling >> shift) != baseMs ? maxMs : ceiling;
    }

    /** Draws the delay before retry {@code retry} (1 for the first). */
    public long delayMs(int retry) {
        long ceiling = ceilingMs(retry);
        return (long) (random.nextDouble() * (ceiling + 1));
    }
}
