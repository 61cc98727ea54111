-- setup: none
-- @@ 1 t1 @@
-- Window functions, FILTER, ordered-set and other aggregates, DISTINCT ON.
CREATE TABLE emp (id integer, name text, dept text, salary integer, hired date);
-- @@ 2 t1 @@
INSERT INTO emp VALUES
  (1, 'ann', 'eng', 120, '2020-01-10'), (2, 'ben', 'eng', 100, '2020-03-01'), (3, 'cat', 'ops', 90, '2021-06-15'),
  (4, 'dan', 'ops', 90, '2019-11-30'), (5, 'eve', 'eng', 100, '2022-02-02'), (6, 'fay', NULL, 70, '2020-01-12'),
  (7, 'gus', 'ops', NULL, '2023-05-05');
-- @@ 3 t2 @@
SELECT name, row_number() OVER (ORDER BY id) FROM emp ORDER BY id;
-- @@ 4 t2 @@
SELECT name, dept, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC), dense_rank() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp ORDER BY dept, salary DESC, name;
-- @@ 5 t2 @@
SELECT name, percent_rank() OVER (ORDER BY salary), cume_dist() OVER (ORDER BY salary) FROM emp ORDER BY name;
-- @@ 6 t2 @@
SELECT name, ntile(3) OVER (ORDER BY id) FROM emp ORDER BY id;
-- @@ 7 t2 @@
SELECT name, lag(name) OVER (ORDER BY id), lead(name, 2) OVER (ORDER BY id), lag(salary, 1, -1) OVER (ORDER BY id) FROM emp ORDER BY id;
-- @@ 8 t2 @@
SELECT name, first_value(name) OVER w, last_value(name) OVER w, nth_value(name, 2) OVER w FROM emp WINDOW w AS (PARTITION BY dept ORDER BY id) ORDER BY id;
-- @@ 9 t2 @@
SELECT name, last_value(name) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM emp ORDER BY id;
-- @@ 10 t2 @@
SELECT name, sum(salary) OVER (ORDER BY id), avg(salary) OVER (PARTITION BY dept), count(*) OVER () FROM emp ORDER BY id;
-- @@ 11 t2 @@
SELECT name, salary, sum(salary) OVER (ORDER BY salary) FROM emp ORDER BY salary, name;
-- @@ 12 t2 @@
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM emp ORDER BY id;
-- @@ 13 t2 @@
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING) FROM emp ORDER BY id;
-- @@ 14 t2 @@
SELECT id, salary, sum(id) OVER (ORDER BY salary RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM emp ORDER BY id;
-- @@ 15 t2 @@
SELECT id, salary, count(*) OVER (ORDER BY salary DESC RANGE BETWEEN CURRENT ROW AND 20 FOLLOWING) FROM emp ORDER BY id;
-- @@ 16 t2 @@
SELECT id, hired, count(*) OVER (ORDER BY hired RANGE BETWEEN '1 year' PRECEDING AND CURRENT ROW) FROM emp ORDER BY id;
-- @@ 17 t2 @@
SELECT id, salary, sum(id) OVER (ORDER BY salary GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp ORDER BY id;
-- @@ 18 t2 @@
SELECT id, sum(id) OVER (ORDER BY salary ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM emp ORDER BY id;
-- @@ 19 t2 @@
SELECT id, sum(id) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM emp ORDER BY id;
-- @@ 20 t2 @@
SELECT id, sum(id) OVER (ORDER BY salary RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM emp ORDER BY id;
-- @@ 21 t2 @@
SELECT id, string_agg(name, ',') OVER (ORDER BY id ROWS 2 PRECEDING) FROM emp ORDER BY id;
-- @@ 22 t2 @@
SELECT dept, sum(salary), rank() OVER (ORDER BY sum(salary) DESC) FROM emp GROUP BY dept ORDER BY dept;
-- @@ 23 t2 @@
SELECT name, salary - avg(salary) OVER (PARTITION BY dept) AS diff FROM emp ORDER BY name;
-- @@ 24 t3 @@
SELECT name, count(*) FILTER (WHERE salary > 80) OVER (ORDER BY id) FROM emp ORDER BY id;
-- @@ 25 t2 @@
SELECT * FROM (SELECT name, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM emp) s WHERE rn = 1 ORDER BY name;
-- @@ 26 t2 @@
SELECT id, row_number() OVER (ORDER BY id), row_number() OVER (ORDER BY id DESC) FROM emp ORDER BY id;
-- @@ 27 t3 u @@
EXPLAIN (COSTS OFF) SELECT id, rank() OVER (PARTITION BY dept ORDER BY salary) FROM emp;
-- @@ 28 t2 u @@
SELECT id FROM emp WHERE row_number() OVER () > 1;
-- @@ 29 t2 u @@
SELECT sum(row_number() OVER ()) FROM emp;
-- @@ 30 t1 u @@
SELECT row_number() FROM emp;
-- @@ 31 t2 u @@
SELECT name, count(*) OVER w2 FROM emp;
-- @@ 32 t2 u @@
SELECT name, count(*) OVER (w ORDER BY id) FROM emp WINDOW w AS (ORDER BY name);
-- @@ 33 t2 u @@
SELECT name, sum(id) OVER (RANGE 1 PRECEDING) FROM emp;
-- @@ 34 t2 u @@
SELECT id, sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM emp;
-- @@ 35 t2 u @@
SELECT ntile(0) OVER () FROM emp;
-- @@ 36 t2 u @@
SELECT nth_value(id, 0) OVER () FROM emp;
-- @@ 37 t3 u @@
-- FILTER, ORDER BY inside aggregates, ordered-set and other aggregates
SELECT count(*) FILTER (WHERE salary > 90), sum(salary) FILTER (WHERE dept = 'eng'), count(*) FROM emp;
-- @@ 38 t3 @@
SELECT dept, count(*) FILTER (WHERE salary >= 100) FROM emp GROUP BY dept ORDER BY dept;
-- @@ 39 t2 u @@
SELECT string_agg(name, ', ' ORDER BY name DESC), array_agg(id ORDER BY salary DESC NULLS LAST, id) FROM emp;
-- @@ 40 t2 @@
SELECT dept, string_agg(name, '-' ORDER BY id) FROM emp GROUP BY dept ORDER BY dept;
-- @@ 41 t1 u @@
SELECT string_agg(DISTINCT dept, ',' ORDER BY dept) FROM emp;
-- @@ 42 t1 u @@
SELECT bool_and(salary > 50), bool_or(salary > 110), every(salary >= 90) FROM emp;
-- @@ 43 t3 u @@
SELECT bit_and(salary), bit_or(salary) FROM emp;
-- @@ 44 t3 u @@
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY salary), percentile_disc(0.5) WITHIN GROUP (ORDER BY salary) FROM emp;
-- @@ 45 t3 @@
SELECT dept, percentile_cont(0.25) WITHIN GROUP (ORDER BY salary DESC), mode() WITHIN GROUP (ORDER BY salary) FROM emp GROUP BY dept ORDER BY dept;
-- @@ 46 t3 u @@
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY salary) FROM emp;
-- @@ 47 t1 u @@
SELECT percentile_cont(0.5) FROM emp;
-- @@ 48 t3 u @@
SELECT sum(salary) WITHIN GROUP (ORDER BY salary) FROM emp;
-- @@ 49 t1 u @@
SELECT array_agg(DISTINCT salary ORDER BY id) FROM emp;
-- @@ 50 t2 @@
-- DISTINCT ON
SELECT DISTINCT ON (dept) dept, name, salary FROM emp ORDER BY dept, salary DESC, name;
-- @@ 51 t2 @@
SELECT DISTINCT ON (dept) dept, name FROM emp ORDER BY dept NULLS FIRST, id DESC;
-- @@ 52 t2 @@
SELECT DISTINCT ON (salary) salary FROM emp ORDER BY salary;
-- @@ 53 t2 @@
SELECT DISTINCT ON (1) dept, id FROM emp ORDER BY 1, 2;
-- @@ 54 t2 @@
SELECT DISTINCT ON (dept) dept, name FROM emp ORDER BY name;
-- @@ 55 t2 u @@
SELECT DISTINCT ON (5) dept FROM emp;
-- @@ 56 t2 u @@
SELECT sum(x), avg(x) FROM (VALUES (interval '1 day'), (interval '3 hours'), (NULL)) t(x);
-- @@ 57 t1 u @@
SELECT stddev(salary), variance(salary), stddev_pop(salary::float8), var_samp(salary::numeric) FROM emp;
-- @@ 58 t1 u @@
SELECT string_agg(DISTINCT name::varchar, ',' ORDER BY name::varchar) FROM emp;
