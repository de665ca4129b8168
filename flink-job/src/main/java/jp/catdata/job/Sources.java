package jp.catdata.job;

import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import jp.catdata.source.CatSimulator;
import jp.catdata.source.InputFormat;
import jp.catdata.source.KinesisSource;
import jp.catdata.source.SimulatorSettings;
import jp.catdata.source.SimulatorWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Creates the configured source with its timestamps and watermarks. */
public final class Sources {

    private Sources() {}

    /**
     * Adds the configured source to an environment.
     *
     * <p>The simulator runs at parallelism 1 and emits watermarks from its records, so a seed gives
     * the same output on every run. A file is a replay of a complete record set. Its records come
     * in file order, which need not be time order because Movebank exports list one animal after
     * another. So the watermark stays at its minimum until the file ends, and no record is late.
     * Until then the job keeps the file's fixes in state, which bounds the file size by memory.
     * Kinesis is read at the environment's parallelism, each subtask taking a share of the shards,
     * with watermarks per shard (see {@link KinesisSource}).
     */
    public static DataStream<ParsedRecord> create(
            StreamExecutionEnvironment env, JobConfig config, PositionEventParser parser) {
        switch (config.sourceType) {
            case SIMULATOR:
                return env.fromSource(
                                CatSimulator.source(simulatorSettings(config), parser),
                                SimulatorWatermarks.strategy(
                                                Duration.ofMillis(config.allowedLatenessMs))
                                        .withIdleness(Duration.ofMillis(config.sourceIdlenessMs)),
                                "simulator")
                        .setParallelism(1)
                        .uid("source-simulator");
            case FILE:
                InputFormat format = InputFormat.fromName(config.inputFormat);
                java.nio.file.Path path = Paths.get(config.inputPath);
                if (format == null) {
                    format = InputFormat.detect(path);
                }
                WatermarkStrategy<ParsedRecord> endOfInput =
                        WatermarkStrategy.<ParsedRecord>noWatermarks()
                                .withTimestampAssigner((record, ts) -> record.eventTimeMs());
                return env.fromSource(
                                InputFormat.fileSource(path, format, parser),
                                endOfInput,
                                "file " + path.getFileName())
                        .uid("source-file");
            case KINESIS:
                return env.addSource(
                                KinesisSource.create(config, parser),
                                "kinesis " + config.kinesisStreamName)
                        .uid("source-kinesis")
                        .assignTimestampsAndWatermarks(KinesisSource.watermarks(config))
                        .uid("kinesis-watermarks")
                        .name("watermarks per shard");
            default:
                throw new IllegalArgumentException("unsupported source type " + config.sourceType);
        }
    }

    /** Returns the simulator settings of a configuration. */
    public static SimulatorSettings simulatorSettings(JobConfig config) {
        SimulatorSettings.Builder builder =
                SimulatorSettings.builder()
                        .cats(config.simulatorCats)
                        .records(config.simulatorRecords)
                        .seed(config.simulatorSeed)
                        .start(Instant.ofEpochMilli(config.simulatorStartMs));
        if (config.defaultMunicipalityCode != null) {
            builder.municipalityCode(config.defaultMunicipalityCode);
        }
        return builder.build();
    }
}
