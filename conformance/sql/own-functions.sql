-- setup: none
-- @@ 1 t3 @@
-- The function library: the formatting functions, format(), string, float8, numeric and date functions.
SET TimeZone = 'UTC';
-- @@ 2 t1 u @@
SELECT to_char(timestamp '2020-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.US Day Month DY mon Q WW IW J DDD IDDD');
-- @@ 3 t1 u @@
SELECT to_char(timestamp '2020-03-05 14:07:09', 'FMDay FMMonth DDth HH12 am A.M. "quoted" ddsp');
-- @@ 4 t1 u @@
SELECT to_char(timestamp '0044-03-15 14:07:09 BC', 'YYYY BC Y,YYY CC RM rm IYYY FMyyyy');
-- @@ 5 t2 u @@
SELECT to_char(timestamptz '2020-06-01 12:00:00+00', 'TZ tz OF TZH:TZM');
-- @@ 6 t2 u @@
SELECT to_char(interval '1 year 2 months 3 days 04:05:06.789', 'YYYY MM DD HH24 MI SS MS');
-- @@ 7 t2 u @@
SELECT to_char(interval '1 day', 'Mon');
-- @@ 8 t1 @@
SELECT to_char(d, 'FMDay, FMDDth FMMonth YYYY') FROM (VALUES (date '2021-01-01'), (date '2021-02-02'), (date '2021-03-13')) v(d) ORDER BY d;
-- @@ 9 t3 @@
SELECT to_char(n, '9G999D99'), to_char(n, 'FM9999.999'), to_char(n, 'S0000.00'), to_char(n, '9.99EEEE'), to_char(n, '999PR')
  FROM (VALUES (1234.5678), (-0.5), (0), (5)) v(n) ORDER BY n;
