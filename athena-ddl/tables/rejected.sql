CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.rejected (
  reason        string,
  detail        string,
  raw           string,
  raw_truncated boolean,
  origin        string,
  event_id      string,
  cat_id        string,
  observed_at   timestamp,
  rejected_at   timestamp
)
PARTITIONED BY (municipality_code string, dt string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/rejected/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2017-01-01,NOW+1DAYS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://cat-data-v21/curated/rejected/municipality_code=${municipality_code}/dt=${dt}/'
)
