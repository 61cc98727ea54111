-- setup: none
-- @@ 1 t2 @@
-- Subscripted assignment, slices and the array functions of issue 7 (arrays.sql's gaps).
CREATE TABLE arr_own (id int PRIMARY KEY, a int[], b int[], t text[]);
-- @@ 2 t2 @@
INSERT INTO arr_own (id) VALUES (1), (2), (3);
-- @@ 3 t2 @@
UPDATE arr_own SET a[1:3] = '{1,2,3}', b[1:2][1:2] = '{{1,2},{3,4}}', t[2] = 'x' WHERE id = 1;
-- @@ 4 t2 @@
UPDATE arr_own SET a[2] = 20, a[4] = 40 WHERE id = 2;
-- @@ 5 t2 @@
UPDATE arr_own SET a[1][2] = 5 WHERE id = 3;
-- @@ 6 t2 @@
SELECT id, a, b, t FROM arr_own ORDER BY id;
-- @@ 7 t2 @@
UPDATE arr_own SET a[5] = 50, b[2][1] = 30 WHERE id = 1;
-- @@ 8 t2 @@
UPDATE arr_own SET a[-1:0] = '{-1,0}' WHERE id = 2;
-- @@ 9 t2 @@
UPDATE arr_own SET t[:1] = '{first}' WHERE id = 1;
-- @@ 10 t2 @@
SELECT id, a, b, t FROM arr_own ORDER BY id;
-- @@ 11 t2 @@
UPDATE arr_own SET b[1:2][2:] = '{9,8}' WHERE id = 1;
-- @@ 12 t2 u @@
SELECT b FROM arr_own WHERE id = 1;
-- @@ 13 t2 @@
UPDATE arr_own SET b[3][1] = 1 WHERE id = 1;
-- @@ 14 t2 @@
UPDATE arr_own SET b[1:2][2] = '{1}' WHERE id = 1;
-- @@ 15 t2 @@
UPDATE arr_own SET a[NULL] = 1;
-- @@ 16 t2 @@
UPDATE arr_own SET a[1:NULL] = '{1}';
-- @@ 17 t2 @@
UPDATE arr_own SET a[1] = 'x';
-- @@ 18 t2 @@
UPDATE arr_own SET a[1:2] = 7;
-- @@ 19 t2 @@
UPDATE arr_own SET a[:] = '{1}' WHERE id = 3;
-- @@ 20 t2 u @@
SELECT a[2:], a[:2], b[1:1][2], b[2][2] FROM arr_own WHERE id = 1;
-- @@ 21 t2 u @@
SELECT ('{}'::int[])[1][2][3][4][5][6][7];
-- @@ 22 t2 u @@
SELECT array_fill(1, array[2,3]), array_fill('x'::text, array[2], array[-1]), array_fill(NULL::int, array[0]);
-- @@ 23 t2 u @@
SELECT array_fill(1, array[2,2], '{}');
-- @@ 24 t3 u @@
SELECT trim_array(array[1,2,3,4], 2), trim_array('[0:2]={1,2,3}'::int[], 3);
-- @@ 25 t3 u @@
SELECT width_bucket(4.5, array[1,2,3,4,5]::numeric[]), width_bucket('2020-01-02'::date, array['2020-01-01'::date]);
-- @@ 26 t1 u @@
SELECT v FROM string_to_table('a,b,,c', ',', '') AS v;
-- @@ 27 t1 u @@
SELECT string_to_table('x y', ' ');
-- @@ 28 t2 u @@
SELECT array_agg(a[1:2] ORDER BY id) FROM arr_own WHERE id <> 3;
-- @@ 29 t2 u @@
SELECT array_agg(x) FROM (VALUES (array[1,2]), (array[3])) v(x);
-- @@ 30 t2 u @@
SELECT array(SELECT array[id, id * 10] FROM arr_own ORDER BY id);
-- @@ 31 t2 @@
INSERT INTO arr_own (id, a[1:3], b[1:2][1:2], t[2]) VALUES (4, '{1,2,3}', '{{1,2},{3,4}}', 'x');
-- @@ 32 t2 @@
INSERT INTO arr_own (id, a[2], a[4]) VALUES (5, 20, 40);
-- @@ 33 t2 @@
INSERT INTO arr_own (id, a[1][2]) SELECT 6, 5;
-- @@ 34 t2 @@
INSERT INTO arr_own (id, a, a[1]) VALUES (7, '{1}', 2);
-- @@ 35 t2 @@
SELECT id, a, b, t FROM arr_own WHERE id > 3 ORDER BY id;
-- @@ 36 t2 @@
CREATE TABLE arr_own2 (i integer ARRAY[4], f float8 ARRAY);
-- @@ 37 t2 @@
INSERT INTO arr_own2 VALUES (ARRAY[[1,2],[3,4]], '{1.5}');
-- @@ 38 t2 u @@
SELECT * FROM arr_own2;
-- @@ 39 t2 @@
DROP TABLE arr_own2;
-- @@ 40 t2 @@
DROP TABLE arr_own;
