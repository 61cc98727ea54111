-- setup: none
-- @@ 1 t1 @@
-- DDL and DML of the walking skeleton (issue 2).
CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) DEFAULT 0, active boolean DEFAULT true);
-- @@ 2 t1 @@
CREATE TABLE IF NOT EXISTS accounts (id integer);
-- @@ 3 t1 @@
CREATE TABLE accounts (id integer);
-- @@ 4 t3 @@
CREATE TABLE notes (id bigint, body varchar(40), tag char(3)) WITH (fillfactor=70);
-- @@ 5 t1 @@
INSERT INTO accounts (id, owner, balance) VALUES (1, 'alice', 100.50), (2, 'bob', 20), (3, 'carol', NULL);
-- @@ 6 t1 @@
INSERT INTO accounts (id, owner) VALUES (4, 'dave');
-- @@ 7 t1 @@
INSERT INTO accounts VALUES (5, 'erin', 7.125, false);
-- @@ 8 t1 @@
SELECT * FROM accounts ORDER BY id;
-- @@ 9 t3 @@
INSERT INTO notes SELECT id, owner || ' note', 'ab' FROM accounts WHERE id <= 3;
-- @@ 10 t3 @@
SELECT id, body, tag, length(tag) FROM notes ORDER BY id;
-- @@ 11 t1 @@
UPDATE accounts SET balance = balance + 10 WHERE balance IS NOT NULL;
-- @@ 12 t1 @@
SELECT id, balance FROM accounts ORDER BY id;
-- @@ 13 t1 @@
UPDATE accounts SET active = NOT active, owner = upper(owner) WHERE id IN (2, 5);
-- @@ 14 t1 @@
SELECT id, owner, active FROM accounts ORDER BY id;
-- @@ 15 t1 @@
UPDATE accounts SET balance = 0 WHERE id = 999;
-- @@ 16 t1 @@
DELETE FROM accounts WHERE NOT active;
-- @@ 17 t1 @@
SELECT id, owner FROM accounts ORDER BY id;
-- @@ 18 t3 @@
DELETE FROM notes;
-- @@ 19 t3 u @@
SELECT count(*) FROM notes;
-- @@ 20 t3 @@
INSERT INTO notes VALUES (1, 'x', 'y');
-- @@ 21 t3 @@
TRUNCATE notes;
-- @@ 22 t3 u @@
SELECT count(*) FROM notes;
-- @@ 23 t3 @@
DROP TABLE notes, accounts;
-- @@ 24 t1 @@
DROP TABLE notes;
-- @@ 25 t1 @@
DROP TABLE IF EXISTS notes, accounts;
-- @@ 26 t1 @@
CREATE TABLE public.qualified (a integer);
-- @@ 27 t1 @@
INSERT INTO public.qualified VALUES (1);
-- @@ 28 t1 u @@
SELECT a FROM public.qualified;
-- @@ 29 t1 @@
DROP TABLE public.qualified;
