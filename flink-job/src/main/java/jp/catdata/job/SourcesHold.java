package jp.catdata.job;

import jp.catdata.event.ParsedRecord;
import jp.catdata.event.PositionEventParser;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

final class SourcesHold {
    static DataStream<ParsedRecord> create(
            StreamExecutionEnvironment env, JobConfig config, PositionEventParser parser) {
        throw new UnsupportedOperationException();
    }
}
