-- setup: none
-- @@ 1 t3 u @@
-- Session parameters: SET, SHOW and RESET of the parameters reported at startup, and search_path.
SHOW DateStyle;
-- @@ 2 t3 u @@
SHOW client_encoding;
-- @@ 3 t3 u @@
SHOW server_encoding;
-- @@ 4 t3 u @@
SHOW standard_conforming_strings;
-- @@ 5 t3 u @@
SHOW search_path;
-- @@ 6 t3 @@
SET DateStyle = 'ISO, DMY';
-- @@ 7 t3 u @@
SHOW DateStyle;
-- @@ 8 t1 u @@
SELECT '05/04/2024'::date;
-- @@ 9 t3 @@
RESET DateStyle;
-- @@ 10 t3 u @@
SHOW DateStyle;
-- @@ 11 t3 @@
SET search_path TO pg_catalog, public;
-- @@ 12 t3 u @@
SHOW search_path;
-- @@ 13 t3 @@
RESET search_path;
-- @@ 14 t3 @@
SET application_name = 'conf_session';
-- @@ 15 t3 u @@
SHOW application_name;
-- @@ 16 t3 u @@
SHOW no_such_parameter;
-- @@ 17 t3 @@
SET no_such_parameter = 1;
-- @@ 18 t1 u @@
SELECT 'after errors';
