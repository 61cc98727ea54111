-- setup: none
-- @@ 1 t1 @@
-- Row values: row constructors compared with subqueries, row IN lists, rows IS [NOT] DISTINCT FROM,
-- (a, b) OVERLAPS (c, d), and json[b]_populate_record[set] over a record.
CREATE TABLE rw_a (id int PRIMARY KEY, x int, y text);
-- @@ 2 t1 @@
INSERT INTO rw_a VALUES (1, 1, 'a'), (2, 2, NULL), (3, NULL, 'c'), (4, 4, 'd');
-- @@ 3 t1 @@
CREATE TABLE rw_b (x int, y text);
-- @@ 4 t1 @@
INSERT INTO rw_b VALUES (1, 'a'), (2, 'b'), (4, 'd'), (NULL, 'c');
-- @@ 5 t1 @@
-- row-wise IN / ANY / ALL over a subquery, with the NULL rules of the field comparisons
SELECT id, (x, y) IN (SELECT x, y FROM rw_b) AS in_b, (x, y) NOT IN (SELECT x, y FROM rw_b) AS not_in_b
  FROM rw_a ORDER BY id;
-- @@ 6 t1 @@
SELECT id FROM rw_a WHERE (x, y) IN (SELECT x, y FROM rw_b) ORDER BY id;
-- @@ 7 t1 @@
SELECT id FROM rw_a WHERE (x, y) NOT IN (SELECT x, y FROM rw_b WHERE x IS NOT NULL AND y IS NOT NULL) ORDER BY id;
-- @@ 8 t1 @@
SELECT id, (x, y) = ANY (SELECT x, y FROM rw_b) AS eq_any, (x, y) <> ALL (SELECT x, y FROM rw_b) AS ne_all,
       (x, y) < ANY (SELECT x, y FROM rw_b) AS lt_any, (x, y) >= ALL (SELECT x, y FROM rw_b WHERE x IS NOT NULL) AS ge_all
  FROM rw_a ORDER BY id;
-- @@ 9 t1 @@
SELECT id FROM rw_a a WHERE (a.x, a.id) IN (SELECT b.x, a.id FROM rw_b b WHERE b.y = a.y) ORDER BY id;
-- @@ 10 t1 u @@
SELECT (1, 'a') IN (SELECT x, y FROM rw_b WHERE false), (1, 'a') = ALL (SELECT x, y FROM rw_b WHERE false);
-- @@ 11 t2 u @@
SELECT ROW(1, 2) IN (SELECT 1, 2 UNION ALL SELECT 3, 4), ROW(1, NULL) IN (SELECT 1, 2), ROW(5, NULL) IN (SELECT 1, 2);
-- @@ 12 t1 u @@
SELECT (1, 2) IN (SELECT 1, 2, 3);
-- @@ 13 t1 u @@
SELECT (1, 2, 3) IN (SELECT 1, 2);
-- @@ 14 t1 u @@
SELECT (1, 'a') IN (SELECT 1, 2);
-- @@ 15 t1 u @@
-- a row compared with a single-row subquery (ROWCOMPARE sublink)
SELECT (1, 'a') = (SELECT x, y FROM rw_b WHERE x = 1), (1, 'a') < (SELECT x, y FROM rw_b WHERE x = 2),
       (3, 'z') > (SELECT x, y FROM rw_b WHERE x = 2), (1, 'a') <> (SELECT x, y FROM rw_b WHERE x = 1);
-- @@ 16 t1 u @@
SELECT (1, 'a') = (SELECT x, y FROM rw_b WHERE x = 99);
-- @@ 17 t1 @@
SELECT id, (x, y) = (SELECT b.x, b.y FROM rw_b b WHERE b.x = a.x) AS same FROM rw_a a ORDER BY id;
-- @@ 18 t2 u @@
SELECT (1, 2) = (SELECT 1, 2 UNION ALL SELECT 1, 2);
-- @@ 19 t1 u @@
SELECT (1, 2) = (SELECT 1);
-- @@ 20 t1 u @@
SELECT (1, 2) < (SELECT 1, 2, 3);
-- @@ 21 t1 @@
-- row IN lists and IS [NOT] DISTINCT FROM of row constructors
SELECT id FROM rw_a WHERE (x, y) IN ((1, 'a'), (4, 'd'), (NULL, 'c')) ORDER BY id;
-- @@ 22 t1 @@
SELECT id, (x, y) NOT IN ((1, 'a'), (3, 'c')) AS not_in FROM rw_a ORDER BY id;
-- @@ 23 t1 u @@
SELECT (1, 2) IN ((1, 2), 3);
-- @@ 24 t1 u @@
SELECT (1, 2) IN ((1, 2, 3));
-- @@ 25 t1 u @@
SELECT ROW(1, NULL) IS DISTINCT FROM ROW(1, NULL), ROW(1, NULL) IS NOT DISTINCT FROM ROW(1, NULL),
       ROW(1, 2) IS DISTINCT FROM ROW(1, NULL), (1, 2.0) IS NOT DISTINCT FROM (1, 2), ROW() IS DISTINCT FROM ROW();
