-- setup: none
-- @@ 1 t1 @@
-- The anonymous record type: ROW(...) values, whole-row references, record_out quoting, row comparisons,
-- records in DISTINCT / GROUP BY / ORDER BY / IN, row_to_json and to_json[b], json[b]_to_record[set].
CREATE TABLE rec_items (id int PRIMARY KEY, name text, price numeric);
-- @@ 2 t1 @@
INSERT INTO rec_items VALUES (1, 'apple', 1.50), (2, 'pear pie', NULL), (3, '', 3), (4, 'q"\(,)', 4.25);
-- @@ 3 t1 u @@
SELECT ROW(1, 'abc', 'a b', NULL);
-- @@ 4 t1 u @@
SELECT (1, 2.5, 'x'), ROW(), ROW(NULL), ROW(1, ROW(2, 'a b'));
-- @@ 5 t1 @@
SELECT ROW(id, name) FROM rec_items ORDER BY id;
-- @@ 6 t1 @@
SELECT r FROM rec_items r ORDER BY id;
-- @@ 7 t1 @@
SELECT rec_items FROM rec_items ORDER BY id;
-- @@ 8 t1 @@
SELECT rec_items.*::text FROM rec_items ORDER BY id;
-- @@ 9 t3 u @@
SELECT pg_typeof(ROW(1, 2)), 2249::regtype, 2287::regtype, 'record'::regtype;
-- @@ 10 t3 @@
SELECT typname, typlen, typtype, typcategory, typarray FROM pg_type WHERE oid IN (2249, 2287) ORDER BY oid;
-- @@ 11 t1 u @@
-- IS NULL looks at every field
SELECT ROW(NULL, NULL) IS NULL, ROW(1, NULL) IS NULL, ROW(1, NULL) IS NOT NULL, ROW(1, 2) IS NOT NULL;
-- @@ 12 t1 @@
SELECT id, r IS NULL AS all_null, r IS NOT NULL AS none_null FROM rec_items r ORDER BY id;
-- @@ 13 t1 u @@
SELECT count(r) FROM rec_items r;
-- @@ 14 t1 u @@
-- row constructor comparisons, field by field
SELECT (1, 2) = (1, 2), (1, 2) <> (1, 3), (1, 2) < (1, 3), (1, 2, 3) <= (1, 2, 3), (2, 0) > (1, 9);
-- @@ 15 t1 u @@
SELECT (1, NULL) = (1, 2), (1, NULL) < (2, NULL), (1, NULL) < (1, 2), ROW(1, 'a') >= ROW(1, 'b');
-- @@ 16 t1 @@
SELECT id FROM rec_items WHERE (id, name) = (3, '') ORDER BY id;
-- @@ 17 t1 @@
SELECT id FROM rec_items WHERE (id, price) > (2, 0) ORDER BY id;
-- @@ 18 t1 u @@
SELECT (1, 2) = (1, 2, 3);
-- @@ 19 t1 u @@
-- record values compare with record_cmp: NULL equals NULL and sorts last
SELECT (SELECT ROW(1, NULL::int)) = (SELECT ROW(1, NULL::int)), (SELECT ROW(1, NULL::int)) < (SELECT ROW(1, 2));
-- @@ 20 t1 @@
SELECT DISTINCT ROW(id % 2, price IS NULL) FROM rec_items ORDER BY 1;
-- @@ 21 t1 @@
SELECT ROW(id % 2), count(*) FROM rec_items GROUP BY ROW(id % 2) ORDER BY 1;
-- @@ 22 t1 @@
SELECT r FROM rec_items r ORDER BY r DESC;
-- @@ 23 t1 @@
SELECT id FROM rec_items WHERE ROW(id, name) IN (ROW(1, 'apple'), ROW(3, '')) ORDER BY id;
-- @@ 24 t1 @@
SELECT a.id, b.id FROM rec_items a JOIN rec_items b ON ROW(a.id, a.name) = ROW(b.id, b.name) ORDER BY 1;
-- @@ 25 t1 @@
-- records in JSON
SELECT row_to_json(r) FROM rec_items r ORDER BY id;
-- @@ 26 t2 u @@
SELECT row_to_json(ROW(1, 'x')), row_to_json(ROW(1, 'x'), true), to_json(ROW(2, NULL)), to_jsonb(ROW(3, 'y'));
-- @@ 27 t2 @@
SELECT to_json(r), to_jsonb(r) FROM rec_items r ORDER BY id;
-- @@ 28 t1 u @@
SELECT json_agg(r ORDER BY id) FROM rec_items r;
-- @@ 29 t1 u @@
SELECT jsonb_agg(r ORDER BY id) FROM rec_items r WHERE id < 3;
-- @@ 30 t1 u @@
SELECT row_to_json(1);
-- @@ 31 t2 u @@
-- functions returning record with a column definition list
SELECT * FROM json_to_record('{"a": 1, "b": "x y", "c": [1, 2], "d": {"z": 1}, "e": true}')
  AS x(a int, b text, c int[], d json, e bool, f text);
