#include "planner/binder.h"

#include <doctest/doctest.h>

#include "binder_fixture.h"
#include "parser/parser.h"
#include "planner/function_registry.h"
#include "txn/transaction.h"

namespace {

using namespace lumadb;
using planner::PlanKind;
using planner::testing::Fixture;

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

TEST_CASE_FIXTURE(Fixture, "an array type by its pg_type name: _int4 is int4[], SQL spellings have none") {
  CHECK(Bind("SELECT NULL::_int4")->output.at(0).type.id == array_type::kInt4);
  CHECK(Bind("SELECT NULL::pg_catalog._text")->output.at(0).type.id == array_type::kText);
  CHECK(Error("SELECT NULL::_int4[]").message() == "type \"_int4[]\" does not exist");
  auto e = Error("SELECT NULL::_integer");
  CHECK(e.code().View() == "42704");
  CHECK(e.message() == "type \"_integer\" does not exist");
  CHECK(Error("SELECT NULL::_void").message() == "type \"_void\" does not exist");
}

TEST_CASE_FIXTURE(Fixture, "a whole-row reference to an outer join's NULL-extended side is NULL in its added rows") {
  auto row_of = [&](const std::string& sql) { return Bind(sql)->As<planner::ProjectPlan>().exprs.at(0); };
  // Inner side: a plain record. NULL-extended: CASE WHEN <NOT NULL column> IS NULL THEN NULL ELSE ROW END.
  CHECK(row_of("SELECT k FROM t JOIN k ON t.a = k.a")->kind == planner::BoundKind::kRow);
  CHECK(row_of("SELECT t FROM t LEFT JOIN k ON t.a = k.a")->kind == planner::BoundKind::kRow);
  const auto nullable = row_of("SELECT k FROM t LEFT JOIN k ON t.a = k.a");
  REQUIRE(nullable->kind == planner::BoundKind::kCase);
  const auto& test = *nullable->args.at(0);
  REQUIRE(test.kind == planner::BoundKind::kIsNull);
  CHECK(test.args.at(0)->kind == planner::BoundKind::kColumn);  // k.id, NOT NULL
  CHECK(test.args.at(0)->name == "k.id");
  CHECK(nullable->args.at(2)->kind == planner::BoundKind::kRow);
  // Without a NOT NULL column, a row of NULLs is taken for an added one.
  const auto no_key = row_of("SELECT u FROM t RIGHT JOIN u ON t.a = u.a");
  CHECK(no_key->kind == planner::BoundKind::kRow);
  const auto left_of_right = row_of("SELECT t FROM t RIGHT JOIN u ON t.a = u.a");
  REQUIRE(left_of_right->kind == planner::BoundKind::kCase);
  CHECK(left_of_right->args.at(0)->args.at(0)->kind == planner::BoundKind::kRow);
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

namespace {

/// The first join below a chain of projections (the select list, and the column order a reordered join
/// tree restores).
const planner::JoinPlan& JoinBelow(const planner::PlanPtr& p) {
  const planner::PlanNode* n = p.get();
  while (n->kind == PlanKind::kProject) n = n->As<planner::ProjectPlan>().child.get();
  return n->As<planner::JoinPlan>();
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "equi-join conditions become hash keys over each input") {
  // u is the larger table (narrower rows in the same default 10 pages): it is probed, t hashed.
  auto plan = Bind("SELECT 1 FROM t JOIN u ON t.a = u.a + 1 AND t.b < u.d");
  const auto& join = JoinBelow(plan);
  REQUIRE(join.left_keys.size() == 1);
  CHECK(join.left_keys[0]->kind == planner::BoundKind::kArith);
  CHECK(join.left_keys[0]->args[0]->column == 0);  // u.a
  CHECK(join.right_keys[0]->kind == planner::BoundKind::kColumn);
  CHECK(join.right_keys[0]->column == 0);  // t.a, re-based on the right input's row
  auto cross = Bind("SELECT 1 FROM t JOIN u ON t.a < u.a");
  CHECK(JoinBelow(cross).left_keys.empty());
}

TEST_CASE_FIXTURE(Fixture, "WHERE over a comma join becomes a hashed join condition") {
  auto plan = Bind("SELECT 1 FROM t, u WHERE u.a = t.a AND t.c > 1");
  const auto& join = JoinBelow(plan);
  REQUIRE(join.left_keys.size() == 1);
  CHECK(join.left_keys[0]->column == 0);
  CHECK(join.right_keys[0]->column == 0);
  // Only the equality stays in the join; t.c > 1 reads one table and goes down into t's scan
  // (PostgreSQL's distribute_qual_to_rels: "Seq Scan on t  Filter: (c > '1'::numeric)"), t being hashed.
  CHECK(join.condition->kind == planner::BoundKind::kCompare);
  REQUIRE(join.right->kind == PlanKind::kSeqScan);
  const auto& pushed = join.right->As<planner::SeqScanPlan>().qual;
  REQUIRE(pushed != nullptr);
  CHECK(pushed->kind == planner::BoundKind::kCompare);
  CHECK(pushed->args[0]->column == 2);  // t.c
  REQUIRE(join.left->kind == PlanKind::kSeqScan);
  CHECK(join.left->As<planner::SeqScanPlan>().qual == nullptr);
}

TEST_CASE_FIXTURE(Fixture, "WHERE terms over three relations go down to the join of the two they read") {
  // ((u x t) x v): t.a = u.a belongs to the lower join, which would otherwise be a cross product.
  auto plan = Bind("SELECT 1 FROM t, u, u AS v WHERE t.a = u.a AND u.a = v.a AND t.c > 1");
  const auto& top = JoinBelow(plan);
  REQUIRE(top.left_keys.size() == 1);
  CHECK(top.left_keys[0]->column == 0);  // u.a in (u ++ t)
  CHECK(top.right_keys[0]->column == 0);
  REQUIRE(top.left->kind == PlanKind::kJoin);
  const auto& lower = top.left->As<planner::JoinPlan>();
  REQUIRE(lower.left_keys.size() == 1);
  CHECK(lower.left_keys[0]->column == 0);   // u.a
  CHECK(lower.right_keys[0]->column == 0);  // t.a, re-based on t's row
  REQUIRE(lower.right->kind == PlanKind::kSeqScan);
  CHECK(lower.right->As<planner::SeqScanPlan>().qual != nullptr);  // t.c > 1 went on down to t
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
  const bool x_first = some[0]->table->name == "t";  // the join order is the planner's choice
  const auto* x = some[x_first ? 0 : 1];
  const auto* u = some[x_first ? 1 : 0];
  CHECK(x->row_lock == planner::RowLockMode::kExclusive);
  CHECK(x->wait == planner::RowLockWait::kNoWait);
  CHECK(u->row_lock == planner::RowLockMode::kShare);
  CHECK(u->wait == planner::RowLockWait::kBlock);
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

namespace {

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE_FIXTURE(Fixture, "equality and range predicates on an index prefix become index scans") {
  CHECK(Explain("SELECT * FROM k WHERE id = 1") == Lines{"Index Scan using k_pkey on k", "  Index Cond: (id = 1)"});
  // The longest matched prefix wins; terms outside it stay as a filter (the whole WHERE is rechecked).
  CHECK(Explain("SELECT * FROM k WHERE b = 'x' AND 5 = a AND n > 2") ==
        Lines{"Index Scan using k_a_b on k", "  Index Cond: ((a = 5) AND (b = 'x'::text))", "  Filter: (n > 2)"});
  auto plan = Bind("SELECT * FROM k WHERE a BETWEEN 1 AND 10");
  const auto& scan = plan->As<planner::ProjectPlan>().child->As<planner::IndexScanPlan>();
  CHECK(scan.index.name == "k_a_b");
  REQUIRE(scan.lower.has_value());
  REQUIRE(scan.upper.has_value());
  CHECK(scan.lower->values.at(0)->value.GetInt() == 1);
  CHECK(scan.upper->values.at(0)->value.GetInt() == 10);
  CHECK(scan.lower->inclusive);
  CHECK(scan.qual != nullptr);
  // A DESC key column swaps the ends: b > 'm' is an upper bound in index order.
  auto desc = Bind("SELECT * FROM k WHERE b > 'm'");
  const auto& d = desc->As<planner::ProjectPlan>().child->As<planner::IndexScanPlan>();
  CHECK(d.index.name == "k_b_desc");
  CHECK_FALSE(d.lower.has_value());
  REQUIRE(d.upper.has_value());
  CHECK_FALSE(d.upper->inclusive);
  // Equality on the prefix with a range on the next column.
  auto pr = Bind("SELECT * FROM k WHERE a = 1 AND b < 'q'");
  const auto& p = pr->As<planner::ProjectPlan>().child->As<planner::IndexScanPlan>();
  CHECK(p.index.name == "k_a_b");
  CHECK(p.lower->values.size() == 1);
  CHECK(p.upper->values.size() == 2);
  // IS NULL is an equality on the NULL key; IS NOT NULL is not an index condition.
  CHECK(Explain("SELECT * FROM k WHERE a IS NULL AND b = 'x'") ==
        Lines{"Index Scan using k_a_b on k", "  Index Cond: ((a IS NULL) AND (b = 'x'::text))"});
  CHECK(Explain("SELECT * FROM k WHERE a IS NOT NULL")[0] == "Seq Scan on k");
  CHECK(Bind("SELECT * FROM k WHERE id IS NULL")
            ->As<planner::ProjectPlan>()
            .child->As<planner::IndexScanPlan>()
            .lower->values.at(0) == nullptr);
}

TEST_CASE_FIXTURE(Fixture, "no index for other types, volatile values or non-prefix columns") {
  CHECK(Explain("SELECT * FROM k WHERE id = 1.5") == Lines{"Seq Scan on k", "  Filter: ((id)::numeric = 1.5)"});
  CHECK(Explain("SELECT id FROM k WHERE id = nextval('s')")[0] == "Seq Scan on k");
  CHECK(Explain("SELECT id FROM k WHERE n = 1")[0] == "Seq Scan on k");
  CHECK(Explain("SELECT id FROM k WHERE id = a")[0] == "Seq Scan on k");
  // An int8 constant on an int4 key is fine: the integer types encode alike.
  CHECK(Explain("SELECT id FROM k WHERE id = 3000000000")[0] == "Index Scan using k_pkey on k");
}

TEST_CASE_FIXTURE(Fixture, "ORDER BY ... LIMIT is served by an index in the same or the reverse order") {
  CHECK(Explain("SELECT * FROM k ORDER BY id LIMIT 5") == Lines{"Limit", "  ->  Index Scan using k_pkey on k"});
  CHECK(Explain("SELECT * FROM k ORDER BY b DESC LIMIT 5") == Lines{"Limit", "  ->  Index Scan using k_b_desc on k"});
  // The exact reverse, NULLs included: a backward scan.
  CHECK(Explain("SELECT * FROM k ORDER BY id DESC LIMIT 5") ==
        Lines{"Limit", "  ->  Index Scan Backward using k_pkey on k"});
  CHECK(Explain("SELECT * FROM k ORDER BY b LIMIT 5") ==
        Lines{"Limit", "  ->  Index Scan Backward using k_b_desc on k"});
  // Reversed direction with NULLs at the same end, or no LIMIT: sort.
  CHECK(Explain("SELECT * FROM k ORDER BY id DESC NULLS LAST LIMIT 5") ==
        Lines{"Limit", "  ->  Sort", "        Sort Key: id DESC NULLS LAST", "        ->  Seq Scan on k"});
  CHECK(Explain("SELECT * FROM k ORDER BY id")[0] == "Sort");
  // An index scan chosen for WHERE already delivers its order.
  CHECK(Explain("SELECT * FROM k WHERE a = 1 ORDER BY b") ==
        Lines{"Index Scan using k_a_b on k", "  Index Cond: (a = 1)"});
  CHECK(Explain("SELECT * FROM k WHERE a = 1 ORDER BY b DESC") ==
        Lines{"Index Scan Backward using k_a_b on k", "  Index Cond: (a = 1)"});
}

TEST_CASE_FIXTURE(Fixture, "joins of tables never analyzed are chosen by their default sizes") {
  // The index nested loop is weighed against hashing by cost (join_order_test.cpp has one that wins).
  CHECK(Explain("SELECT * FROM t LEFT JOIN k ON t.a = k.id") == Lines{"Hash Left Join", "  Hash Cond: (t.a = k.id)",
                                                                      "  ->  Seq Scan on t", "  ->  Hash",
                                                                      "        ->  Seq Scan on k"});
  CHECK(Explain("SELECT * FROM t JOIN u ON t.a = u.a") == Lines{"Hash Join", "  Hash Cond: (u.a = t.a)",
                                                                "  ->  Seq Scan on u", "  ->  Hash",
                                                                "        ->  Seq Scan on t"});
}

TEST_CASE_FIXTURE(Fixture, "UPDATE and DELETE find their rows through an index") {
  auto plan = BindAny("UPDATE k SET a = 2 WHERE id = 7");
  const auto& update = plan->As<planner::UpdatePlan>();
  const auto& scan = update.child->As<planner::IndexScanPlan>();
  CHECK(scan.emit_rid);
  CHECK(scan.row_lock == planner::RowLockMode::kExclusive);
  CHECK(scan.output.back().name == "ctid");
  REQUIRE(update.checks.size() == 1);
  CHECK(update.checks[0].name == "k_a_check");
  CHECK(update.checks[0].expr->kind == planner::BoundKind::kCompare);
  CHECK(Explain("DELETE FROM k WHERE id > 3") ==
        Lines{"Delete on k", "  ->  Index Scan using k_pkey on k", "        Index Cond: (id > 3)"});
}

TEST_CASE_FIXTURE(Fixture, "RETURNING lists bind over the modified row") {
  auto plan = BindAny("INSERT INTO k (a) VALUES (1) RETURNING *, id + 1, a AS aa");
  const auto& insert = plan->As<planner::InsertPlan>();
  std::vector<std::string> names;
  for (const auto& c : insert.output) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"id", "a", "b", "n", "g", "?column?", "aa"});
  CHECK(insert.returning.size() == 7);
  CHECK(insert.output[0].table_oid == 16386);
  auto del = BindAny("DELETE FROM k x WHERE x.a = 1 RETURNING x.b");
  CHECK(del->As<planner::DeletePlan>().returning.at(0)->column == 2);
  CHECK(del->output.at(0).type.id == TypeId::kText);
  CHECK(BindAny("DELETE FROM k")->output.empty());
  auto e = AnyError("DELETE FROM k RETURNING count(*)");
  CHECK(e.code().View() == "42803");
  CHECK(e.message() == "aggregate functions are not allowed in RETURNING");
}

TEST_CASE_FIXTURE(Fixture, "identity columns and serial defaults become per-row nextval calls") {
  auto plan = BindAny("INSERT INTO k (a) VALUES (1), (2)");
  const auto& values = plan->As<planner::InsertPlan>().child->As<planner::ValuesPlan>();
  REQUIRE(values.rows.size() == 2);
  for (const auto& row : values.rows) {
    // id: nextval of the identity sequence's OID cast to int4; n: the serial default, its regclass literal
    // resolved when bound.
    const auto& id = *row[0];
    REQUIRE(id.kind == planner::BoundKind::kCast);
    REQUIRE(id.args[0]->kind == planner::BoundKind::kFunc);
    CHECK(id.args[0]->name == "nextval");
    CHECK(id.args[0]->func->is_volatile);
    CHECK(id.args[0]->args[0]->value.type() == TypeId::kRegclass);
    CHECK(id.args[0]->args[0]->value.GetInt() == 16390);
    CHECK(row[3]->args[0]->args[0]->value.GetInt() == 16393);
    CHECK(row[4]->args[0]->args[0]->value.GetInt() == 16391);
  }
  auto e = AnyError("INSERT INTO k (id, a) VALUES (5, 1)");
  CHECK(e.code().View() == "428C9");
  CHECK(e.message() == "cannot insert a non-DEFAULT value into column \"id\"");
  CHECK(e.detail().value_or("") == "Column \"id\" is an identity column defined as GENERATED ALWAYS.");
  CHECK(e.hint().value_or("") == "Use OVERRIDING SYSTEM VALUE to override.");
  CHECK(AnyError("INSERT INTO k (id) SELECT 5").code().View() == "428C9");
  // DEFAULT, OVERRIDING SYSTEM VALUE and BY DEFAULT identities accept the value; OVERRIDING USER VALUE
  // drops it.
  BindAny("INSERT INTO k (id, a) VALUES (DEFAULT, 1)");
  auto sys = BindAny("INSERT INTO k (id, g) OVERRIDING SYSTEM VALUE VALUES (5, 6)");
  CHECK(sys->As<planner::InsertPlan>().child->As<planner::ValuesPlan>().rows[0][0]->kind == planner::BoundKind::kConst);
  auto user = BindAny("INSERT INTO k (id, g) OVERRIDING USER VALUE VALUES (5, 6)");
  const auto& urow = user->As<planner::InsertPlan>().child->As<planner::ValuesPlan>().rows[0];
  CHECK(urow[0]->kind == planner::BoundKind::kCast);
  CHECK(urow[4]->kind == planner::BoundKind::kCast);
  e = AnyError("UPDATE k SET id = 5");
  CHECK(e.code().View() == "428C9");
  CHECK(e.message() == "column \"id\" can only be updated to DEFAULT");
  CHECK(e.detail().value_or("") == "Column \"id\" is an identity column defined as GENERATED ALWAYS.");
  auto upd = BindAny("UPDATE k SET id = DEFAULT");
  CHECK(upd->As<planner::UpdatePlan>().values[0]->args[0]->name == "nextval");
}

TEST_CASE_FIXTURE(Fixture, "sequence functions resolve and are volatile") {
  CHECK(TypeOf("nextval('s')") == TypeId::kInt8);
  CHECK(TypeOf("currval('s'::regclass)") == TypeId::kInt8);
  CHECK(TypeOf("setval('s', 5)") == TypeId::kInt8);
  CHECK(TypeOf("setval('s', 5, false)") == TypeId::kInt8);
  CHECK(TypeOf("lastval()") == TypeId::kInt8);
  CHECK(AnyError("SELECT nextval('nosuch')").code().View() == "42P01");
  auto r = planner::ResolveFunction("nextval", {TypeId::kRegclass});
  REQUIRE(r.has_value());
  planner::FunctionEnv env;
  CHECK_THROWS_AS(r->func->impl({Value::Oid(16392).WithType(TypeId::kRegclass)}, env), DbError);
}

TEST_CASE_FIXTURE(Fixture, "generate_series in FROM") {
  auto plan = Bind("SELECT * FROM generate_series(1, 10) AS g");
  const auto& fs = plan->As<planner::ProjectPlan>().child->As<planner::FunctionScanPlan>();
  CHECK(fs.function == "generate_series");
  CHECK(fs.output.at(0).name == "g");
  CHECK(fs.output[0].type.id == TypeId::kInt4);
  CHECK(plan->output.at(0).name == "g");
  CHECK(Bind("SELECT x FROM generate_series(1, 10, 2) g(x)")->output.at(0).name == "x");
  CHECK(Bind("SELECT * FROM generate_series(1, 3::int8)")->output.at(0).name == "generate_series");
  CHECK(Bind("SELECT * FROM generate_series(1, 3::int8)")->output.at(0).type.id == TypeId::kInt8);
  CHECK(Bind("SELECT * FROM generate_series(1.5, 3)")->output.at(0).type.id == TypeId::kNumeric);
  CHECK(Explain("SELECT * FROM generate_series(1, 10) g") == Lines{"Function Scan on generate_series g"});
  CHECK(Error("SELECT * FROM generate_series(1.5::float8, 3)").code().View() == "42883");
  CHECK(Error("SELECT * FROM generate_series('1', '3')").code().View() == "42725");
  CHECK(Error("SELECT * FROM foo(1)").message() == "function foo(integer) does not exist");
  CHECK(Error("SELECT * FROM upper('x')").code().View() == "0A000");
  CHECK(Error("SELECT * FROM generate_series(1, 2) g(x, y)").message() ==
        "table \"g\" has 1 columns available but 2 columns specified");
}

TEST_CASE_FIXTURE(Fixture, "EXPLAIN text follows PostgreSQL's layout") {
  CHECK(Explain("SELECT b, count(*) FROM t WHERE a > 1 AND c < 3 GROUP BY b ORDER BY b") ==
        Lines{"Sort", "  Sort Key: b", "  ->  HashAggregate", "        Group Key: b", "        ->  Seq Scan on t",
              "              Filter: ((a > 1) AND (c < '3'::numeric))"});
  CHECK(Explain("SELECT 1") == Lines{"Result"});
  CHECK(Explain("INSERT INTO t VALUES (1, 'x', 1)") == Lines{"Insert on t", "  ->  Result"});
  CHECK(Explain("SELECT * FROM t WHERE b LIKE 'x%' OR a IS NULL") ==
        Lines{"Seq Scan on t", "  Filter: ((b ~~ 'x%'::text) OR (a IS NULL))"});
  auto plan = Bind("SELECT * FROM t WHERE a = -1");
  auto lines = planner::ExplainText(*plan, {true, false, true}, [](const planner::PlanNode&) {
    static const planner::NodeActuals actuals{0, 0, 3, 1, 0, {}};
    return &actuals;
  });
  CHECK(lines[0].find("Seq Scan on t  (cost=") == 0);
  CHECK(lines[0].find(" (actual time=0.000..0.000 rows=3 loops=1)") != std::string::npos);
  CHECK(lines[1] == "  Filter: (a = '-1'::integer)");
}

TEST_CASE_FIXTURE(Fixture, "with ANALYZE statistics the cheaper of a seq scan and an index scan wins") {
  // k: 10,000 rows in 100 pages; id unique and in physical order, a two values half and half (k_a_b leads
  // with a).
  catalog::AnalyzeResult result;
  result.reltuples = 10000;
  result.relpages = 100;
  catalog::ColumnStatistics id;
  id.attnum = 1;
  id.avg_width = 4;
  id.n_distinct = -1;
  id.histogram = {Value::Int4(1), Value::Int4(5000), Value::Int4(10000)};
  id.correlation = 1;
  catalog::ColumnStatistics a;
  a.attnum = 2;
  a.avg_width = 4;
  a.n_distinct = 2;
  a.mcv_values = {Value::Int4(0), Value::Int4(1)};
  a.mcv_freqs = {0.5f, 0.5f};
  a.correlation = 0;
  result.columns = {id, a};
  catalog.StoreStatistics(txn, *catalog.LookupTable(txn, "", "k", {}), result);

  CHECK(Explain("SELECT * FROM k WHERE a = 1") == Lines{"Seq Scan on k", "  Filter: (a = 1)"});
  CHECK(Explain("SELECT * FROM k WHERE id = 5") == Lines{"Index Scan using k_pkey on k", "  Index Cond: (id = 5)"});
  CHECK(Explain("SELECT * FROM k WHERE id < 50")[0] == "Index Scan using k_pkey on k");
  CHECK(Explain("SELECT * FROM k WHERE id < 9000")[0] == "Seq Scan on k");
  CHECK(Explain("DELETE FROM k WHERE id > 3") ==
        Lines{"Delete on k", "  ->  Seq Scan on k", "        Filter: (id > 3)"});

  // EXPLAIN's figures: 100 pages + 10,000 rows x (cpu_tuple_cost + one operator); width 4+4+32+4+4.
  auto costs = [&](const std::string& sql) { return planner::ExplainText(*BindAny(sql), {true, false, false}); };
  CHECK(costs("SELECT * FROM k WHERE a = 1")[0] == "Seq Scan on k  (cost=0.00..225.00 rows=5000 width=48)");
  CHECK(costs("SELECT * FROM k")[0] == "Seq Scan on k  (cost=0.00..200.00 rows=10000 width=48)");
  CHECK(costs("SELECT id FROM k WHERE id = 5")[0].find("Index Scan using k_pkey on k  (cost=0.29..") == 0);
  CHECK(costs("SELECT id FROM k WHERE id = 5")[0].find("rows=1 width=4)") != std::string::npos);
  CHECK(costs("SELECT count(*) FROM k")[0] == "Aggregate  (cost=225.00..225.01 rows=1 width=8)");
}