-- @@ 26 t1 @@
SELECT id, (x, y) IS DISTINCT FROM (2, NULL) AS d FROM rw_a ORDER BY id;
-- @@ 27 t1 u @@
SELECT ROW(1, 2) IS DISTINCT FROM ROW(1, 2, 3);
-- @@ 28 t3 u @@
-- OVERLAPS
SELECT (date '2000-01-01', date '2000-01-05') OVERLAPS (date '2000-01-04', date '2000-01-09') AS dates,
       (timestamp '2000-01-01', interval '1 day') OVERLAPS (timestamp '2000-01-02', interval '1 day') AS touching,
       (time '10:00', time '09:00') OVERLAPS (time '09:30', interval '1 minute') AS reversed,
       (timestamptz '2000-01-01 00:00+00', timestamptz '2000-01-03 00:00+00')
         OVERLAPS (timestamptz '2000-01-02 00:00+00', interval '1 hour') AS tz;
-- @@ 29 t3 u @@
SELECT (timestamp '2000-01-01', NULL::timestamp) OVERLAPS (timestamp '2000-01-01', timestamp '2000-01-02') AS same_start,
       (timestamp '2000-01-01', NULL::timestamp) OVERLAPS (timestamp '1999-12-01', timestamp '2000-01-02') AS inside,
       (NULL::timestamp, NULL::timestamp) OVERLAPS (timestamp '2000-01-01', timestamp '2000-01-02') AS both_null,
       (timestamp '2000-01-01', NULL::interval) OVERLAPS (timestamp '2000-01-05', timestamp '2000-01-06') AS later;
-- @@ 30 t3 u @@
SELECT (timetz '10:00+02', timetz '11:00+02') OVERLAPS (timetz '09:30+01', timetz '09:45+01');
-- @@ 31 t3 @@
SELECT id FROM rw_a WHERE (date '2000-01-01' + id, date '2000-01-01' + id + 1) OVERLAPS (date '2000-01-03', date '2000-01-04')
  ORDER BY id;
