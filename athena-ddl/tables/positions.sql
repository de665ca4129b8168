CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.positions (
  event_id           string,
  cat_id             string,
  observed_at        timestamp,
  lat                double,
  lon                double,
  source             string,
  accuracy_m         double,
  ear_tip            boolean,
  coat               string,
  kittens            int,
  cell_id            string,
  segment_distance_m double,
  segment_duration_s double,
  speed_mps          double,
  occupancy_s        double,
  origin             string
)
PARTITIONED BY (municipality_code string, dt string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/positions/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2017-01-01,NOW+1DAYS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://cat-data-v21/curated/positions/municipality_code=${municipality_code}/dt=${dt}/'
)
