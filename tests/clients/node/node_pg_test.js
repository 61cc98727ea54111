// node-postgres (pg, pg-cursor, pg-copy-streams from npm, pinned by package-lock.json) against LumaDB:
// simple and parameterized queries with type parsing, named prepared statements, `binary: true` results,
// pg-cursor batches (Flush without Sync), COPY FROM/TO streams, transactions, a pool, error codes, and TLS
// verified against the server's certificate.
// Connects with PGHOST/PGPORT/PGUSER/PGDATABASE (with_server.sh); closes with "N passed, N failed".
'use strict';

const assert = require('node:assert');
const { Readable, Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const pg = require('pg');
const Cursor = require('pg-cursor');
const copyStreams = require('pg-copy-streams');

let passed = 0;
let failed = 0;

function check(name, got, want) {
  try {
    assert.deepStrictEqual(got, want);
    passed++;
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

async function sqlState(client, text, values) {
  try {
    await client.query(text, values);
    return 'no error';
  } catch (e) {
    return e.code;
  }
}

async function basics(client) {
  let r = await client.query("SELECT 1 AS one, 'x'::text AS t, NULL::int AS n, 2.50::numeric AS num, true AS b, " +
                             '9000000000::int8 AS big, 1.5::float8 AS f');
  check('simple row', r.rows, [{ one: 1, t: 'x', n: null, num: '2.50', b: true, big: '9000000000', f: 1.5 }]);
  check('simple field types', r.fields.map((f) => f.dataTypeID), [23, 25, 23, 1700, 16, 20, 701]);
  r = await client.query('SHOW server_version_num');
  check('server_version_num', r.rows[0].server_version_num.slice(0, 2), '15');
  r = await client.query('SELECT $1::int4 + 1 AS a, $2::text AS b', [41, 'z']);
  check('typed params', r.rows, [{ a: 42, b: 'z' }]);
  r = await client.query('SELECT count(*) AS n, 5::int8 * $1 AS m FROM generate_series(1, 3)', [2]);
  check('untyped param inferred int8', r.rows, [{ n: '3', m: '10' }]);
  r = await client.query('SELECT $1::date AS d, $2::timestamptz AS ts, $3::bool AS b, $4::numeric AS n',
                         ['2024-02-29', new Date(Date.UTC(2021, 4, 6, 7, 8, 9, 500)), false, '12.345']);
  check('date param', r.rows[0].d.getFullYear() * 10000 + (r.rows[0].d.getMonth() + 1) * 100 + r.rows[0].d.getDate(),
        20240229);
  check('timestamptz param', r.rows[0].ts.toISOString(), '2021-05-06T07:08:09.500Z');
  check('bool and numeric params', [r.rows[0].b, r.rows[0].n], [false, '12.345']);
  r = await client.query('SELECT $1::int AS a, $2::text AS b', [null, null]);
  check('NULL params', r.rows, [{ a: null, b: null }]);
}

async function table(client) {
  await client.query('DROP TABLE IF EXISTS nodet_items; CREATE TABLE nodet_items (id serial PRIMARY KEY, ' +
                     'name text NOT NULL UNIQUE, qty integer, price numeric(10,2), at timestamptz, raw bytea)');
  let r = await client.query(
    'INSERT INTO nodet_items (name, qty, price, at, raw) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    ["O'Reilly", 3, '9.99', '2021-05-06 07:08:09+00', Buffer.from([0, 0xff, 0x41])]);
  check('RETURNING id', r.rows, [{ id: 1 }]);
  check('INSERT rowCount', r.rowCount, 1);
  r = await client.query('SELECT name, qty, price, at, raw FROM nodet_items WHERE id = $1', [1]);
  check('row back', [r.rows[0].name, r.rows[0].qty, r.rows[0].price, r.rows[0].at.toISOString()],
        ["O'Reilly", 3, '9.99', '2021-05-06T07:08:09.000Z']);
  check('bytea sent binary', r.rows[0].raw, Buffer.from([0, 0xff, 0x41]));

  for (let i = 0; i < 25; i++) {
    r = await client.query({ name: 'nodet_ins', text: 'INSERT INTO nodet_items (name, qty) VALUES ($1, $2)',
                             values: [`p${i}`, i] });
    if (r.rowCount !== 1) check(`named insert ${i}`, r.rowCount, 1);
  }
  for (const min of [2, 20]) {
    r = await client.query({ name: 'nodet_sum', text: 'SELECT sum(qty)::int AS s, count(*)::int AS n FROM ' +
                             "nodet_items WHERE qty >= $1 AND name LIKE 'p%'", values: [min] });
    check(`named statement qty >= ${min}`, r.rows[0], min === 2 ? { s: 299, n: 23 } : { s: 110, n: 5 });
  }

  r = await client.query({ text: 'SELECT $1::int4 AS seven, $2::int8 AS big, $3::text AS t, 2.5::float8 AS f, ' +
                           'true AS b, 12.5::numeric AS n', values: [7, '9000000000', 'txt'], binary: true });
  check('binary results', r.rows, [{ seven: 7, big: '9000000000', t: 'txt', f: 2.5, b: true, n: 12.5 }]);
  r = await client.query({ text: 'SELECT id, qty, name FROM nodet_items WHERE qty BETWEEN $1 AND $2 ORDER BY qty',
                           values: [3, 5], binary: true });
  check('binary table rows', r.rows.map((x) => [x.qty, x.name]), [[3, "O'Reilly"], [3, 'p3'], [4, 'p4'], [5, 'p5']]);
  r = await client.query({ text: "SELECT TIMESTAMPTZ '2021-05-06 07:08:09.25+00' AS ts", binary: true });
  check('binary timestamptz', r.rows[0].ts.toISOString(), '2021-05-06T07:08:09.250Z');
}

async function cursor(client) {
  const cur = client.query(new Cursor('SELECT g FROM generate_series(1, 25) g WHERE g > $1', [0]));
  const sizes = [];
  let total = 0;
  for (;;) {
    const rows = await cur.read(10);
    sizes.push(rows.length);
    total += rows.reduce((s, row) => s + row.g, 0);
    if (rows.length === 0) break;
  }
  await cur.close();
  check('cursor batches', sizes, [10, 10, 5, 0]);
  check('cursor sum', total, 325);
  const r = await client.query('SELECT 1 AS after');
  check('query after cursor', r.rows, [{ after: 1 }]);
}

async function copy(client) {
  // Chunks not aligned to rows, as pg-copy-streams passes on whatever the source yields.
  const chunks = ['c1,10', '0\n"c,', '2",101\nc3,', '\n'];
  await pipeline(Readable.from(chunks), client.query(copyStreams.from(
    'COPY nodet_items (name, qty) FROM STDIN WITH (FORMAT csv)')));
  let r = await client.query("SELECT name, qty FROM nodet_items WHERE name LIKE 'c%' ORDER BY name");
  check('COPY FROM rows', r.rows, [{ name: 'c,2', qty: 101 }, { name: 'c1', qty: 100 }, { name: 'c3', qty: null }]);
  let out = '';
  await pipeline(client.query(copyStreams.to(
    "COPY (SELECT name, qty FROM nodet_items WHERE name LIKE 'c%' ORDER BY name) TO STDOUT WITH (FORMAT csv)")),
  new Writable({ write(chunk, _enc, cb) { out += chunk.toString(); cb(); } }));
  check('COPY TO data', out, '"c,2",101\nc1,100\nc3,\n');
}

async function transactions(client) {
  await client.query('BEGIN');
  await client.query('INSERT INTO nodet_items (name) VALUES ($1)', ['kept']);
  await client.query('COMMIT');
  await client.query('BEGIN');
  await client.query('INSERT INTO nodet_items (name) VALUES ($1)', ['dropped']);
  await client.query('ROLLBACK');
  await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
  const r = await client.query('SHOW transaction_isolation');
  check('isolation', r.rows, [{ transaction_isolation: 'serializable' }]);
  await client.query('SAVEPOINT s1');
  await client.query('INSERT INTO nodet_items (name) VALUES ($1)', ['after_sp']);
  await client.query('ROLLBACK TO SAVEPOINT s1');
  await client.query('COMMIT');
  const names = await client.query(
    "SELECT name FROM nodet_items WHERE name IN ('kept', 'dropped', 'after_sp') ORDER BY name");
  check('commit, rollback, savepoint', names.rows, [{ name: 'kept' }]);
}

async function errors(client) {
  try {
    await client.query('INSERT INTO nodet_items (id, name) VALUES (1, $1), (1, $2)', ['a', 'b']);
    check('unique violation', 'no error', 'error');
  } catch (e) {
    check('unique violation code', [e.code, e.constraint, e.detail],
          ['23505', 'nodet_items_pkey', 'Key (id)=(1) already exists.']);
  }
  check('undefined table', await sqlState(client, 'SELECT * FROM nodet_missing WHERE 1 = $1', [1]), '42P01');
  check('bad int param', await sqlState(client, 'SELECT $1::int', ['x']), '22P02');
  await client.query('BEGIN');
  check('error in transaction', await sqlState(client, 'SELECT 1/0'), '22012');
  check('25P02 after it', await sqlState(client, 'SELECT 1'), '25P02');
  await client.query('ROLLBACK');
  const r = await client.query('SELECT 2 AS x');
  check('usable after rollback', r.rows, [{ x: 2 }]);
}

async function statementTimeout() {
  // node-postgres sends statement_timeout as a startup parameter.
  const c = new pg.Client({ statement_timeout: 200 });
  await c.connect();
  const start = Date.now();
  try {
    await c.query('SELECT count(*) FROM generate_series(1, 2000000000)');
    check('statement_timeout', 'no error', 'error');
  } catch (e) {
    check('statement_timeout error', [e.code, e.message], ['57014', 'canceling statement due to statement timeout']);
    check('statement_timeout is prompt', Date.now() - start < 5000, true);
  }
  const r = await c.query('SHOW statement_timeout');
  check('statement_timeout setting', r.rows, [{ statement_timeout: '200ms' }]);
  await c.end();
}

async function wrongPassword() {
  if (!process.env.LUMADB_CLIENT_AUTH) return;  // with_server.sh's LumaDB asks for passwords (SCRAM)
  const c = new pg.Client({ password: 'wrong' });
  try {
    await c.connect();
    check('wrong password refused', 'connected', 'refused');
    await c.end();
  } catch (e) {
    check('wrong password', [e.code, e.message], ['28P01', 'password authentication failed for user "postgres"']);
  }
}

// ssl verified against the server's own certificate (with_server.sh exports the path of the one `lumadb init`
// wrote), checked on the driver's socket; without that root the self-signed certificate is refused.
async function tls() {
  const cert = process.env.LUMADB_SERVER_CERT;
  if (!cert) return;  // an external server: its TLS set-up is not ours to know
  const ca = require('node:fs').readFileSync(cert);
  const c = new pg.Client({ ssl: { ca, servername: 'localhost' } });
  await c.connect();
  const r = await c.query("SELECT 'over tls' AS v, $1::int + 1 AS n", [41]);
  check('tls query', r.rows, [{ v: 'over tls', n: 42 }]);
  check('tls socket', [c.connection.stream.encrypted, c.connection.stream.authorized], [true, true]);
  check('tls protocol', c.connection.stream.getProtocol(), 'TLSv1.3');
  await c.end();
  const untrusted = new pg.Client({ ssl: { rejectUnauthorized: true } });
  try {
    await untrusted.connect();
    check('tls without the root certificate', 'connected', 'refused');
    await untrusted.end();
  } catch (e) {
    check('tls without the root certificate', e.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  }
}

async function pool() {
  const p = new pg.Pool({ max: 3 });
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => p.query('SELECT $1::int * 2 AS v', [i])));
  check('pool results', results.map((r) => r.rows[0].v), [2, 4, 6, 8, 10, 12]);
  await p.end();
}

async function main() {
  const client = new pg.Client({ application_name: 'node_pg_test' });
  await client.connect();
  for (const step of [basics, table, cursor, copy, transactions, errors, statementTimeout, wrongPassword, tls, pool]) {
    try {
      await step(client);
    } catch (e) {
      failed++;
      console.log(`FAIL ${step.name} threw: ${e.stack}`);
    }
  }
  await client.query('DROP TABLE IF EXISTS nodet_items');
  await client.end();
  console.log(`node-postgres: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((e) => {
  console.log(`FAIL: ${e.stack}`);
  process.exitCode = 1;
});
