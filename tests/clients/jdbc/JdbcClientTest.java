import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.io.StringReader;
import java.io.StringWriter;
import org.postgresql.PGConnection;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.copy.CopyManager;

/**
 * pgjdbc (Debian libpostgresql-jdbc-java) against LumaDB: PreparedStatements past the prepare threshold (named
 * server statements, binary parameters and results), prepareThreshold=-1 (Describe Statement first, binary at
 * once) and 0 (never server-prepared, text), every common getter, setNull, batches, fetchSize portals,
 * transactions and savepoints, COPY through CopyManager, DatabaseMetaData and SQLSTATEs. Connects with PGHOST,
 * PGPORT, PGDATABASE, PGUSER as set by with_server.sh; closes with "N passed, N failed".
 */
public final class JdbcClientTest {
  private static int passed = 0;
  private static int failed = 0;

  private static void check(String name, Object got, Object want) {
    boolean ok = got instanceof byte[] && want instanceof byte[] ? Arrays.equals((byte[]) got, (byte[]) want)
                                                                  : Objects.equals(got, want);
    if (ok) {
      passed++;
    } else {
      failed++;
      System.out.println("FAIL " + name + ": got " + show(got) + ", want " + show(want));
    }
  }

  private static String show(Object o) {
    if (o == null) return "null";
    if (o instanceof byte[]) return Arrays.toString((byte[]) o);
    return o + " (" + o.getClass().getSimpleName() + ")";
  }

  private static Connection connect(String extra) throws SQLException {
    String url = "jdbc:postgresql://" + System.getenv("PGHOST") + ":" + System.getenv("PGPORT") + "/"
        + System.getenv("PGDATABASE") + "?ApplicationName=jdbc_test" + extra;
    Properties props = new Properties();
    props.setProperty("user", System.getenv("PGUSER"));
    if (System.getenv("PGPASSWORD") != null) props.setProperty("password", System.getenv("PGPASSWORD"));
    return DriverManager.getConnection(url, props);
  }

