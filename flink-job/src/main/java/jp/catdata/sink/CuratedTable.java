package jp.catdata.sink;

import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One curated Parquet table: its name, its Avro schema (from which the Parquet schema is derived)
 * and how a row of type {@code T} maps to a record and to its Hive-style partition.
 *
 * <p>The partition columns {@code municipality_code} and {@code dt} live only in the folder names
 * {@code municipality_code=<code>/dt=<yyyy-MM-dd>/}, as Athena and DuckDB expect, not in the files.
 */
public interface CuratedTable<T> extends Serializable {

    /** Returns the table's folder name, for example {@code positions}. */
    String name();

    /** Returns the schema of the records in the Parquet files. */
    Schema schema();

    /** Fills a record of {@link #schema()} from a row. */
    GenericRecord toRecord(T row, Schema schema);

    /** Returns the municipality code of the row's partition. */
    String municipalityCode(T row);

    /** Returns the instant whose local date is the row's {@code dt} partition. */
    long partitionInstantMs(T row);
}
