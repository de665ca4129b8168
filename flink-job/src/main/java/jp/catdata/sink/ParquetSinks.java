package jp.catdata.sink;

import java.time.ZoneId;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * Writes the curated tables as Parquet files under {@code <base>/<table>/}, with a {@link FileSink}
 * in bulk format.
 *
 * <p>Bulk formats roll a new part file at every checkpoint and commit it when the checkpoint
 * completes, so output is exactly-once only with checkpointing enabled. When a bounded input ends,
 * the final checkpoint commits the last part files. The base path may be any Flink file system URI,
 * for example {@code file:///tmp/warehouse} or {@code s3://bucket/curated}.
 */
public final class ParquetSinks {

    /** Prefix of the accumulators that count the rows written to each table. */
    public static final String ROWS_WRITTEN_PREFIX = "rows-written.";

    private ParquetSinks() {}

    /** Adds a Parquet sink for one table to a stream. */
    public static <T> void write(
            DataStream<T> rows, CuratedTable<T> table, String basePath, ZoneId timeZone) {
        FileSink<T> sink =
                FileSink.forBulkFormat(
                                new Path(basePath + "/" + table.name()),
                                new TableWriterFactory<>(table))
                        .withBucketAssigner(new HivePartitionAssigner<>(table, timeZone))
                        .withOutputFileConfig(
                                OutputFileConfig.builder()
                                        .withPartPrefix("part")
                                        .withPartSuffix(".parquet")
                                        .build())
                        .build();
        rows.map(new CountRows<T>(ROWS_WRITTEN_PREFIX + table.name()))
                .returns(rows.getType())
                .uid("count-" + table.name())
                .name("count rows: " + table.name())
                .sinkTo(sink)
                .uid("sink-" + table.name())
                .name("Parquet: " + table.name());
    }

    /** Counts the rows that pass in an accumulator, for the summary of a local run. */
    private static final class CountRows<T> extends RichMapFunction<T, T> {
        private static final long serialVersionUID = 1L;
        private final String accumulatorName;
        private transient LongCounter counter;

        CountRows(String accumulatorName) {
            this.accumulatorName = accumulatorName;
        }

        @Override
        public void open(Configuration parameters) {
            counter = getRuntimeContext().getLongCounter(accumulatorName);
        }

        @Override
        public T map(T row) {
            counter.add(1);
            return row;
        }
    }
}
