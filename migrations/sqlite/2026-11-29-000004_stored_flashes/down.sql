DROP TABLE stored_flashes;