-- @@ 32 t3 u @@
SELECT (1, 2, 3) OVERLAPS (1, 2);
-- @@ 33 t3 u @@
SELECT ROW(1, 2) OVERLAPS ROW(1);
-- @@ 34 t3 u @@
SELECT (1, 2) OVERLAPS (3, 4);
-- @@ 35 t2 u @@
-- json[b]_populate_record[set] with a record as the base
SELECT json_populate_record(ROW(1, 2), '{"f1": 10}'), jsonb_populate_record(ROW(1, 'x'::text), '{"f2": "y"}');
-- @@ 36 t2 u @@
SELECT json_populate_record(ROW(1, 2), NULL), json_populate_record(ROW(1, 2), '{"f2": null}', true);
-- @@ 37 t2 @@
SELECT json_populate_record(r, '{"y": "new", "x": 7}') FROM rw_a r ORDER BY id;
-- @@ 38 t1 u @@
SELECT json_populate_recordset(ROW(0, 'none'::text), '[{"f1": 1}, {"f2": "b"}, {}]');
-- @@ 39 t1 u @@
SELECT jsonb_populate_recordset(ROW(1, 2), '[]');
-- @@ 40 t2 u @@
SELECT * FROM json_populate_record(ROW(1, 2), '{"a": 5}') AS q(a int, b int);
-- @@ 41 t1 u @@
SELECT * FROM jsonb_populate_recordset(ROW(1, 2), '[{"a": 5}, {"b": 6}]') AS q(a int, b int);
-- @@ 42 t3 u @@
SELECT * FROM json_populate_recordset(NULL::record, '[{"a": 5, "b": "x"}]') AS q(a int, b text);
-- @@ 43 t1 u @@
SELECT * FROM json_populate_recordset(ROW(1, 2), '[{"a": 5}]');
-- @@ 44 t1 u @@
SELECT * FROM json_populate_recordset(ROW(1, 2), '[{"a": 5}]') AS q(a int);
-- @@ 45 t1 u @@
SELECT * FROM json_populate_recordset(ROW(1, 2), '[{"a": 5}]') AS q(a int, b text);
-- @@ 46 t3 u @@
SELECT json_populate_record(NULL::record, '{}');
-- @@ 47 t1 u @@
SELECT json_populate_record(ROW(1, 2), '[1]');
-- @@ 48 t2 u @@
SELECT jsonb_populate_recordset(ROW(1, 2), '{"f1": 1}');
-- @@ 49 t2 u @@
SELECT json_populate_record(ROW(1, '{}'::int[]), '{"f2": 3}');
-- @@ 50 t1 @@
-- a whole-row reference to the NULL-extended side of an outer join is NULL
CREATE TABLE rw_oa (id int PRIMARY KEY, v text);
-- @@ 51 t1 @@
CREATE TABLE rw_ob (id int NOT NULL, w text);
-- @@ 52 t1 @@
INSERT INTO rw_oa VALUES (1, 'a'), (2, NULL), (3, 'c');
-- @@ 53 t1 @@
INSERT INTO rw_ob VALUES (1, 'b1'), (3, NULL);
-- @@ 54 t1 @@
SELECT a, b FROM rw_oa a LEFT JOIN rw_ob b ON a.id = b.id ORDER BY a.id;
-- @@ 55 t2 @@
SELECT a.id, b IS NULL AS b_null, row_to_json(b) FROM rw_oa a LEFT JOIN rw_ob b USING (id) ORDER BY a.id;
-- @@ 56 t1 @@
SELECT b.*, a FROM rw_ob b RIGHT JOIN rw_oa a ON a.id = b.id ORDER BY a.id;
-- @@ 57 t1 @@
SELECT a, b FROM rw_oa a FULL JOIN rw_ob b ON a.id = b.id + 1 ORDER BY a.id, b.id;
-- @@ 58 t1 u @@
SELECT count(b.*), count(b) FROM rw_oa a LEFT JOIN rw_ob b ON a.id = b.id;
-- @@ 59 t1 @@
-- field selection from a row value
SELECT (a).v, (a.*).id, (a).* FROM rw_oa a ORDER BY id;
-- @@ 60 t1 @@
SELECT (rw_oa).v, (rw_oa.v) FROM rw_oa ORDER BY id;
-- @@ 61 t1 u @@
SELECT (ROW(1, 'x'::text)).f2, ((1, 2)).f1, (ROW(1, 2)).f1 + 1 AS plus;
-- @@ 62 t1 @@
SELECT o.id, (f).v FROM rw_oa o LEFT JOIN rw_oa f ON f.id = o.id + 1 ORDER BY o.id;
-- @@ 63 t1 u @@
SELECT id FROM rw_oa a WHERE (a).v = 'a';
-- @@ 64 t1 u @@
SELECT (a).nope FROM rw_oa a;
-- @@ 65 t1 u @@
SELECT (a.*).nope FROM rw_oa a;
-- @@ 66 t1 u @@
SELECT (a.id).x FROM rw_oa a;
-- @@ 67 t3 u @@
SELECT (NULL::record).f1;
-- @@ 68 t1 u @@
SELECT (ROW(1, 2)).f3;
-- @@ 69 t1 u @@
SELECT ((a).v).x FROM rw_oa a;
-- @@ 70 t1 u @@
SELECT json_populate_recordset(ROW(1), '[{"f1":2}]');
-- @@ 71 t2 u @@
select json_populate_record(row(1), '{"f1":2}');
-- @@ 72 t1 u @@
select * from json_populate_recordset(row(1), '[{"f1":2}]') as q(a int);
-- @@ 73 t1 u @@
select json_populate_recordset(t, '[{"id": 5}]') from (select 1 as id, 'x'::text as v) t;
