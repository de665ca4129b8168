package jp.catdata.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void ceilingDoubles() {
        Backoff backoff = new Backoff(100, 10_000, new Random(7));
        assertThat(backoff.ceilingMs(1)).isEqualTo(100);
        assertThat(backoff.ceilingMs(2)).isEqualTo(200);
        assertThat(backoff.ceilingMs(5)).isEqualTo(1_600);
        assertThat(backoff.ceilingMs(7)).isEqualTo(6_400);
    }

    @Test
    void ceilingCapped() {
        Backoff backoff = new Backoff(100, 10_000, new Random(7));
        assertThat(backoff.ceilingMs(8)).isEqualTo(10_000);
        assertThat(backoff.ceilingMs(100)).isEqualTo(10_000);
    }

    @Test
    void delayWithinCeiling() {
        Backoff backoff = new Backoff(100, 10_000, new Random(7));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long delay = backoff.delayMs(3);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).isGreaterThanOrEqualTo(0);
        assertThat(max).isLessThanOrEqualTo(400);
        // Full jitter spreads the draws over the whole range.
        assertThat(min).isLessThan(40);
        assertThat(max).isGreaterThan(360);
    }

    @Test
    void rejectsRetryZero() {
        Backoff backoff = new Backoff(100, 10_000, new Random(7));
        assertThatThrownBy(() -> backoff.ceilingMs(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
