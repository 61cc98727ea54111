-- SQL functions as psql lists and shows them: \df over pg_proc with pg_get_function_result / _arguments,
-- \sf through regproc / regprocedure and pg_get_functiondef.
CREATE FUNCTION psqlt_add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
CREATE FUNCTION psqlt_rows(n integer) RETURNS TABLE (i integer, label text) LANGUAGE sql
  AS $$ SELECT g, 'row ' || g FROM generate_series(1, n) g $$;
CREATE FUNCTION psqlt_out(x integer, OUT y integer) LANGUAGE sql RETURN x * 2;
SELECT psqlt_add(1), psqlt_add(1, 2);
SELECT * FROM psqlt_rows(2);
SELECT * FROM psqlt_out(4);
\df
\df psqlt_r*
\sf psqlt_add
\sf psqlt_rows(integer)
DROP FUNCTION psqlt_add;
\df psqlt*
DROP FUNCTION psqlt_rows(integer), psqlt_out(integer);
\df
