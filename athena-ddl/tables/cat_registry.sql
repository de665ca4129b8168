CREATE EXTERNAL TABLE IF NOT EXISTS cat_data_v21.cat_registry (
  cat_id                 string,
  name                   string,
  sex                    string,
  reproductive_condition string,
  neutered               boolean,
  ear_tipped             boolean,
  age_years              int,
  birth_year             int,
  status                 string,
  hrs_indoors            double,
  n_cats                 int,
  hunts                  boolean,
  prey_per_month         double,
  deployment_start       timestamp,
  deployment_end         timestamp,
  origin                 string
)
PARTITIONED BY (municipality_code string)
STORED AS PARQUET
LOCATION 's3://cat-data-v21/curated/cat_registry/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.municipality_code.type' = 'injected',
  'storage.location.template' = 's3://cat-data-v21/curated/cat_registry/municipality_code=${municipality_code}/'
)
