package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardRateLimiterTest {

    /** A clock that does not advance, so each wait is measured from the same instant. */
    private static final class StoppedClock implements KinesisPublisher.Clock {
        final List<Long> sleepsMs = new ArrayList<>();

        @Override
        public long nanoTime() {
            return 1_000_000_000_000L;
        }

        @Override
        public void sleepMs(long ms) {
            sleepsMs.add(ms);
        }
    }

    @Test
    void recordLimitAfterBurst() throws Exception {
        // 2 records/s with a one-second burst: two records go at once, the third waits 0.5 s.
        StoppedClock clock = new StoppedClock();
        ShardRateLimiter limiter = new ShardRateLimiter(List.of("0"), 2, 1 << 20, clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire(new OutgoingRecord(new byte[10], "k"));
        }
        assertThat(clock.sleepsMs).containsExactly(500L);
    }

    @Test
    void byteLimit() throws Exception {
        // 1,000 bytes/s: a record of 1,499 data bytes plus a 1-byte key is 1.5 s of allowance.
        StoppedClock clock = new StoppedClock();
        ShardRateLimiter limiter = new ShardRateLimiter(List.of("0"), 1000, 1000, clock);
        limiter.acquire(new OutgoingRecord(new byte[1499], "k"));
        assertThat(clock.sleepsMs).containsExactly(500L);
    }

    @Test
    void shardsLimitedSeparately() throws Exception {
        // Two shards splitting the hash key space at 2^127. The MD5 of "a" starts with 0x0c, of
        // "b" with 0x92, so "a" is on the first shard and "b" on the second.
        StoppedClock clock = new StoppedClock();
        ShardRateLimiter limiter =
                new ShardRateLimiter(
                        List.of("0", "170141183460469231731687303715884105728"), 1, 1 << 20, clock);
        assertThat(limiter.shardIndex("a")).isZero();
        assertThat(limiter.shardIndex("b")).isEqualTo(1);
        limiter.acquire(new OutgoingRecord(new byte[1], "a"));
        limiter.acquire(new OutgoingRecord(new byte[1], "b"));
        assertThat(clock.sleepsMs).isEmpty();
        limiter.acquire(new OutgoingRecord(new byte[1], "a"));
        assertThat(clock.sleepsMs).containsExactly(1000L);
    }
}
