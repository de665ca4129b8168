package jp.catdata.producer;

import jp.catdata.event.MunicipalityCode;
import jp.catdata.source.SimulatorSettings;

/** Command-line options of {@link KinesisProducerCommand}. */
final class ProducerOptions {
    static final String HELP =
            "Usage: produce.sh [options]\n"
                    + "Publishes canonical position events to a Kinesis data stream with"
                    + " PutRecords.\n\n"
                    + "  --stream NAME               stream name (default cat-position-stream)\n"
                    + "  --region REGION             AWS region (default ap-northeast-1)\n"
                    + "  --endpoint URL              endpoint, for example http://127.0.0.1:4568"
                    + " for kinesis-mock\n"
                    + "                              (default: the AWS endpoint of the region)\n"
                    + "  --input PATH                Movebank CSV or JSON-lines file, format"
                    + " detected from the\n"
                    + "                              name or first line; without it the simulator"
                    + " runs\n"
                    + "  --time-order                send the file's events sorted by event time,"
                    + " as a live feed\n"
                    + "                              would; holds the file in memory (a Movebank"
                    + " export lists\n"
                    + "                              one animal after another)\n"
                    + "  --records N                 simulator records (default 50000)\n"
                    + "  --seed N                    simulator seed (default 21)\n"
                    + "  --cats N                    simulated cats (default 40)\n"
                    + "  --municipality-code CODE    6-digit code for records without one;"
                    + " required for\n"
                    + "                              Movebank files (simulator default 131067)\n"
                    + "  --rate-limit-per-shard N    records per second per shard, with 1 MiB/s"
                    + " per shard;\n"
                    + "                              0 turns the limit off (default 0; Kinesis"
                    + " allows 1000)\n"
                    + "  --max-retries N             resends of failed records before giving up"
                    + " (default 5)\n"
                    + "  --help                      print this text\n\n"
                    + "Exit status: 0 all records sent, 1 some given up, 2 usage error.\n";

    String stream = "cat-position-stream";
    String region = "ap-northeast-1";
    String endpoint;
    String input;
    long records = SimulatorSettings.defaults().records();
    long seed = SimulatorSettings.defaults().seed();
    int cats = SimulatorSettings.defaults().cats();

    /** Null unless given: records without a code are then rejected, as in the job. */
    String municipalityCode;

    int rateLimitPerShard;
    int maxRetries = 5;
    boolean timeOrder;
    boolean help;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException on an unknown option, a missing or invalid value
     */
    static ProducerOptions parse(String[] args) {
        ProducerOptions options = new ProducerOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                options.help = true;
                continue;
            }
            if (name.equals("--time-order")) {
                options.timeOrder = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--stream":
                    options.stream = value;
                    break;
                case "--region":
                    options.region = value;
                    break;
                case "--endpoint":
                    options.endpoint = value;
                    break;
                case "--input":
                    options.input = value;
                    break;
                case "--records":
                    options.records = parseLong(name, value, 1, SimulatorSettings.MAX_RECORDS);
                    break;
                case "--seed":
                    options.seed = parseLong(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    break;
                case "--cats":
                    options.cats = (int) parseLong(name, value, 1, SimulatorSettings.MAX_CATS);
                    break;
                case "--municipality-code":
                    if (!MunicipalityCode.isValid(value)) {
                        throw new IllegalArgumentException(
                                "invalid --municipality-code '"
                                        + value
                                        + "': expected six digits ending in the JIS X 0402"
                                        + " check digit, for example 131067");
                    }
                    options.municipalityCode = value;
                    break;
                case "--rate-limit-per-shard":
                    options.rateLimitPerShard = (int) parseLong(name, value, 0, Integer.MAX_VALUE);
                    break;
                case "--max-retries":
                    options.maxRetries = (int) parseLong(name, value, 0, 100);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (options.timeOrder && options.input == null) {
            throw new IllegalArgumentException(
                    "--time-order applies to --input files; the simulator sends in its own order");
        }
        return options;
    }

    /** Returns the simulator settings of these options, validated by the builder. */
    SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder()
                .records(records)
                .seed(seed)
                .cats(cats)
                .municipalityCode(
                        municipalityCode != null
                                ? municipalityCode
                                : SimulatorSettings.defaults().municipalityCode())
                .build();
    }

    private static long parseLong(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid " + name + " '" + value + "': expected a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(
                    "invalid " + name + " " + value + ": expected " + min + " to " + max);
        }
        return parsed;
    }
}
