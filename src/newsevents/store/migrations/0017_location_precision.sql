-- 0017_location_precision (issue #14 item 4): what an event's coordinates stand for.
-- events.location_precision is 'place' (a site the gazetteer knows: a facility or landmark), 'city' (a town
-- or city), 'region' (a state, province or district), 'country' or 'area' (a sea, a continent); NULL when
-- the place name did not resolve, when there is no place, and for events stored before 0017.
-- Plain SQL that PostgreSQL takes too (dialect.ddl_to_postgres maps the type).
ALTER TABLE events ADD COLUMN location_precision TEXT;
