CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.cell_density (
  cell_id               string,
  geohash_precision     int,
  cell_centre_lat       double,
  cell_centre_lon       double,
  mesh_code_1km         string,
  mesh_code_250m        string,
  window_start          timestamp,
  window_end            timestamp,
  fixes                 bigint,
  distinct_cats         bigint,
  sightings             bigint,
  occupancy_cat_minutes double
)
PARTITIONED BY (municipality_code string, dt string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/cell_density/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2017-01-01,NOW+1DAYS',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://cat-data-v21/curated/cell_density/municipality_code=${municipality_code}/dt=${dt}/'
)
