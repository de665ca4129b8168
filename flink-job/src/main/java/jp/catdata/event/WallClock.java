package jp.catdata.event;

import java.io.Serializable;

/** A serializable source of wall-clock time, so that tests can fix "now". */
@FunctionalInterface
public interface WallClock extends Serializable {

    long currentTimeMillis();

    /** Returns the system clock. */
    static WallClock system() {
        return System::currentTimeMillis;
    }

    /** Returns a clock that always reads {@code epochMs}. */
    static WallClock fixed(long epochMs) {
        return () -> epochMs;
    }
}