  private static String sqlState(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
      return "no error";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private static void literals(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT 1::int4 AS i, 9000000000::int8 AS l, 'txt'::text AS t, "
             + "1.25::numeric(6,2) AS n, true AS b, DATE '2024-02-29' AS d, NULL::int AS z, 2.5::float8 AS f, "
             + "'\\x0102'::bytea AS by, TIMESTAMP '2024-02-29 10:11:12.5' AS ts, 7::int2 AS s")) {
      check("literal row", rs.next(), true);
      check("getInt", rs.getInt("i"), 1);
      check("getLong", rs.getLong("l"), 9000000000L);
      check("getString", rs.getString("t"), "txt");
      check("getBigDecimal", rs.getBigDecimal("n"), new BigDecimal("1.25"));
      check("getBoolean", rs.getBoolean("b"), true);
      check("getDate", rs.getDate("d"), Date.valueOf("2024-02-29"));
      check("getInt of NULL", rs.getInt("z"), 0);
      check("wasNull", rs.wasNull(), true);
      check("getDouble", rs.getDouble("f"), 2.5);
      check("getBytes", rs.getBytes("by"), new byte[] {1, 2});
      check("getTimestamp", rs.getTimestamp("ts"), Timestamp.valueOf("2024-02-29 10:11:12.5"));
      check("getObject int4", rs.getObject("i"), 1);
      check("getObject int8", rs.getObject("l"), 9000000000L);
      check("getObject int2", rs.getObject("s"), 7);
      check("getObject numeric", rs.getObject("n"), new BigDecimal("1.25"));
      check("getObject bool", rs.getObject("b"), true);
      check("getObject date", rs.getObject("d"), Date.valueOf("2024-02-29"));
      check("getObject NULL", rs.getObject("z"), null);
      check("getObject float8", rs.getObject("f"), 2.5);
      ResultSetMetaData md = rs.getMetaData();
      check("column count", md.getColumnCount(), 11);
      check("column label", md.getColumnLabel(4), "n");
      check("column type int8", md.getColumnType(2), Types.BIGINT);
      check("column type name numeric", md.getColumnTypeName(4), "numeric");
      check("column type date", md.getColumnType(6), Types.DATE);
      check("only one row", rs.next(), false);
    }
  }

  private static void createTable(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS jdbct_items");
      st.execute("CREATE TABLE jdbct_items (id serial PRIMARY KEY, name varchar(100) NOT NULL UNIQUE, qty integer,"
          + " price numeric(10,2), ok boolean, born date, at timestamp, raw bytea, big bigint, f8 float8)");
    }
  }

  /** Inserts 12 rows through one PreparedStatement, then reads each back through another, 12 times. */
  private static void preparedRoundTrips(Connection c, String label, int base) throws SQLException {
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO jdbct_items (id, name, qty, price, ok, born, at, raw,"
             + " big, f8) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < 12; i++) {
        int id = base + i;
        ins.setInt(1, id);
        ins.setString(2, label + i);
        if (i % 3 == 2) {
          ins.setNull(3, Types.INTEGER);
        } else {
          ins.setInt(3, i * 10);
        }
        ins.setBigDecimal(4, new BigDecimal(i).add(new BigDecimal("0.25")));
        ins.setBoolean(5, i % 2 == 0);
        ins.setDate(6, Date.valueOf("2020-01-" + (10 + i)));
        ins.setTimestamp(7, Timestamp.valueOf("2021-06-0" + (1 + i % 9) + " 12:34:56.789"));
        ins.setBytes(8, new byte[] {(byte) i, (byte) 0xff, 0});
        ins.setLong(9, 5000000000L + i);
        if (i == 5) {
          ins.setNull(10, Types.DOUBLE);
        } else {
          ins.setDouble(10, i + 0.125);
        }
        check(label + " insert count " + i, ins.executeUpdate(), 1);
      }
    }
    try (PreparedStatement sel = c.prepareStatement("SELECT id, name, qty, price, ok, born, at, raw, big, f8 FROM"
             + " jdbct_items WHERE id = ?")) {
      for (int i = 0; i < 12; i++) {
        sel.setInt(1, base + i);
        try (ResultSet rs = sel.executeQuery()) {
          String p = label + " row " + i + " ";
          check(p + "found", rs.next(), true);
          check(p + "id", rs.getInt(1), base + i);
          check(p + "name", rs.getString(2), label + i);
          check(p + "qty", rs.getObject(3), i % 3 == 2 ? null : i * 10);
          check(p + "price", rs.getBigDecimal(4), new BigDecimal(i + ".25"));
          check(p + "ok", rs.getBoolean(5), i % 2 == 0);
          check(p + "born", rs.getDate(6), Date.valueOf("2020-01-" + (10 + i)));
          check(p + "at", rs.getTimestamp(7), Timestamp.valueOf("2021-06-0" + (1 + i % 9) + " 12:34:56.789"));
          check(p + "raw", rs.getBytes(8), new byte[] {(byte) i, (byte) 0xff, 0});
          check(p + "big", rs.getLong(9), 5000000000L + i);
          check(p + "f8", rs.getObject(10), i == 5 ? null : i + 0.125);
          check(p + "one row", rs.next(), false);
        }
      }
    }
    try (PreparedStatement agg = c.prepareStatement("SELECT count(*), sum(qty), sum(price) FROM jdbct_items"
             + " WHERE name LIKE ? AND qty >= ?")) {
      for (int i = 0; i < 8; i++) {
        agg.setString(1, label + "%");
        agg.setInt(2, 0);
        try (ResultSet rs = agg.executeQuery()) {
          rs.next();
          check(label + " count " + i, rs.getLong(1), 8L);
          check(label + " sum(qty) " + i, rs.getLong(2), 400L);
          check(label + " sum(price) " + i, rs.getBigDecimal(3), new BigDecimal("42.00"));
        }
      }
    }
  }

  /** Edge values through one statement each way: with prepareThreshold=-1 both parameters and results are binary. */
  private static void edgeValues(Connection c, String label) throws SQLException {
    String[] numerics = {"0", "-1.5", "123456789012345678901234567890.123456789", "0.0000001", "1E+20", "-0.001",
                         "99999999.99", "10000", "0.10"};
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::numeric, (?::numeric)::text")) {
      for (String v : numerics) {
        ps.setBigDecimal(1, new BigDecimal(v));
        ps.setBigDecimal(2, new BigDecimal(v));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(label + " numeric " + v, rs.getBigDecimal(1).compareTo(new BigDecimal(v)), 0);
          check(label + " numeric text " + v, rs.getString(2), new BigDecimal(v).toPlainString());
        }
      }
    }
    double[] doubles = {0.1, -0.0, 1e300, Double.POSITIVE_INFINITY, Double.NaN, 4.9e-324};
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::float8, ?::float8 * 2")) {
      for (double v : doubles) {
        ps.setDouble(1, v);
        ps.setDouble(2, v);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(label + " float8 " + v, rs.getDouble(1), v);
          check(label + " float8*2 " + v, rs.getDouble(2), v * 2);
        }
      }
    }
    String[] stamps = {"1999-12-31 23:59:59.999999", "1900-01-01 00:00:00", "2100-06-15 12:00:00.000001",
                       "2000-01-01 00:00:00", "1970-01-01 00:00:00.5"};
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::timestamp, ?::timestamptz, ?::timestamp + interval '1 day'")) {
      for (String v : stamps) {
        Timestamp t = Timestamp.valueOf(v);
        ps.setTimestamp(1, t);
        ps.setTimestamp(2, t);
        ps.setTimestamp(3, t);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(label + " timestamp " + v, rs.getTimestamp(1), t);
          check(label + " timestamptz " + v, rs.getTimestamp(2), t);
          Timestamp next = new Timestamp(t.getTime() + 86400000L);
          next.setNanos(t.getNanos());
          check(label + " timestamp + 1 day " + v, rs.getTimestamp(3), next);
        }
      }
    }
    UUID u = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    try (PreparedStatement ps = c.prepareStatement("SELECT ?::uuid, ?::int2, ?::float4, ?::text, ?::date, ?::int8")) {
      for (int i = 0; i < 6; i++) {
        ps.setObject(1, u);
        ps.setShort(2, (short) -32768);
        ps.setFloat(3, 1.25f);
        ps.setString(4, "h\u00e9llo \u2603 '\"");
        ps.setDate(5, Date.valueOf("1999-01-0" + (1 + i)));
        ps.setLong(6, Long.MIN_VALUE);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          check(label + " uuid " + i, rs.getObject(1), u);
          check(label + " int2 " + i, rs.getShort(2), (short) -32768);
          check(label + " float4 " + i, rs.getFloat(3), 1.25f);
          check(label + " unicode text " + i, rs.getString(4), "h\u00e9llo \u2603 '\"");
          check(label + " date " + i, rs.getDate(5), Date.valueOf("1999-01-0" + (1 + i)));
          check(label + " int8 min " + i, rs.getLong(6), Long.MIN_VALUE);
        }
      }
    }
  }

  private static void batch(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbct_items (id, name, qty) VALUES (?, ?, ?)")) {
      for (int i = 0; i < 100; i++) {
        ps.setInt(1, 1000 + i);
        ps.setString(2, "batch" + i);
        ps.setInt(3, i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      check("batch size", counts.length, 100);
      check("batch counts", Arrays.stream(counts).sum(), 100);
    }
    c.commit();
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*), sum(qty) FROM jdbct_items WHERE name LIKE 'batch%'")) {
      rs.next();
      check("batch rows", rs.getLong(1), 100L);
      check("batch sum", rs.getLong(2), 4950L);
    }
    c.commit();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO jdbct_items (id, name) VALUES (?, ?)")) {
      ps.setInt(1, 2000);
      ps.setString(2, "dup-a");
      ps.addBatch();
      ps.setInt(1, 2000);
      ps.setString(2, "dup-b");
      ps.addBatch();
      ps.executeBatch();
      check("duplicate in batch fails", "no error", "error");
    } catch (BatchUpdateException e) {
      check("batch error SQLSTATE", e.getNextException() != null ? e.getNextException().getSQLState()
                                                                   : e.getSQLState(), "23505");
    }
    c.rollback();
    c.setAutoCommit(true);
  }

  private static void fetchSize(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("SELECT g, g * 2 AS d FROM generate_series(1, 95) g")) {
      ps.setFetchSize(10);
      long sum = 0;
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          sum += rs.getInt(1);
          if (rs.getInt(2) != 2 * rs.getInt(1)) check("fetchSize row " + rows, rs.getInt(2), 2 * rs.getInt(1));
        }
      }
      check("fetchSize rows", rows, 95);
      check("fetchSize sum", sum, 4560L);
    }
    c.commit();
    c.setAutoCommit(true);
  }

  private static void transactions(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO jdbct_items (id, name) VALUES (3000, 'committed')");
      c.commit();
      st.executeUpdate("INSERT INTO jdbct_items (id, name) VALUES (3001, 'rolledback')");
      c.rollback();
      st.executeUpdate("INSERT INTO jdbct_items (id, name) VALUES (3002, 'before_sp')");
      Savepoint sp = c.setSavepoint("sp1");
      st.executeUpdate("INSERT INTO jdbct_items (id, name) VALUES (3003, 'after_sp')");
      c.rollback(sp);
      c.commit();
      check("aborted transaction", sqlState(c, "SELECT * FROM jdbct_missing"), "42P01");
      check("statement in aborted transaction", sqlState(c, "SELECT 1"), "25P02");
      c.rollback();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM jdbct_items WHERE id BETWEEN 3000 AND 3003 ORDER BY id")) {
        while (rs.next()) names.add(rs.getString(1));
      }
      check("commit, rollback, savepoint", names, List.of("committed", "before_sp"));
      c.commit();
    }
    c.setAutoCommit(true);
    c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    check("isolation", c.getTransactionIsolation(), Connection.TRANSACTION_SERIALIZABLE);
    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
  }

  private static void errors(Connection c) throws SQLException {
    check("unique violation", sqlState(c, "INSERT INTO jdbct_items (id, name) VALUES (1, 'x')"), "23505");
    check("undefined table", sqlState(c, "SELECT * FROM jdbct_missing"), "42P01");
    check("syntax error", sqlState(c, "SELEC 1"), "42601");
    check("division by zero", sqlState(c, "SELECT 1/0"), "22012");
    try (PreparedStatement ps = c.prepareStatement("SELECT 10 / ?")) {
      ps.setInt(1, 0);
      ps.executeQuery();
      check("division by zero (prepared)", "no error", "error");
    } catch (SQLException e) {
      check("division by zero (prepared)", e.getSQLState(), "22012");
      check("error message", e.getMessage(), "ERROR: division by zero");
    }
    check("isValid", c.isValid(5), true);
    if (System.getenv("LUMADB_CLIENT_AUTH") != null) {
      try (Connection bad = connect("&password=wrong")) {
        check("wrong password refused", "connected", "refused");
      } catch (SQLException e) {
        check("wrong password SQLSTATE", e.getSQLState(), "28P01");
      }
    }
    // setQueryTimeout: pgjdbc sends a CancelRequest on a second connection when the timer fires.
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      st.executeQuery("SELECT count(*) FROM generate_series(1, 2000000000)");
      check("query timeout", "no error", "error");
    } catch (SQLException e) {
      check("query timeout SQLSTATE", e.getSQLState(), "57014");
      check("query timeout message", e.getMessage(), "ERROR: canceling statement due to user request");
    }
  }

  private static void copy(Connection c) throws Exception {
    CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
    long in = cm.copyIn("COPY jdbct_items (id, name, qty) FROM STDIN WITH (FORMAT csv)",
        new StringReader("4000,copy-a,7\n4001,\"copy,b\",\n"));
    check("copyIn rows", in, 2L);
    StringWriter out = new StringWriter();
    long n = cm.copyOut("COPY (SELECT id, name, qty FROM jdbct_items WHERE id >= 4000 ORDER BY id) TO STDOUT"
        + " WITH (FORMAT csv)", out);
    check("copyOut rows", n, 2L);
    check("copyOut data", out.toString(), "4000,copy-a,7\n4001,\"copy,b\",\n");
  }

  private static void metadata(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    check("product name", md.getDatabaseProductName(), "PostgreSQL");
    check("major version", md.getDatabaseMajorVersion(), 15);
    check("product version", md.getDatabaseProductVersion().startsWith("15."), true);
    // Columns of a table: pgjdbc looks their table, nullability and serial-ness up in pg_class, pg_attribute,
    // pg_type and pg_attrdef (pg_get_expr), by the table OID and attnum of RowDescription.
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT id, name, qty, price, 1 AS one FROM jdbct_items WHERE false")) {
      ResultSetMetaData rmd = rs.getMetaData();
      check("serial type name", rmd.getColumnTypeName(1), "serial");
      check("isAutoIncrement", rmd.isAutoIncrement(1), true);
      check("varchar type name", rmd.getColumnTypeName(2), "varchar");
      check("isAutoIncrement varchar", rmd.isAutoIncrement(2), false);
      check("isNullable NOT NULL", rmd.isNullable(2), ResultSetMetaData.columnNoNulls);
      check("isNullable", rmd.isNullable(3), ResultSetMetaData.columnNullable);
      check("getTableName", rmd.getTableName(3), "jdbct_items");
      check("getSchemaName", ((PGResultSetMetaData) rmd).getBaseSchemaName(3), "public");
      check("getColumnDisplaySize varchar(100)", rmd.getColumnDisplaySize(2), 100);
      check("getPrecision numeric(10,2)", rmd.getPrecision(4), 10);
      check("getScale numeric(10,2)", rmd.getScale(4), 2);
      check("literal column has no table", rmd.getTableName(5), "");
    }
    // getTables/getColumns/getPrimaryKeys are left out: their catalog queries need regular expressions,
    // pg_description, window functions and arrays, which the server lacks (README.md).
  }

  /** The socket under a pgjdbc connection (QueryExecutorBase.pgStream), to see that it really is TLS. */
  private static java.net.Socket socketOf(Connection c) throws Exception {
    Object executor = c.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor();
    java.lang.reflect.Field stream = org.postgresql.core.QueryExecutorBase.class.getDeclaredField("pgStream");
    stream.setAccessible(true);
    return ((org.postgresql.core.PGStream) stream.get(executor)).getSocket();
  }

  /**
   * sslmode=verify-full with the server's own certificate (`lumadb init` writes it; with_server.sh exports
   * its path) as the root: the host name localhost must match its subjectAltName, a query runs, and the
   * socket is an SSLSocket. Without the root the self-signed certificate is refused.
   */
  private static void tls() throws Exception {
    String cert = System.getenv("LUMADB_SERVER_CERT");
    if (cert == null) return;  // an external server: its TLS set-up is not ours to know
    Properties props = new Properties();
    props.setProperty("user", System.getenv("PGUSER"));
    if (System.getenv("PGPASSWORD") != null) props.setProperty("password", System.getenv("PGPASSWORD"));
    String url = "jdbc:postgresql://localhost:" + System.getenv("PGPORT") + "/" + System.getenv("PGDATABASE")
        + "?sslmode=verify-full&sslrootcert=" + cert;
    try (Connection c = DriverManager.getConnection(url, props);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT 'over tls' AS v, 6 * 7 AS n")) {
      check("tls row", rs.next(), true);
      check("tls values", rs.getString(1) + " " + rs.getInt(2), "over tls 42");
      java.net.Socket socket = socketOf(c);
      check("tls socket", socket instanceof javax.net.ssl.SSLSocket, true);
      if (socket instanceof javax.net.ssl.SSLSocket) {
        check("tls protocol", ((javax.net.ssl.SSLSocket) socket).getSession().getProtocol(), "TLSv1.3");
      }
    }
    String untrusted = url.replace("&sslrootcert=" + cert, "&sslrootcert=" + System.getenv("LUMADB_CLIENT_WORK")
        + "/no-such-root.crt");
    try (Connection c = DriverManager.getConnection(untrusted, props)) {
      check("tls without the root certificate", "connected", "refused");
    } catch (SQLException e) {
      check("tls without the root certificate SQLSTATE", e.getSQLState(), "08006");
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  /** Runs one group of checks; a group that throws counts as one failure and leaves c in autocommit. */
  /**
   * pgjdbc sends the JVM's default zone as TimeZone in the startup packet: the session must use it for
   * timestamptz text, while getTimestamp still gives the same instant.
   */
  private static void startupTimeZone() throws SQLException {
    java.util.TimeZone saved = java.util.TimeZone.getDefault();
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
    try (Connection berlin = connect("")) {
      try (Statement st = berlin.createStatement();
           ResultSet rs = st.executeQuery("SELECT current_setting('TimeZone'), "
               + "'2024-07-01 12:00+00'::timestamptz::text, '2024-07-01 12:00+00'::timestamptz")) {
        check("startup TimeZone row", rs.next(), true);
        check("startup TimeZone", rs.getString(1), "Europe/Berlin");
        check("timestamptz text in the zone", rs.getString(2), "2024-07-01 14:00:00+02");
        check("timestamptz instant", rs.getTimestamp(3).toInstant(), java.time.Instant.parse("2024-07-01T12:00:00Z"));
      }
    } finally {
      java.util.TimeZone.setDefault(saved);
    }
  }

  private static void step(Connection c, String name, Step s) throws SQLException {
    try {
      s.run();
    } catch (Exception e) {
      failed++;
      System.out.println("FAIL " + name + " threw " + e);
      e.printStackTrace(System.out);
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    try (Connection c = connect("")) {
      step(c, "literals", () -> literals(c));
      step(c, "create table", () -> createTable(c));
      step(c, "edge values", () -> edgeValues(c, "def"));
      step(c, "prepared, default threshold", () -> preparedRoundTrips(c, "def", 0));
      try (Connection forced = connect("&prepareThreshold=-1")) {
        step(forced, "prepared, prepareThreshold=-1", () -> preparedRoundTrips(forced, "force", 100));
        step(forced, "literals, prepareThreshold=-1", () -> literals(forced));
        step(forced, "edge values, prepareThreshold=-1", () -> edgeValues(forced, "force"));
      }
      try (Connection never = connect("&prepareThreshold=0")) {
        step(never, "prepared, prepareThreshold=0", () -> preparedRoundTrips(never, "text", 200));
      }
      step(c, "batch", () -> batch(c));
      step(c, "fetchSize", () -> fetchSize(c));
      step(c, "transactions", () -> transactions(c));
      step(c, "errors", () -> errors(c));
      step(c, "copy", () -> copy(c));
      step(c, "metadata", () -> metadata(c));
      step(c, "startup TimeZone", JdbcClientTest::startupTimeZone);
      step(c, "tls", JdbcClientTest::tls);
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE jdbct_items");
      }
    }
    System.out.println("jdbc: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }
}
