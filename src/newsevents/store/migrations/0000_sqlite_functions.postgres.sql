-- 0000_sqlite_functions (PostgreSQL only): what our SQL takes from SQLite and PostgreSQL lacks, made here once
-- so the store and the query layer keep one SQL (store/dialect.py rewrites the rest as it runs).

-- round(x, n) of a double: PostgreSQL rounds only numeric to n places.
CREATE FUNCTION round(double precision, integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT round($1::numeric, $2)::double precision $$;

-- substr over 64-bit offsets (every SQLite INTEGER column is a BIGINT here; PostgreSQL's substr takes int).
CREATE FUNCTION substr(text, bigint, bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT substr($1, $2::int, $3::int) $$;
CREATE FUNCTION substr(text, bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT substr($1, $2::int) $$;

-- strftime(format, 'YYYY-MM-DD[ HH:MM:SS]') for the fields our queries use: %Y %m %d %H %M %S %j and %W
-- (SQLite's week of the year, weeks starting on Monday, days before the first Monday in week 00).
CREATE FUNCTION strftime(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN $2 ~ '^\d{4}-\d{2}-\d{2}' THEN
        replace(replace(replace(replace(replace(replace(replace(replace($1,
            '%Y', to_char($2::timestamp, 'YYYY')), '%m', to_char($2::timestamp, 'MM')), '%d', to_char($2::timestamp, 'DD')),
            '%H', to_char($2::timestamp, 'HH24')), '%M', to_char($2::timestamp, 'MI')), '%S', to_char($2::timestamp, 'SS')),
            '%j', to_char($2::timestamp, 'DDD')),
            '%W', lpad(((extract(doy FROM $2::timestamp)::int + 7 - extract(isodow FROM $2::timestamp)::int) / 7)::text, 2, '0'))
        END $$;

-- max(a, b) and min(a, b) of two numbers (SQLite's scalar max and min; PostgreSQL says greatest and least).
CREATE FUNCTION max(bigint, bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE greatest($1, $2) END $$;
CREATE FUNCTION min(bigint, bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL ELSE least($1, $2) END $$;

-- sum(condition): SQLite counts a true condition as 1 (NULL when no row has a value, as sum gives).
CREATE FUNCTION sum_condition(bigint, boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN $2 IS NULL THEN $1 ELSE coalesce($1, 0) + $2::int END $$;
CREATE AGGREGATE sum(boolean) (SFUNC = sum_condition, STYPE = bigint);

-- SQLite's catalogue, as far as our code reads it: the tables, views and indexes of this schema by type and name.
CREATE VIEW sqlite_master AS
    SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'v' THEN 'view' ELSE 'table' END AS type, c.relname::text AS name
    FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'i');