-- @@ 10 t3 u @@
SELECT to_char(12, '99th'), to_char(485, 'RN'), to_char(485, 'FMrn'), to_char(1234567890123456789, '9999999'), to_char(42, '99V99');
-- @@ 11 t3 u @@
SELECT to_char(123.45::float8, '999.9'), to_char(-0.5::float4, 'S9.99'), to_char(1.5e10::float8, '9.99EEEE'), to_char('NaN'::float8, '9.9');
-- @@ 12 t1 u @@
SELECT to_char(1, '9.9.9');
-- @@ 13 t3 u @@
SELECT to_number('-34,338,492', '99G999G999'), to_number('5.01-', 'FM9.999999MI'), to_number('<564646.654564>', '999999.999999PR'), to_number('$1234.56', 'L9999.99');
-- @@ 14 t1 u @@
SELECT to_number('1', '9EEEE');
-- @@ 15 t3 u @@
SELECT to_date('2011 x 12', 'YYYY x MM'), to_date('05 Dec 2000', 'DD Mon YYYY'), to_date('2020-100', 'YYYY-DDD');
-- @@ 16 t1 u @@
SELECT to_date('31 Feb 2000', 'DD Mon YYYY');
-- @@ 17 t2 u @@
SELECT to_timestamp('2011-12-18 11:38 PM', 'YYYY-MM-DD HH12:MI PM'), to_timestamp('2000-12-05 10:00 +05:30', 'YYYY-MM-DD HH24:MI TZH:TZM');
-- @@ 18 t2 u @@
SELECT to_timestamp('20181102123456123456', 'YYYYMMDDHH24MISSFF3'), to_timestamp(1284352323.5), to_timestamp('-Infinity'::float8);
-- @@ 19 t1 u @@
SELECT to_timestamp('13:00', 'HH12:MI');
-- @@ 20 t1 u @@
SELECT to_timestamp('2020 10', 'YYYY IW');
-- @@ 21 t1 u @@
SELECT format('Hello %s, %I, %L, %%', 'world', 'My Table', 'it''s'), format('%2$s %1$s', 'a', 'b'), format('|%-10s|%10s|%*s|', 'l', 'r', 4, 'x');
-- @@ 22 t1 u @@
SELECT format('%s %L', NULL, NULL), format('%1$s %s', 'a', 'b'), format('no args');
-- @@ 23 t1 u @@
SELECT format('%s %s', 'a');
-- @@ 24 t1 u @@
SELECT format('%I', NULL);
-- @@ 25 t1 u @@
SELECT format('%z', 1);
-- @@ 26 t3 u @@
SELECT concat_ws(',', 1, NULL, 'x'), reverse('abc'), initcap('hi THERE bob'), md5('abc'), to_hex(-1), to_hex(255::bigint);
-- @@ 27 t1 u @@
SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1), split_part('abc', '', 1), lpad('hi', 5, 'xy'), rpad('hi', 5, 'xy'), lpad('hello', 2);
-- @@ 28 t1 u @@
SELECT split_part('a', ',', 0);
-- @@ 29 t3 u @@
SELECT translate('12345', '143', 'ax'), ascii('A'), chr(233), quote_ident('Foo'), quote_ident('select'), quote_ident('abc');
-- @@ 30 t3 u @@
SELECT quote_literal(E'a\\b''c'), quote_literal(42), quote_nullable(NULL), starts_with('abc', 'ab'), bit_length('abc');
-- @@ 31 t1 u @@
SELECT chr(0);
-- @@ 32 t3 u @@
SELECT unistr('d\0061t\+000061 \u0041'), unistr('a\\b');
-- @@ 33 t1 u @@
SELECT unistr('wrong: \xyz');
-- @@ 34 t3 u @@
SELECT sind(30), cosd(60), tand(45), cotd(45), asind(0.5), acosd(0.5), atand(1), atan2d(1, 1);
-- @@ 35 t3 u @@
SELECT sinh(1), cosh(1), tanh(1), asinh(1), acosh(2), atanh(0.5), cbrt(64::float8), degrees(1), radians(180), pi();
-- @@ 36 t1 u @@
SELECT exp(1::float8), ln(2::float8), log(100::float8), log10(1000::float8), power(2::float8, 10), power(float8 '-inf', 3);
-- @@ 37 t1 u @@
SELECT ln(0::float8);
-- @@ 38 t1 u @@
SELECT acosh(0.5);
-- @@ 39 t1 u @@
SELECT sqrt(2.0), sqrt(100::numeric), exp(1.0), exp(-1.5), ln(2.0), log(100::numeric), log(2.0, 64.0), power(2.0, 10);
-- @@ 40 t3 u @@
SELECT scale(1.230), min_scale(1.230), trim_scale(1.230), div(7.5, 2), div(-7.5, 2), factorial(20);
-- @@ 41 t3 u @@
SELECT gcd(12, 18), lcm(4, 6), gcd(1.5, 0.25), lcm(1.5, 0.25), gcd(0::bigint, 0::bigint);
-- @@ 42 t3 u @@
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(5.35::float8, 0.024, 10.06, 5), width_bucket(-1, 0, 10, 5), width_bucket(11, 10, 0, 5);
-- @@ 43 t1 u @@
SELECT width_bucket(1, 1, 1, 1);
-- @@ 44 t1 u @@
SELECT ln(0.0);
-- @@ 45 t1 u @@
SELECT log(1::numeric, 10);
-- @@ 46 t1 u @@
SELECT '4.4e131071'::numeric > 0, '1e-16383'::numeric > 0;
-- @@ 47 t1 u @@
SELECT '1e131072'::numeric;
-- @@ 48 t3 u @@
SELECT make_date(2020, 2, 29), make_date(-44, 3, 15), make_time(8, 15, 23.5), isfinite(date 'infinity'), isfinite(timestamp '2020-01-01');
-- @@ 49 t1 u @@
SELECT make_date(2013, 2, 30);
-- @@ 50 t3 u @@
SELECT date_bin('15 minutes', timestamp '2020-02-11 15:44:17', timestamp '2001-01-01'), date_bin('1 day', timestamptz '2020-02-11 15:44:17+00', timestamptz '2001-01-01 00:00:00+00');
-- @@ 51 t1 u @@
SELECT date_bin('1 month', timestamp '2020-01-01', timestamp '2001-01-01');
-- @@ 52 t3 u @@
SELECT 'abc' SIMILAR TO 'a%', 'abc' SIMILAR TO '(a|b)%c', 'abc' NOT SIMILAR TO '_b_', 'a_c' SIMILAR TO 'a#_c' ESCAPE '#', 'abd' SIMILAR TO 'a[bc]d';
-- @@ 53 t3 u @@
SELECT similar_to_escape('a%(b|c)_\.'), similar_to_escape('a#"b#"c', '#');
-- @@ 54 t3 u @@
SELECT 'abc' SIMILAR TO 'a%' ESCAPE 'xy';
-- @@ 55 t3 u @@
SELECT setseed(0.5);
-- @@ 56 t3 u @@
SELECT random() FROM generate_series(1, 3);
-- @@ 57 t3 u @@
SELECT setseed(2);
-- @@ 58 t1 u @@
SELECT substring('abcdefg' SIMILAR 'a#"(b_d)#"%' ESCAPE '#'), substring('abcdefg' FROM 'a#"(b_d)#"%' FOR '#'), substring('abcdefg' SIMILAR '%' ESCAPE NULL) IS NULL, substring('abc' FROM 2 FOR 1);
