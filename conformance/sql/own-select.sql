-- setup: none
-- @@ 1 t1 @@
-- SELECT features: projection, aliases, joins, grouping, ordering, limits, DISTINCT.
CREATE TABLE dept (id integer, name text);
-- @@ 2 t1 @@
CREATE TABLE emp (id integer, name text, dept_id integer, salary integer, bonus integer);
-- @@ 3 t1 @@
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'sales');
-- @@ 4 t1 @@
INSERT INTO emp VALUES (1, 'ann', 1, 120, 10), (2, 'ben', 1, 100, NULL), (3, 'cat', 2, 90, 5), (4, 'dan', NULL, 50, NULL), (5, 'eve', 2, 90, 0);
-- @@ 5 t1 u @@
SELECT 1;
-- @@ 6 t1 u @@
SELECT 1 + 2 AS three, 'lit' AS word;
-- @@ 7 t1 @@
SELECT * FROM emp ORDER BY id;
-- @@ 8 t1 @@
SELECT name AS who, salary * 12 AS yearly FROM emp ORDER BY yearly DESC, who;
-- @@ 9 t1 @@
SELECT e.name, d.name FROM emp e JOIN dept d ON e.dept_id = d.id ORDER BY e.name;
-- @@ 10 t1 @@
SELECT e.name, d.name FROM emp e, dept d WHERE e.dept_id = d.id AND d.name = 'ops' ORDER BY e.name;
-- @@ 11 t1 @@
SELECT e.name, d.name FROM emp e INNER JOIN dept d ON d.id = e.dept_id WHERE e.salary > 95 ORDER BY 1;
-- @@ 12 t1 @@
SELECT dept_id, count(*), sum(salary), avg(salary), min(salary), max(salary) FROM emp GROUP BY dept_id ORDER BY dept_id;
-- @@ 13 t1 @@
SELECT dept_id, count(*) FROM emp GROUP BY dept_id HAVING count(*) > 1 ORDER BY dept_id;
-- @@ 14 t1 u @@
SELECT count(*), count(bonus), count(DISTINCT salary), sum(DISTINCT salary) FROM emp;
-- @@ 15 t1 u @@
SELECT avg(bonus), sum(bonus), max(name), min(name) FROM emp;
-- @@ 16 t1 u @@
SELECT sum(salary) FROM emp WHERE id > 100;
-- @@ 17 t1 u @@
SELECT count(*) FROM emp WHERE id > 100;
-- @@ 18 t1 @@
SELECT DISTINCT salary FROM emp ORDER BY salary;
-- @@ 19 t1 @@
SELECT DISTINCT dept_id, salary FROM emp ORDER BY dept_id, salary;
-- @@ 20 t1 @@
SELECT name, bonus FROM emp ORDER BY bonus NULLS FIRST, name;
-- @@ 21 t1 @@
SELECT name, bonus FROM emp ORDER BY bonus DESC NULLS LAST, name;
-- @@ 22 t1 @@
SELECT name, bonus FROM emp ORDER BY bonus DESC, name;
-- @@ 23 t1 @@
SELECT name FROM emp ORDER BY salary DESC, name LIMIT 2;
-- @@ 24 t1 @@
SELECT name FROM emp ORDER BY id LIMIT 2 OFFSET 2;
-- @@ 25 t1 @@
SELECT name FROM emp ORDER BY id OFFSET 4;
-- @@ 26 t1 @@
SELECT name FROM emp ORDER BY id LIMIT 0;
-- @@ 27 t1 @@
SELECT d.name, sum(e.salary) AS total FROM dept d JOIN emp e ON e.dept_id = d.id GROUP BY d.name ORDER BY total DESC;
-- @@ 28 t1 @@
SELECT salary / 10 AS band, count(*) FROM emp GROUP BY salary / 10 ORDER BY band;
-- @@ 29 t1 @@
SELECT * FROM emp WHERE salary BETWEEN 90 AND 100 ORDER BY id;
-- @@ 30 t1 @@
SELECT * FROM emp WHERE name LIKE '_a%' ORDER BY id;
-- @@ 31 t1 @@
SELECT * FROM emp WHERE dept_id IN (2, 3) ORDER BY id;
-- @@ 32 t1 @@
SELECT * FROM emp WHERE dept_id NOT IN (1) ORDER BY id;
-- @@ 33 t1 @@
SELECT name FROM emp WHERE bonus IS NULL ORDER BY name;
-- @@ 34 t1 @@
SELECT name FROM emp WHERE bonus IS NOT NULL AND bonus > 0 ORDER BY name;
-- @@ 35 t1 @@
DROP TABLE dept, emp;
