-- POSIX regular expressions as psql's \d queries and applications use them.
CREATE TABLE t (a int);
CREATE TABLE t2 (a text);
INSERT INTO t2 VALUES ('Hello World'), ('foo bar'), (NULL);
SELECT c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname OPERATOR(pg_catalog.~) '^(t|t2)$' COLLATE pg_catalog.default
  AND n.nspname !~ '^pg_toast' ORDER BY 1;
SELECT a, a ~ '^[[:upper:]]', a ~* 'WORLD', regexp_replace(a, '(\w+) (\w+)', '\2 \1'), substring(a from '\m(b\w*)')
FROM t2 ORDER BY a;
SELECT regexp_count('ababab', 'ab'), regexp_instr('abcbd', 'b', 1, 2), regexp_like('Abc', 'a', 'i');
SELECT 'a' ~ '(';
SELECT regexp_replace('a', 'a', 'b', 'z');
DROP TABLE t, t2;
