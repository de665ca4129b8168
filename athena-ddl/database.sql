CREATE DATABASE IF NOT EXISTS cat_data_v21
COMMENT 'cat-data-v21: curated cat positions, cell density, movement and rejected records, and the cat registry'
LOCATION 's3://cat-data-v21/curated/'
