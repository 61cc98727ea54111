-- setup: none
-- @@ 1 t1 @@
-- Types and their text input/output.
CREATE TABLE typed (b boolean, s smallint, i integer, g bigint, r real, d double precision, n numeric, np numeric(6,2), t text, v varchar(5), c char(3), dt date, ts timestamp);
-- @@ 2 t1 @@
INSERT INTO typed VALUES (true, 1, 2, 3, 1.5, 2.25, 12345.678901234567890, 3.14159, 'text', 'vc', 'c', '2024-02-29', '2024-02-29 23:59:59');
-- @@ 3 t1 @@
INSERT INTO typed VALUES ('f', -32768, -2147483648, -9223372036854775808, -0.5, 1e100, -0.000001, -9999.99, '', '', '', '1999-12-31', '2000-01-01 00:00:00.123456');
-- @@ 4 t1 @@
INSERT INTO typed VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
-- @@ 5 t1 @@
SELECT * FROM typed ORDER BY i;
-- @@ 6 t1 @@
SELECT c, length(c), c || '|', v || '|' FROM typed WHERE c IS NOT NULL ORDER BY i;
-- @@ 7 t1 u @@
SELECT '  42  '::integer, '-0'::integer, '+7'::smallint, '1e3'::numeric, '  TRUE '::boolean, 'off'::boolean;
-- @@ 8 t1 u @@
SELECT 1.0::real, 0.1::real, 1.0::double precision, 100000000000000000000::double precision, 'NaN'::numeric;
-- @@ 9 t1 u @@
SELECT 123.456::numeric(5,1), 0.005::numeric(3,2), 1.0::numeric, 1.50::numeric, 00012.3400::numeric;
-- @@ 10 t1 u @@
SELECT '2024-1-5'::date, '20240105'::date, '2024-01-05 7:08:09'::timestamp, '2024-01-05'::timestamp;
-- @@ 11 t1 u @@
SELECT 'abc'::char(5) = 'abc', 'abc  '::varchar(5), 'abcdefgh'::varchar(3), 'abcdefgh'::char(2);
-- @@ 12 t1 u @@
SELECT 'abc'::char(5) || 'x', length('abc'::char(5)), length('abc  '::varchar(5));
-- @@ 13 t1 u @@
SELECT 32767::smallint, 2147483647::integer + 0::bigint;
-- @@ 14 t1 u @@
SELECT 32768::smallint;
-- @@ 15 t1 u @@
SELECT 'abc'::boolean;
-- @@ 16 t1 u @@
SELECT '2024-02-30'::date;
-- @@ 17 t1 u @@
SELECT '12x'::numeric;
-- @@ 18 t1 u @@
SELECT 99999.999::numeric(6,2);
-- @@ 19 t1 @@
INSERT INTO typed (v) VALUES ('toolong');
-- @@ 20 t1 @@
INSERT INTO typed (c) VALUES ('four');
-- @@ 21 t1 @@
INSERT INTO typed (s) VALUES (70000);
-- @@ 22 t1 @@
INSERT INTO typed (i) VALUES ('1.5');
-- @@ 23 t1 @@
DROP TABLE typed;
