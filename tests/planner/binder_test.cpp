#include "planner/binder.h"

#include <doctest/doctest.h>

#include "parser/parser.h"
#include "txn/transaction.h"

namespace {

using namespace lumadb;
using planner::PlanKind;

// A catalog with two fixed tables, t(a int4, b text, c numeric) and u(a int4, d varchar(5)); the binder
// only looks tables up.
class FakeCatalog : public catalog::Catalog {
 public:
  FakeCatalog() {
    t_ = Table(16384, "t", {{"a", {TypeId::kInt4, -1}}, {"b", {TypeId::kText, -1}}, {"c", {TypeId::kNumeric, -1}}});
    u_ = Table(16385, "u", {{"a", {TypeId::kInt4, -1}}, {"d", {TypeId::kVarchar, 9}}});
  }
  Oid database_oid() const override { return 5; }
  std::shared_ptr<const catalog::TableInfo> LookupTable(txn::Transaction&, std::string_view, std::string_view name,
                                                        const std::vector<std::string>&) override {
    if (name == "t") return t_;
    if (name == "u") return u_;
    return nullptr;
  }
  std::optional<Oid> LookupNamespace(txn::Transaction&, std::string_view) override { return std::nullopt; }
  std::shared_ptr<const catalog::TableInfo> CreateTable(txn::Transaction&, const catalog::TableDef&,
                                                        const std::vector<std::string>&) override {
    return nullptr;
  }
  void DropTable(txn::Transaction&, const catalog::TableInfo&) override {}
  void TruncateTable(txn::Transaction&, const catalog::TableInfo&) override {}
  void CreateSchema(txn::Transaction&, std::string_view) override {}
  void DropSchema(txn::Transaction&, Oid, bool) override {}
  storage::HeapFile& Heap(const catalog::TableInfo&) override { throw std::logic_error("no heap in binder tests"); }

 private:
  static std::shared_ptr<catalog::TableInfo> Table(Oid oid, std::string name,
                                                   std::vector<std::pair<std::string, TypeDesc>> cols) {
    auto t = std::make_shared<catalog::TableInfo>();
    t->oid = oid;
    t->schema = "public";
    t->name = std::move(name);
    int16_t attnum = 1;
    for (auto& [n, type] : cols) t->columns.push_back({n, type, attnum++, false, std::nullopt});
    return t;
  }
  std::shared_ptr<catalog::TableInfo> t_, u_;
};

struct Fixture {
  FakeCatalog catalog;
  txn::Transaction txn{1, txn::IsolationLevel::kReadCommitted, false};

