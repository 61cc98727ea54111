-- setup: none
-- @@ 1 t1 u @@
-- Expressions: arithmetic type rules, comparisons, three-valued logic, CASE, COALESCE, casts, functions.
SELECT 7 / 2, -7 / 2, 7 % 3, -7 % 3, 7.0 / 2, 2 ^ 10;
-- @@ 2 t1 u @@
SELECT 1 + 1::smallint, 1 + 2::bigint, 1 + 1.5, 1.5::real + 1, 0.1::double precision + 0.2;
-- @@ 3 t1 u @@
SELECT 10 / 4.0, 1 / 3::numeric, 2.50 * 2, round(2.5), round(-2.5), round(3.14159, 2);
-- @@ 4 t1 u @@
SELECT abs(-5), abs(-5.5), abs(-2147483647);
-- @@ 5 t1 u @@
SELECT 1 < 2, 2 <= 1, 'a' < 'b', 'abc' = 'abc', 1 <> 1, 1 != 2;
-- @@ 6 t1 u @@
SELECT true AND NULL, false AND NULL, true OR NULL, false OR NULL, NOT NULL::boolean;
-- @@ 7 t1 u @@
SELECT NULL = NULL, NULL IS NULL, 1 IS NOT NULL, NULL::integer + 1;
-- @@ 8 t1 u @@
SELECT 5 BETWEEN 1 AND 10, 5 NOT BETWEEN 1 AND 4, 3 IN (1, 2, 3), 4 IN (1, NULL), 4 NOT IN (1, 2);
-- @@ 9 t1 u @@
SELECT 'abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' NOT LIKE 'b%', 'a%c' LIKE 'a\%c';
-- @@ 10 t1 u @@
SELECT CASE WHEN 1 = 2 THEN 'one' WHEN 2 = 2 THEN 'two' ELSE 'other' END;
-- @@ 11 t1 u @@
SELECT CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END, CASE WHEN false THEN 1 END;
-- @@ 12 t1 u @@
SELECT COALESCE(NULL, NULL, 3), COALESCE(NULL::text, 'x'), COALESCE(1, 2);
-- @@ 13 t1 u @@
SELECT CAST('123' AS integer), '12.5'::numeric, 42::text, '2024-03-01'::date, 't'::boolean, 'yes'::boolean;
-- @@ 14 t1 u @@
SELECT CAST(3.7 AS integer), (-3.5)::integer, 2.5::integer, 3.14159::numeric(4,2);
-- @@ 15 t1 u @@
SELECT 'con' || 'cat', 'n' || 1, 1 || 'n', 'x' || NULL;
-- @@ 16 t1 u @@
SELECT length('hello'), lower('MiXeD'), upper('MiXeD'), substring('abcdef', 2, 3), substring('abcdef' from 3);
-- @@ 17 t1 u @@
SELECT length(''), substring('abc', 5), upper(NULL);
-- @@ 18 t1 u @@
SELECT 'It''s', E'tab\there', 'multi' 'line';
-- @@ 19 t1 u @@
SELECT -(-3), +4, - 2 * 3, (1 + 2) * 3, 2 + 3 * 4;
-- @@ 20 t1 u @@
SELECT 9223372036854775807::bigint, -32768::smallint, 2147483647;
