// ANALYZE (issue 4): pg_class.reltuples/relpages and pg_statistic rows as PostgreSQL 15 computes them, used
// by the planner to choose between a sequential and an index scan and by EXPLAIN's row estimates. The
// expected figures are PostgreSQL 15's on the same data: a 10,000-row table is read whole by both, so null
// fractions, distinct counts and MCV lists agree exactly (run with LUMADB_TEST_EXTERNAL pointing at a
// PostgreSQL 15 to see them hold there).
#include <string>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include "pq_connection.h"
#include "sql_helpers.h"
#include "test_server.h"

namespace lumadb::integration {
namespace {

std::string Explain(pqxx::connection& conn, const std::string& sql, bool costs) {
  std::string out;
  for (const auto& row : Exec(conn, std::string(costs ? "EXPLAIN " : "EXPLAIN (COSTS OFF) ") + sql)) {
    out += std::string(row[0].c_str()) + "\n";
  }
  return out;
}

/// "stanullfrac|stadistinct" of column `column` of table t, found by name (PostgreSQL keeps a dropped
/// column's attnum, LumaDB renumbers: the name is what both agree on); "none" without a row.
std::string NullFracAndDistinct(pqxx::connection& conn, const std::string& t, const std::string& column) {
  pqxx::result r = Exec(conn,
                        "SELECT s.stanullfrac, s.stadistinct FROM pg_statistic s JOIN pg_attribute a ON "
                        "a.attrelid = s.starelid AND a.attnum = s.staattnum WHERE a.attname = '" +
                            column + "' AND s.starelid = (SELECT oid FROM pg_class WHERE relname = '" + t + "')");
  if (r.empty()) return "none";
  return std::string(r[0][0].c_str()) + "|" + r[0][1].c_str();
}

std::string StatisticRows(pqxx::connection& conn, const std::string& oid) {
  return Scalar(conn, "SELECT count(*) FROM pg_statistic WHERE starelid = '" + oid + "'");
}

}  // namespace

TEST_CASE("ANALYZE fills pg_class and pg_statistic as PostgreSQL does, and the planner uses them") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("stats");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (id int PRIMARY KEY, flag int, g int, s text, u text)");
  Exec(conn, "CREATE INDEX " + t + "_flag ON " + t + " (flag)");
  Exec(conn, "INSERT INTO " + t +
                 " SELECT i, i % 2, CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END, 'v' || (i % 300),"
                 " CASE WHEN i % 4 = 0 THEN NULL ELSE 'u' || i END FROM generate_series(1, 10000) AS i");
  const std::string oid = Scalar(conn, "SELECT oid FROM pg_class WHERE relname = '" + t + "'");
  CHECK(Scalar(conn, "SELECT reltuples FROM pg_class WHERE relname = '" + t + "'") == "-1");
  CHECK(StatisticRows(conn, oid) == "0");

  CHECK(raw.Run("ANALYZE " + t) == "");
  CHECK(raw.tag() == "ANALYZE");
  CHECK(Scalar(conn, "SELECT reltuples FROM pg_class WHERE relname = '" + t + "'") == "10000");
  CHECK(Scalar(conn, "SELECT relpages > 0 FROM pg_class WHERE relname = '" + t + "'") == "t");
  CHECK(StatisticRows(conn, oid) == "5");
  CHECK(NullFracAndDistinct(conn, t, "id") == "0|-1");
  CHECK(NullFracAndDistinct(conn, t, "flag") == "0|2");
  CHECK(NullFracAndDistinct(conn, t, "g") == "0.1|7");
  CHECK(NullFracAndDistinct(conn, t, "s") == "0|300");
  CHECK(NullFracAndDistinct(conn, t, "u") == "0.25|-0.75");
  const std::string g_row = "FROM pg_statistic WHERE starelid = '" + oid + "' AND staattnum = 3";
  CHECK(Scalar(conn,
               "SELECT stawidth || ' ' || stakind1 || ' ' || staop1 || ' ' || stanumbers1::text || ' ' || "
               "stavalues1::text " +
                   g_row) == "4 1 96 {0.1286,0.1286,0.1286,0.1286,0.1286,0.1285,0.1285} {0,1,2,3,4,5,6}");

