package jp.catdata.event;

import java.util.Objects;

/**
 * One validated position event: a GPS collar fix, a sighting or a camera-trap detection.
 *
 * <p>The canonical JSON form, field by field, is documented in {@code docs/event-schema.md}. This
 * class is a Flink POJO, so its fields are public and mutable; treat an instance as immutable once
 * it leaves the parser.
 */
public class PositionEvent {

    /** Producer-assigned identifier, unique per event; copies with the same id are duplicates. */
    public String eventId;

    /** Identifier of the cat, or null for an anonymous sighting. */
    public String catId;

    /** Six-digit JIS X 0402 municipality code, check digit included. */
    public String municipalityCode;

    /** Observation time as epoch milliseconds (UTC instant). */
    public long observedAtMs;

    /** WGS 84 latitude in degrees. */
    public double lat;

    /** WGS 84 longitude in degrees. */
    public double lon;

    /** Method by which the position was obtained. */
    public EventSource source;

    /** Horizontal accuracy in metres as reported by the device or observer, or null. */
    public Double accuracyM;

    /**
     * Sighting attribute: whether the cat's ear is tipped (the mark of a neutered community cat).
     */
    public Boolean earTipped;

    /** Sighting attribute: coat colour or pattern as reported, for example "tabby". */
    public String coat;

    /** Sighting attribute: number of kittens seen with the cat. */
    public Integer kittens;

    /**
     * Place the record was read from, for example {@code cats_uk.csv:42} or {@code simulator:1234}.
     */
    public String origin;

    public PositionEvent() {}

    /** Returns true when the event carries a cat id, so it belongs to that cat's track. */
    public boolean hasCat() {
        return catId != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PositionEvent)) {
            return false;
        }
        PositionEvent that = (PositionEvent) o;
        return observedAtMs == that.observedAtMs
                && Double.compare(lat, that.lat) == 0
                && Double.compare(lon, that.lon) == 0
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(catId, that.catId)
                && Objects.equals(municipalityCode, that.municipalityCode)
                && source == that.source
                && Objects.equals(accuracyM, that.accuracyM)
                && Objects.equals(earTipped, that.earTipped)
                && Objects.equals(coat, that.coat)
                && Objects.equals(kittens, that.kittens)
                && Objects.equals(origin, that.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, catId, municipalityCode, observedAtMs, lat, lon, source);
    }

    @Override
    public String toString() {
        return "PositionEvent{eventId="
                + eventId
                + ", catId="
                + catId
                + ", municipalityCode="
                + municipalityCode
                + ", observedAtMs="
                + observedAtMs
                + ", lat="
                + lat
                + ", lon="
                + lon
                + ", source="
                + source
                + "}";
    }
}
