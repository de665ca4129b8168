package jp.catdata.process;

import jp.catdata.event.RejectedRecord;
import org.apache.flink.util.OutputTag;

/** The side output that every stage of the job sends its rejected records to. */
public final class Rejections {

    /** Side output of rejected records. */
    public static final OutputTag<RejectedRecord> TAG =
            new OutputTag<RejectedRecord>("rejected") {};

    private Rejections() {}
}