  // Half the table matches flag = 1: reading it all beats the index (PostgreSQL chooses a bitmap scan,
  // which LumaDB lacks); one key value keeps the index.
  const std::string flag_plan = Explain(conn, "SELECT * FROM " + t + " WHERE flag = 1", false);
  CAPTURE(flag_plan);
  CHECK(flag_plan.find("Index Scan using") == std::string::npos);
  if (!IsExternal()) CHECK(flag_plan.rfind("Seq Scan on " + t, 0) == 0);
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE id = 5", false) ==
        "Index Scan using " + t + "_pkey on " + t + "\n  Index Cond: (id = 5)\n");
  // Row estimates are PostgreSQL's.
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE flag = 1", true).find("rows=5000 ") != std::string::npos);
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE g IS NULL", true).find("rows=1000 ") != std::string::npos);
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE s = 'v5'", true).find("rows=34 ") != std::string::npos);
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE id < 100", true).find("rows=99 ") != std::string::npos);
  CHECK(Explain(conn, "SELECT * FROM " + t + " WHERE id BETWEEN 100 AND 200", true).find("rows=101 ") !=
        std::string::npos);

  // A rolled-back ANALYZE leaves the previous statistics. (PostgreSQL updates pg_class in place, so there
  // reltuples keeps the rolled-back figure; LumaDB's pg_class rows are transactional like the rest.)
  Exec(conn, "BEGIN; DELETE FROM " + t + " WHERE g IS NULL; ANALYZE " + t);
  CHECK(NullFracAndDistinct(conn, t, "g") == "0|7");
  CHECK(Scalar(conn, "SELECT reltuples FROM pg_class WHERE relname = '" + t + "'") == "9000");
  Exec(conn, "ROLLBACK");
  CHECK(NullFracAndDistinct(conn, t, "g") == "0.1|7");
  if (!IsExternal()) CHECK(Scalar(conn, "SELECT reltuples FROM pg_class WHERE relname = '" + t + "'") == "10000");

  // DROP COLUMN and ALTER TYPE remove the column's statistics; the others stay with their column.
  Exec(conn, "ALTER TABLE " + t + " DROP COLUMN flag");
  CHECK(StatisticRows(conn, oid) == "4");
  CHECK(NullFracAndDistinct(conn, t, "g") == "0.1|7");
  Exec(conn, "ALTER TABLE " + t + " ALTER COLUMN g TYPE bigint");
  CHECK(StatisticRows(conn, oid) == "3");
  CHECK(NullFracAndDistinct(conn, t, "g") == "none");
  CHECK(NullFracAndDistinct(conn, t, "u") == "0.25|-0.75");
  // VACUUM ANALYZE collects them again; DROP TABLE removes them.
  CHECK(raw.Run("VACUUM ANALYZE " + t) == "");
  CHECK(NullFracAndDistinct(conn, t, "g") == "0.1|7");
  Exec(conn, "DROP TABLE " + t);
  CHECK(StatisticRows(conn, oid) == "0");

  CHECK(raw.Run("ANALYZE " + t) == "42P01");
  CHECK(raw.error_message() == "relation \"" + t + "\" does not exist");
}

TEST_CASE("ANALYZE t (cols) analyzes only those columns; unknown and repeated columns are errors") {
  PqConnection raw(SharedTarget::Get().ConnString());
  pqxx::connection conn(SharedTarget::Get().ConnString());
  const std::string t = TableName("stats_cols");
  Exec(conn, "DROP TABLE IF EXISTS " + t);
  Exec(conn, "CREATE TABLE " + t + " (a int, b int, c int)");
  Exec(conn, "INSERT INTO " + t + " SELECT i, i % 3, NULL FROM generate_series(1, 1000) AS i");
  const std::string oid = Scalar(conn, "SELECT oid FROM pg_class WHERE relname = '" + t + "'");

  CHECK(raw.Run("ANALYZE " + t + " (b)") == "");
  CHECK(StatisticRows(conn, oid) == "1");
  CHECK(NullFracAndDistinct(conn, t, "b") == "0|3");
  CHECK(NullFracAndDistinct(conn, t, "a") == "none");
  CHECK(Scalar(conn, "SELECT reltuples FROM pg_class WHERE relname = '" + t + "'") == "1000");
  // A later list adds its columns and keeps the others' rows.
  CHECK(raw.Run("VACUUM ANALYZE " + t + " (c, a)") == "");
  CHECK(StatisticRows(conn, oid) == "3");
  CHECK(NullFracAndDistinct(conn, t, "c") == "1|0");
  CHECK(NullFracAndDistinct(conn, t, "a") == "0|-1");

  CHECK(raw.Run("ANALYZE " + t + " (x)") == "42703");
  CHECK(raw.error_message() == "column \"x\" of relation \"" + t + "\" does not exist");
  CHECK(raw.Run("ANALYZE " + t + " (a, a)") == "42701");
  CHECK(raw.error_message() == "column \"a\" of relation \"" + t + "\" appears more than once");
  CHECK(raw.Run("VACUUM " + t + " (a)") == "0A000");
  CHECK(raw.error_message() == "ANALYZE option must be specified when a column list is provided");
  Exec(conn, "DROP TABLE " + t);
}

}  // namespace lumadb::integration
