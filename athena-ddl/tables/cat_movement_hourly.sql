CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.cat_movement_hourly (
  cat_id        string,
  window_start  timestamp,
  window_end    timestamp,
  fixes         bigint,
  distance_m    double,
  max_speed_mps double,
  centroid_lat  double,
  centroid_lon  double
)
PARTITIONED BY (municipality_code string, dt string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/cat_movement_hourly/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2017-01-01,NOW+1DAYS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://cat-data-v21/curated/cat_movement_hourly/municipality_code=${municipality_code}/dt=${dt}/'
)