-- @@ 32 t2 u @@
SELECT * FROM jsonb_to_record('{"a": 1, "b": "x y", "d": {"z": 1}, "e": true}') AS x(a int, b text, d text, e text);
-- @@ 33 t1 @@
SELECT * FROM json_to_recordset('[{"a": 1}, {"a": 2, "b": "q"}]') AS x(a int, b text) ORDER BY a;
-- @@ 34 t2 u @@
SELECT x.b, x.a FROM jsonb_to_recordset('[{"a": 1, "b": [[1, 2], [3, 4]]}]') AS x(a int, b int[]);
-- @@ 35 t1 u @@
SELECT * FROM json_to_record(NULL) AS x(a int);
-- @@ 36 t1 u @@
SELECT * FROM json_to_recordset(NULL) AS x(a int);
-- @@ 37 t2 u @@
SELECT * FROM json_to_record('{"a": 1}');
-- @@ 38 t1 u @@
SELECT * FROM json_to_record('[1]') AS x(a int);
-- @@ 39 t2 u @@
SELECT * FROM json_to_recordset('{"a": 1}') AS x(a int);
-- @@ 40 t1 u @@
SELECT * FROM jsonb_to_recordset('[1]') AS x(a int);
-- @@ 41 t2 u @@
SELECT * FROM json_to_record('{"a": "x"}') AS x(a int);
-- @@ 42 t3 @@
-- a function with OUT parameters called as a value returns a record
CREATE FUNCTION rec_split(a int, OUT doubled int, OUT label text) AS 'SELECT a * 2, ''n'' || a' LANGUAGE sql;
-- @@ 43 t3 u @@
SELECT rec_split(4), row_to_json(rec_split(5));
-- @@ 44 t3 u @@
SELECT prorettype::regtype FROM pg_proc WHERE proname = 'rec_split';
-- @@ 45 t1 @@
-- SEARCH and CYCLE of WITH RECURSIVE
CREATE TABLE rec_graph (f int, t int, label text);
-- @@ 46 t1 @@
INSERT INTO rec_graph VALUES (1, 2, 'a'), (1, 3, 'b'), (2, 4, 'c'), (4, 1, 'd'), (3, 5, 'e');
-- @@ 47 t2 @@
WITH RECURSIVE s(f, t, label) AS (
  SELECT * FROM rec_graph WHERE f = 1
  UNION ALL
  SELECT g.* FROM rec_graph g, s WHERE g.f = s.t
) SEARCH DEPTH FIRST BY f, t SET seq CYCLE f, t SET is_cycle USING path
SELECT * FROM s ORDER BY seq;
-- @@ 48 t2 @@
WITH RECURSIVE s(f, t, label) AS (
  SELECT * FROM rec_graph WHERE f = 1
  UNION ALL
  SELECT g.* FROM rec_graph g, s WHERE g.f = s.t
) SEARCH BREADTH FIRST BY f, t SET seq CYCLE f, t SET is_cycle TO 'Y' DEFAULT 'N' USING path
SELECT f, t, seq, is_cycle FROM s ORDER BY seq, path;
-- @@ 49 t2 u @@
WITH RECURSIVE n AS (SELECT 0 AS x UNION ALL SELECT (x + 1) % 4 FROM n WHERE NOT is_cycle)
  CYCLE x SET is_cycle USING path
SELECT * FROM n;
-- @@ 50 t2 u @@
WITH RECURSIVE a AS (SELECT 1 AS b UNION ALL SELECT * FROM a) CYCLE b SET c USING p
SELECT * FROM a;
-- @@ 51 t3 @@
-- pseudo-type errors
CREATE TABLE rec_bad (r record);
-- @@ 52 t3 u @@
SELECT '(1,2)'::record;