  planner::PlanPtr Bind(const std::string& sql) {
    auto stmts = parser::Parse(sql);
    planner::Binder binder(catalog, txn, {"public"}, sql);
    return binder.BindSelect(stmts.at(0)->As<ast::SelectStmt>());
  }
  DbError Error(const std::string& sql) {
    try {
      Bind(sql);
    } catch (const DbError& e) {
      return e;
    }
    FAIL("expected an error from: " << sql);
    return DbError(sqlstate::kInternalError, "unreachable");
  }
  TypeId TypeOf(const std::string& expr) { return Bind("SELECT " + expr)->output.at(0).type.id; }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "literal and operator types follow PostgreSQL") {
  CHECK(TypeOf("1") == TypeId::kInt4);
  CHECK(TypeOf("2147483648") == TypeId::kInt8);
  CHECK(TypeOf("99999999999999999999") == TypeId::kNumeric);
  CHECK(TypeOf("1.5") == TypeId::kNumeric);
  CHECK(TypeOf("'x'") == TypeId::kText);
  CHECK(TypeOf("1 + 1.5") == TypeId::kNumeric);
  CHECK(TypeOf("1 + 2::int8") == TypeId::kInt8);
  CHECK(TypeOf("1::int2 + 1::int2") == TypeId::kInt2);
  CHECK(TypeOf("1 + 1.5::float4") == TypeId::kFloat8);
  CHECK(TypeOf("1.5::float4 * 2::float4") == TypeId::kFloat4);
  CHECK(TypeOf("1.5::float4 + 2.5") == TypeId::kFloat8);
  CHECK(TypeOf("'a' || 1") == TypeId::kText);
  CHECK(TypeOf("2 ^ 3") == TypeId::kFloat8);
  CHECK(TypeOf("date '2020-01-01' + 1") == TypeId::kDate);
  CHECK(TypeOf("date '2020-01-02' - date '2020-01-01'") == TypeId::kInt4);
  CHECK(TypeOf("coalesce(NULL, 1, 2.5)") == TypeId::kNumeric);
  CHECK(TypeOf("CASE WHEN true THEN 1 ELSE 2.5::float8 END") == TypeId::kFloat8);
  CHECK(TypeOf("round(5)") == TypeId::kFloat8);
  CHECK(TypeOf("round(5.5, 1)") == TypeId::kNumeric);
  CHECK(TypeOf("length('abc')") == TypeId::kInt4);
  CHECK(TypeOf("now()") == TypeId::kTimestampTz);
}

TEST_CASE_FIXTURE(Fixture, "aggregate result types") {
  auto plan = Bind("SELECT count(*), sum(a), avg(a), sum(c), max(b), sum(a::int8), avg(1.5::float4) FROM t");
  const auto& out = plan->output;
  CHECK(out[0].type.id == TypeId::kInt8);
  CHECK(out[1].type.id == TypeId::kInt8);
  CHECK(out[2].type.id == TypeId::kNumeric);
  CHECK(out[3].type.id == TypeId::kNumeric);
  CHECK(out[4].type.id == TypeId::kText);
  CHECK(out[5].type.id == TypeId::kNumeric);
  CHECK(out[6].type.id == TypeId::kFloat8);
}

TEST_CASE_FIXTURE(Fixture, "output column names follow FigureColname") {
  auto plan = Bind("SELECT a, t.b, upper(b), a::text, 1::int4, CASE WHEN true THEN 1 END, a + 1, a AS n FROM t");
  std::vector<std::string> names;
  for (const auto& c : plan->output) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"a", "b", "upper", "a", "int4", "case", "?column?", "n"});
  CHECK(plan->output[0].table_oid == 16384);
  CHECK(plan->output[1].attnum == 2);
  CHECK(plan->output[2].table_oid == 0);
}

TEST_CASE_FIXTURE(Fixture, "unknown literals are coerced by context") {
  auto plan = Bind("SELECT a FROM t WHERE a = '5'");
  const auto& scan = plan->As<planner::ProjectPlan>().child->As<planner::SeqScanPlan>();
  const auto& cmp = *scan.qual;
  REQUIRE(cmp.kind == planner::BoundKind::kCompare);
  CHECK(cmp.args[1]->kind == planner::BoundKind::kConst);
  CHECK(cmp.args[1]->type.id == TypeId::kInt4);
  CHECK(cmp.args[1]->value.GetInt() == 5);
  auto e = Error("SELECT a FROM t WHERE a = 'x'");
  CHECK(e.code().View() == "22P02");
  CHECK(e.position() == 27);
}

TEST_CASE_FIXTURE(Fixture, "name resolution errors carry SQLSTATE and position") {
  auto e = Error("SELECT nope FROM t");
  CHECK(e.code().View() == "42703");
  CHECK(e.message() == "column \"nope\" does not exist");
  CHECK(e.position() == 8);
  CHECK_FALSE(e.hint().has_value());
  e = Error("SELECT bb FROM t");
  CHECK(e.hint().value_or("") == "Perhaps you meant to reference the column \"t.b\".");
  e = Error("SELECT t.nope FROM t");
  CHECK(e.message() == "column t.nope does not exist");
  e = Error("SELECT x.a FROM t");
  CHECK(e.code().View() == "42P01");
  CHECK(e.message() == "missing FROM-clause entry for table \"x\"");
  e = Error("SELECT a FROM t, u");
  CHECK(e.code().View() == "42702");
  CHECK(e.message() == "column reference \"a\" is ambiguous");
  CHECK(e.position() == 8);
  e = Error("SELECT * FROM  missing");
  CHECK(e.code().View() == "42P01");
  CHECK(e.message() == "relation \"missing\" does not exist");
  CHECK(e.position() == 16);
  // Positions count characters, not bytes.
  e = Error("SELECT 'é', nope FROM t");
  CHECK(e.position() == 13);
}

