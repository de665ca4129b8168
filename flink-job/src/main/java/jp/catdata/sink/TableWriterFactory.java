package jp.catdata.sink;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows of a {@link CuratedTable} as Snappy-compressed Parquet.
 *
 * <p>Rows travel through Flink as POJOs and become Avro records only here, inside the writer, so
 * Flink never has to serialize Avro records.
 */
public class TableWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    private final CuratedTable<T> table;

    public TableWriterFactory(CuratedTable<T> table) {
        this.table = table;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        Schema schema = table.schema();
        String schemaJson = schema.toString();
        ParquetWriterFactory<GenericRecord> parquet =
                new ParquetWriterFactory<>(
                        file ->
                                AvroParquetWriter.<GenericRecord>builder(file)
                                        .withSchema(new Schema.Parser().parse(schemaJson))
                                        .withDataModel(GenericData.get())
                                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                                        .build());
        BulkWriter<GenericRecord> writer = parquet.create(out);
        return new BulkWriter<T>() {
            @Override
            public void addElement(T row) throws IOException {
                writer.addElement(table.toRecord(row, schema));
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void finish() throws IOException {
                writer.finish();
            }
        };
    }
}
