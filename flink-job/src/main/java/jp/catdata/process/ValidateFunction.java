package jp.catdata.process;

import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEvent;
import jp.catdata.event.WallClock;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * First stage of the preprocessor: routes records rejected while reading to the side output and
 * rejects events that arrive after the watermark has passed their time stamp.
 *
 * <p>It runs chained to the source at the source's parallelism, so the watermark it compares with
 * is the source subtask's own watermark. Operators after the first key-by see the minimum over the
 * source subtasks that are not idle, which can be ahead of an idle subtask's own watermark when
 * that subtask delivers again. So {@link DeduplicateFunction} checks lateness once more.
 */
public class ValidateFunction extends ProcessFunction<ParsedRecord, PositionEvent> {

    private static final long serialVersionUID = 1L;

    /** Accumulator with the number of records read from the source. */
    public static final String RECORDS_READ = "records-read";

    private final WallClock clock;
    private transient LongCounter recordsRead;

    public ValidateFunction(WallClock clock) {
        this.clock = clock;
    }

    @Override
    public void open(Configuration parameters) {
        recordsRead = getRuntimeContext().getLongCounter(RECORDS_READ);
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<PositionEvent> out) {
        recordsRead.add(1);
        if (!record.isAccepted()) {
            ctx.output(Rejections.TAG, record.rejected);
            return;
        }
        PositionEvent event = record.event;
        long watermark = ctx.timerService().currentWatermark();
        if (event.observedAtMs <= watermark) {
            ctx.output(
                    Rejections.TAG, Rejections.late(event, watermark, clock.currentTimeMillis()));
            return;
        }
        out.collect(event);
    }
}
