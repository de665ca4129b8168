package jp.catdata.sink;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Helpers for the Avro schemas of the curated tables. */
final class AvroFields {

    private AvroFields() {}

    /** INT64 time stamp in milliseconds, adjusted to UTC (Parquet TIMESTAMP(MILLIS, true)). */
    static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    /** INT32 date as days since 1970-01-01 (Parquet DATE). */
    static Schema date() {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    static Schema nullable(Schema schema) {
        return SchemaBuilder.unionOf().nullType().and().type(schema).endUnion();
    }

    static SchemaBuilder.FieldAssembler<Schema> record(String name) {
        return SchemaBuilder.record(name).namespace("jp.catdata.curated").fields();
    }
}