TEST_CASE_FIXTURE(Fixture, "type errors carry SQLSTATE, message, hint and position") {
  auto e = Error("SELECT 1 + 'a'::text");
  CHECK(e.code().View() == "42883");
  CHECK(e.message() == "operator does not exist: integer + text");
  CHECK(e.hint().value_or("") ==
        "No operator matches the given name and argument types. You might need to add explicit type casts.");
  CHECK(e.position() == 10);
  e = Error("SELECT foo(1)");
  CHECK(e.code().View() == "42883");
  CHECK(e.message() == "function foo(integer) does not exist");
  CHECK(e.position() == 8);
  e = Error("SELECT CASE WHEN true THEN 1 ELSE 'a'::text END");
  CHECK(e.code().View() == "42804");
  CHECK(e.message() == "CASE types text and integer cannot be matched");
  CHECK(e.position() == 28);
  e = Error("SELECT * FROM t WHERE a");
  CHECK(e.code().View() == "42804");
  CHECK(e.message() == "argument of WHERE must be type boolean, not type integer");
  CHECK(e.position() == 23);
  e = Error("SELECT a FROM t WHERE count(*) > 1");
  CHECK(e.code().View() == "42803");
  CHECK(e.message() == "aggregate functions are not allowed in WHERE");
}

TEST_CASE_FIXTURE(Fixture, "plan shapes") {
  auto plan = Bind("SELECT DISTINCT b FROM t ORDER BY b LIMIT 3");
  CHECK(plan->kind == PlanKind::kLimit);
  const auto& sort = plan->As<planner::LimitPlan>().child->As<planner::SortPlan>();
  CHECK(sort.child->kind == PlanKind::kDistinct);
  auto e = Error("SELECT DISTINCT b FROM t ORDER BY a");
  CHECK(e.code().View() == "42P10");
  plan = Bind("SELECT b, count(*) FROM t GROUP BY 1 HAVING count(*) > 1 ORDER BY 2 DESC");
  const auto& project = plan->As<planner::ProjectPlan>();
  CHECK(project.child->kind == PlanKind::kSort);
  const auto& agg = project.child->As<planner::SortPlan>().child->As<planner::FilterPlan>().child;
  CHECK(agg->As<planner::AggregatePlan>().aggregates.size() == 1);  // count(*) shared by all uses
  e = Error("SELECT 1 UNION SELECT 'a'::text");
  CHECK(e.code().View() == "42804");
  CHECK(e.message() == "UNION types integer and text cannot be matched");
}

TEST_CASE_FIXTURE(Fixture, "equi-join conditions become hash keys over each input") {
  auto plan = Bind("SELECT 1 FROM t JOIN u ON t.a = u.a + 1 AND t.b < u.d");
  const auto& join = plan->As<planner::ProjectPlan>().child->As<planner::JoinPlan>();
  REQUIRE(join.left_keys.size() == 1);
  CHECK(join.left_keys[0]->kind == planner::BoundKind::kColumn);
  CHECK(join.left_keys[0]->column == 0);
  CHECK(join.right_keys[0]->kind == planner::BoundKind::kArith);
  CHECK(join.right_keys[0]->args[0]->column == 0);  // u.a, re-based on the right input's row
  auto cross = Bind("SELECT 1 FROM t JOIN u ON t.a < u.a");
  CHECK(cross->As<planner::ProjectPlan>().child->As<planner::JoinPlan>().left_keys.empty());
}

TEST_CASE_FIXTURE(Fixture, "WHERE over a comma join becomes a hashed join condition") {
  auto plan = Bind("SELECT 1 FROM t, u WHERE u.a = t.a AND t.c > 1");
  const auto& join = plan->As<planner::ProjectPlan>().child->As<planner::JoinPlan>();
  REQUIRE(join.left_keys.size() == 1);
  CHECK(join.left_keys[0]->column == 0);
  CHECK(join.right_keys[0]->column == 0);
  CHECK(join.condition->kind == planner::BoundKind::kAnd);
}

