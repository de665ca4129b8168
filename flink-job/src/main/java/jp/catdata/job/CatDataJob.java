package jp.catdata.job;

import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.PositionEventParser;
import jp.catdata.event.RejectedRecord;
import jp.catdata.event.WallClock;
import jp.catdata.opensearch.OpenSearchSettings;
import jp.catdata.opensearch.OpenSearchSinks;
import jp.catdata.process.CatMovementDaily;
import jp.catdata.process.CatMovementHourly;
import jp.catdata.process.CellDensity;
import jp.catdata.process.DailyMovementFunction;
import jp.catdata.process.DeduplicateFunction;
import jp.catdata.process.DensityAggregate;
import jp.catdata.process.HourlyMovementAggregate;
import jp.catdata.process.LocalDayWindows;
import jp.catdata.process.RejectedCounter;
import jp.catdata.process.Rejections;
import jp.catdata.process.TrackFunction;
import jp.catdata.process.TrackedFix;
import jp.catdata.process.ValidateFunction;
import jp.catdata.sink.ParquetSinks;
import jp.catdata.sink.Tables;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

/**
 * The cat-data-v21 streaming job: position events in, density and movement tables out.
 *
 * <p>The job takes its input stream as an argument and returns its output streams, so that {@link
 * JobRunner} wires the production sources and Parquet sinks while tests can hand in any source and
 * read any output. The steps:
 *
 * <ol>
 *   <li>{@code cat-data-preprocessor}: validation and cleaning, in three operators. Validate
 *       rejects what the parser rejected and late events. Deduplicate rejects repeated event ids.
 *       Order-and-clean sorts each cat's fixes by event time and rejects implausible speeds.
 *   <li>Density per municipality and geohash cell in tumbling event-time windows.
 *   <li>Movement per cat in tumbling event-time windows (hourly) and per local day.
 * </ol>
 *
 * <p>Every record leaves either as a row of the positions table or as a rejected record.
 */
public final class CatDataJob {

    /** Name of the validation and cleaning stage, which the design calls a preprocessor. */
    public static final String PREPROCESSOR = "cat-data-preprocessor";

    private final JobConfig config;
    private final WallClock clock;

    public CatDataJob(JobConfig config, WallClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The output streams of the job, one per curated table. */
    public static final class Outputs {
        public final DataStream<TrackedFix> positions;
        public final DataStream<CellDensity> cellDensity;
        public final DataStream<CatMovementHourly> movementHourly;
        public final DataStream<CatMovementDaily> movementDaily;
        public final DataStream<RejectedRecord> rejected;

        Outputs(
                DataStream<TrackedFix> positions,
                DataStream<CellDensity> cellDensity,
                DataStream<CatMovementHourly> movementHourly,
                DataStream<CatMovementDaily> movementDaily,
                DataStream<RejectedRecord> rejected) {
            this.positions = positions;
            this.cellDensity = cellDensity;
            this.movementHourly = movementHourly;
            this.movementDaily = movementDaily;
            this.rejected = rejected;
        }
    }

    /** Returns the parser that every source of this job hands its records to. */
    public PositionEventParser parser() {
        return new PositionEventParser(
                config.defaultMunicipalityCode, config.maxFutureSkewMs, clock);
    }

    /**
     * Adds the processing steps to an input stream that already carries event-time timestamps and
     * watermarks, and returns the output streams.
     */
    public Outputs process(DataStream<ParsedRecord> input) {
        SingleOutputStreamOperator<PositionEvent> validated =
                input.process(new ValidateFunction(clock))
                        .setParallelism(input.getParallelism())
                        .uid("preprocessor-validate")
                        .name(PREPROCESSOR + ": validate");

        SingleOutputStreamOperator<PositionEvent> unique =
                validated
                        .keyBy(event -> event.eventId)
                        .process(new DeduplicateFunction(config.deduplicationRetentionMs, clock))
                        .uid("preprocessor-deduplicate")
                        .name(PREPROCESSOR + ": deduplicate");

        SingleOutputStreamOperator<TrackedFix> tracked =
                unique.keyBy(TrackFunction::trackKey)
                        .process(
                                new TrackFunction(
                                        config.maxSpeedMps,
                                        config.trackIdleTimeoutMs,
                                        config.occupancyCapMs,
                                        clock))
                        .uid("preprocessor-order-and-clean")
                        .name(PREPROCESSOR + ": order-and-clean");

        int precision = config.geohashPrecision;
        DataStream<CellDensity> density =
                tracked.keyBy(fix -> DensityAggregate.cellKey(fix, precision))
                        .window(
                                TumblingEventTimeWindows.of(
                                        Time.milliseconds(config.densityWindowMs)))
                        .aggregate(new DensityAggregate(), new DensityAggregate.ToRow())
                        .uid("cell-density")
                        .name("cell density");

        DataStream<TrackedFix> catFixes =
                tracked.filter(fix -> fix.event.hasCat())
                        .uid("cat-fixes")
                        .name("fixes of known cats");

        DataStream<CatMovementHourly> hourly =
                catFixes.keyBy(fix -> fix.event.catId)
                        .window(
                                TumblingEventTimeWindows.of(
                                        Time.milliseconds(config.movementWindowMs)))
                        .aggregate(
                                new HourlyMovementAggregate(), new HourlyMovementAggregate.ToRow())
                        .uid("cat-movement-hourly")
                        .name("cat movement per window");

        DataStream<CatMovementDaily> daily =
                catFixes.keyBy(fix -> fix.event.catId)
                        .window(LocalDayWindows.of(config.zone()))
                        .process(new DailyMovementFunction(config.zone()))
                        .uid("cat-movement-daily")
                        .name("cat movement per local day");

        DataStream<RejectedRecord> rejected =
                validated
                        .getSideOutput(Rejections.TAG)
                        .union(
                                unique.getSideOutput(Rejections.TAG),
                                tracked.getSideOutput(Rejections.TAG))
                        .map(new RejectedCounter())
                        .uid("rejected-by-reason")
                        .name("count rejected by reason");

        return new Outputs(tracked, density, hourly, daily, rejected);
    }

    /** Writes every output stream to its Parquet table under the configured output path. */
    public void writeParquet(Outputs outputs, String basePath) {
        ParquetSinks.write(
                outputs.positions,
                Tables.positions(config.geohashPrecision),
                basePath,
                config.zone());
        ParquetSinks.write(outputs.cellDensity, Tables.cellDensity(), basePath, config.zone());
        ParquetSinks.write(
                outputs.movementHourly, Tables.catMovementHourly(), basePath, config.zone());
        ParquetSinks.write(
                outputs.movementDaily, Tables.catMovementDaily(), basePath, config.zone());
        ParquetSinks.write(outputs.rejected, Tables.rejected(), basePath, config.zone());
    }

    /**
     * Writes the live features (latest position per cat, density and movement per window) to
     * OpenSearch.
     */
    public void writeOpenSearch(Outputs outputs, OpenSearchSettings settings) {
        OpenSearchSinks.write(
                outputs.positions,
                outputs.cellDensity,
                outputs.movementHourly,
                outputs.movementDaily,
                outputs.rejected,
                settings);
    }

    /**
     * Entry point on the managed runtime and for local runs. A local run ends the JVM with the exit
     * code; on the managed runtime the method returns after submitting the job.
     */
    public static void main(String[] args) throws Exception {
        int exitCode = JobRunner.run(args, System.out, System.err);
        if (StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment) {
            System.exit(exitCode);
        }
    }
}
