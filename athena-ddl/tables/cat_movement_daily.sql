CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.cat_movement_daily (
  cat_id               string,
  local_date           date,
  window_start         timestamp,
  window_end           timestamp,
  fixes                bigint,
  distance_m           double,
  mcp_area_m2          double,
  radius_of_gyration_m double,
  centroid_lat         double,
  centroid_lon         double,
  first_fix_at         timestamp,
  last_fix_at          timestamp
)
PARTITIONED BY (municipality_code string, dt string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/cat_movement_daily/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2017-01-01,NOW+1DAYS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://cat-data-v21/curated/cat_movement_daily/municipality_code=${municipality_code}/dt=${dt}/'
)