namespace {

/// The scans of a plan tree, left to right.
void Scans(const planner::PlanPtr& p, std::vector<const planner::SeqScanPlan*>* out) {
  if (!p) return;
  switch (p->kind) {
    case PlanKind::kSeqScan:
      out->push_back(&p->As<planner::SeqScanPlan>());
      return;
    case PlanKind::kJoin:
      Scans(p->As<planner::JoinPlan>().left, out);
      Scans(p->As<planner::JoinPlan>().right, out);
      return;
    case PlanKind::kProject:
      return Scans(p->As<planner::ProjectPlan>().child, out);
    case PlanKind::kFilter:
      return Scans(p->As<planner::FilterPlan>().child, out);
    case PlanKind::kSort:
      return Scans(p->As<planner::SortPlan>().child, out);
    case PlanKind::kLimit:
      return Scans(p->As<planner::LimitPlan>().child, out);
    default:
      return;
  }
}

/// A bound plan with its sequential scans in plan order; owning the plan keeps the scan pointers valid.
struct BoundScans {
  planner::PlanPtr plan;
  std::vector<const planner::SeqScanPlan*> scans;
  size_t size() const { return scans.size(); }
  const planner::SeqScanPlan* operator[](size_t i) const { return scans.at(i); }
};

BoundScans ScansOf(planner::PlanPtr p) {
  BoundScans out{std::move(p), {}};
  Scans(out.plan, &out.scans);
  return out;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "a single-table WHERE is checked by the scan, after it locks the row") {
  auto scans = ScansOf(Bind("SELECT a FROM t WHERE a > 1"));
  REQUIRE(scans.size() == 1);
  CHECK(scans[0]->qual != nullptr);
  CHECK(scans[0]->row_lock == planner::RowLockMode::kRead);
  auto join = ScansOf(Bind("SELECT 1 FROM t, u WHERE t.a = u.a"));
  REQUIRE(join.size() == 2);
  CHECK(join[0]->qual == nullptr);
}

TEST_CASE_FIXTURE(Fixture, "locking clauses set the row lock and wait policy of the named scans") {
  auto all = ScansOf(Bind("SELECT * FROM t JOIN u ON t.a = u.a FOR SHARE"));
  REQUIRE(all.size() == 2);
  CHECK(all[0]->row_lock == planner::RowLockMode::kShare);
  CHECK(all[1]->row_lock == planner::RowLockMode::kShare);
  auto some = ScansOf(Bind("SELECT * FROM t x, u FOR KEY SHARE OF u FOR NO KEY UPDATE OF x NOWAIT LIMIT 1"));
  REQUIRE(some.size() == 2);
  CHECK(some[0]->row_lock == planner::RowLockMode::kExclusive);
  CHECK(some[0]->wait == planner::RowLockWait::kNoWait);
  CHECK(some[1]->row_lock == planner::RowLockMode::kShare);
  CHECK(some[1]->wait == planner::RowLockWait::kBlock);
  auto strongest = ScansOf(Bind("SELECT * FROM t FOR SHARE SKIP LOCKED FOR UPDATE"));
  CHECK(strongest[0]->row_lock == planner::RowLockMode::kExclusive);
  CHECK(strongest[0]->wait == planner::RowLockWait::kSkipLocked);
  auto outer = ScansOf(Bind("SELECT * FROM t LEFT JOIN u ON true FOR UPDATE OF t"));
  CHECK(outer[0]->row_lock == planner::RowLockMode::kExclusive);
  CHECK(outer[1]->row_lock == planner::RowLockMode::kRead);
}

TEST_CASE_FIXTURE(Fixture, "locking clause errors follow PostgreSQL 15") {
  auto check = [&](const std::string& sql, const char* code, const std::string& message) {
    auto e = Error(sql);
    CHECK(e.code().View() == code);
    CHECK(e.message() == message);
  };
  check("SELECT count(*) FROM t FOR UPDATE", "0A000", "FOR UPDATE is not allowed with aggregate functions");
  check("SELECT a FROM t GROUP BY a FOR SHARE", "0A000", "FOR SHARE is not allowed with GROUP BY clause");
  check("SELECT 1 FROM t HAVING true FOR KEY SHARE", "0A000", "FOR KEY SHARE is not allowed with HAVING clause");
  check("SELECT DISTINCT a FROM t FOR NO KEY UPDATE", "0A000", "FOR NO KEY UPDATE is not allowed with DISTINCT clause");
  check("SELECT a FROM t EXCEPT SELECT a FROM u FOR UPDATE", "0A000",
        "FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT");
  check("VALUES (1) FOR SHARE", "0A000", "FOR SHARE cannot be applied to VALUES");
  check("SELECT * FROM t FULL JOIN u ON true FOR UPDATE OF u", "0A000",
        "FOR UPDATE cannot be applied to the nullable side of an outer join");
  check("SELECT * FROM t FOR UPDATE OF u", "42P01", "relation \"u\" in FOR UPDATE clause not found in FROM clause");
  check("SELECT * FROM t FOR SHARE OF public.t", "42601", "FOR SHARE must specify unqualified relation names");
  CHECK(Error("SELECT * FROM t FOR UPDATE OF u").position() == 31);
}
