package jp.catdata.process;

import jp.catdata.event.PositionEvent;

/**
 * An accepted position event with the segment from the same cat's previous accepted fix.
 *
 * <p>The segment fields are null for an anonymous sighting, for a cat's first fix, and for the
 * first fix after a gap longer than the track idle timeout: those fixes start a new track.
 */
public class TrackedFix {

    public PositionEvent event;

    /** Haversine length of the segment from the previous fix in metres, or null. */
    public Double segmentDistanceM;

    /** Duration of the segment from the previous fix in seconds, or null. */
    public Double segmentDurationS;

    /** Segment length divided by its duration in metres per second, or null. */
    public Double speedMps;

    /**
     * Seconds of occupancy credited to this fix: the segment duration, capped at the occupancy cap;
     * 0 when there is no segment. Summed per cell, this gives cat-minutes that do not grow with the
     * fix rate.
     */
    public double occupancyS;

    public TrackedFix() {}

    public TrackedFix(PositionEvent event) {
        this.event = event;
    }

    @Override
    public String toString() {
        return "TrackedFix{" + event + ", segmentDistanceM=" + segmentDistanceM + "}";
    }
}
