package jp.catdata.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes events in the canonical JSON form that {@link PositionEventParser} reads. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    /** Formats an instant as RFC 3339 in UTC with millisecond precision. */
    public static String formatInstant(long epochMs) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC));
    }

    /** Builds the canonical JSON object of an event. */
    public static ObjectNode toNode(PositionEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event_id", event.eventId);
        if (event.catId != null) {
            node.put("cat_id", event.catId);
        }
        node.put("municipality_code", event.municipalityCode);
        node.put("observed_at", formatInstant(event.observedAtMs));
        node.put("lat", event.lat);
        node.put("lon", event.lon);
        node.put("source", event.source.code());
        if (event.accuracyM != null) {
            node.put("accuracy_m", event.accuracyM);
        }
        if (event.earTipped != null) {
            node.put("ear_tip", event.earTipped);
        }
        if (event.coat != null) {
            node.put("coat", event.coat);
        }
        if (event.kittens != null) {
            node.put("kittens", event.kittens);
        }
        return node;
    }

    /** Writes the canonical JSON text of an event. */
    public static String toJson(PositionEvent event) {
        try {
            return MAPPER.writeValueAsString(toNode(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId + " as JSON", e);
        }
    }

    /** Writes the canonical JSON of an event as UTF-8 bytes, as a producer would send it. */
    public static byte[] toBytes(PositionEvent event) {
        return toJson(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the shared mapper; it is thread-safe once configured. */
    static ObjectMapper mapper() {
        return MAPPER;
    }
}
