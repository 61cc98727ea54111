-- Session parameters: SET, SHOW and RESET of the parameters reported at startup, and search_path.
SHOW DateStyle;
SHOW client_encoding;
SHOW server_encoding;
SHOW standard_conforming_strings;
SHOW search_path;
SET DateStyle = 'ISO, DMY';
SHOW DateStyle;
SELECT '05/04/2024'::date;
RESET DateStyle;
SHOW DateStyle;
SET search_path TO pg_catalog, public;
SHOW search_path;
RESET search_path;
SET application_name = 'conf_session';
SHOW application_name;
SHOW no_such_parameter;
SET no_such_parameter = 1;
SELECT 'after errors';
