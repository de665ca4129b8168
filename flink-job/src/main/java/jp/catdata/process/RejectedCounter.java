package jp.catdata.process;

import java.util.HashMap;
import java.util.Map;
import jp.catdata.event.RejectedRecord;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Counts rejected records per reason code in accumulators named {@code rejected.<reason>}. */
public class RejectedCounter extends RichMapFunction<RejectedRecord, RejectedRecord> {

    private static final long serialVersionUID = 1L;

    /** Prefix of the accumulator names. */
    public static final String PREFIX = "rejected.";

    private transient Map<String, LongCounter> counters;

    @Override
    public RejectedRecord map(RejectedRecord record) {
        if (counters == null) {
            counters = new HashMap<>();
        }
        counters.computeIfAbsent(
                        record.reason,
                        reason -> getRuntimeContext().getLongCounter(PREFIX + reason))
                .add(1);
        return record;
    }
}
