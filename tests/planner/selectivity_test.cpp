// The selectivity estimators on given statistics (expected values worked out by PostgreSQL 15's selfuncs.c
// formulas), and their defaults without statistics.
#include "planner/selectivity.h"

#include <doctest/doctest.h>

namespace {

using namespace lumadb;
using planner::BoundExpr;
using planner::BoundExprPtr;
using planner::BoundKind;
using planner::ColumnEstimate;
using planner::CompareOp;
using planner::RelationContext;

constexpr TypeDesc kInt4{TypeId::kInt4, -1};

/// a: 10% NULL, 5 distinct values, MCVs 1 (50%) and 2 (30%), no histogram.
catalog::ColumnStatistics McvColumn() {
  catalog::ColumnStatistics s;
  s.attnum = 1;
  s.null_frac = 0.1f;
  s.avg_width = 4;
  s.n_distinct = 5;
  s.mcv_values = {Value::Int4(1), Value::Int4(2)};
  s.mcv_freqs = {0.5f, 0.3f};
  return s;
}

/// b: unique, no NULLs, histogram bounds 0, 10, ..., 100.
catalog::ColumnStatistics HistogramColumn() {
  catalog::ColumnStatistics s;
  s.attnum = 2;
  s.avg_width = 4;
  s.n_distinct = -1;
  for (int v = 0; v <= 100; v += 10) s.histogram.push_back(Value::Int4(v));
  return s;
}

ColumnEstimate Estimate(const catalog::ColumnStatistics* stats, double tuples = 1000) {
  ColumnEstimate c;
  c.stats = stats;
  c.rel_tuples = tuples;
  c.type = TypeId::kInt4;
  return c;
}

BoundExprPtr Column(int i) {
  return planner::MakeColumn(i, kInt4, i == 0 ? "a" : "b");
}
BoundExprPtr Int(int v) {
  return planner::MakeConst(Value::Int4(v), kInt4);
}
BoundExprPtr Node(BoundKind kind, std::vector<BoundExprPtr> args, int op = 0, bool negated = false) {
  auto e = std::make_shared<BoundExpr>();
  e->kind = kind;
  e->type = TypeDesc{TypeId::kBool, -1};
  e->args = std::move(args);
  e->op = op;
  e->negated = negated;
  return e;
}
BoundExprPtr Compare(BoundExprPtr l, CompareOp op, BoundExprPtr r) {
  return Node(BoundKind::kCompare, {std::move(l), std::move(r)}, static_cast<int>(op));
}

/// A table t(a int4, b int4) of 1000 rows with the two columns' statistics.
std::shared_ptr<catalog::TableInfo> AnalyzedTable() {
  auto t = std::make_shared<catalog::TableInfo>();
  for (int16_t attnum : {1, 2}) {
    catalog::ColumnInfo c;
    c.name = std::string(1, static_cast<char>('a' + attnum - 1));
    c.type = kInt4;
    c.attnum = attnum;
    t->columns.push_back(std::move(c));
  }
  t->reltuples = 1000;
  t->relpages = 5;
  t->statistics =
      std::make_shared<const catalog::TableStatistics>(catalog::TableStatistics{{McvColumn(), HistogramColumn()}});
  return t;
}

}  // namespace

TEST_CASE("equality: an MCV's frequency, else the rest spread over the other distinct values") {
  auto stats = McvColumn();
  CHECK(planner::EqualitySelectivity(Estimate(&stats), Value::Int4(1), false) == doctest::Approx(0.5));
  CHECK(planner::EqualitySelectivity(Estimate(&stats), Value::Int4(2), false) == doctest::Approx(0.3));
  // (1 - 0.8 - 0.1) / (5 - 2)
  CHECK(planner::EqualitySelectivity(Estimate(&stats), Value::Int4(7), false) == doctest::Approx(0.1 / 3));
  // <>: 1 - sel - nullfrac
  CHECK(planner::EqualitySelectivity(Estimate(&stats), Value::Int4(1), true) == doctest::Approx(0.4));
  CHECK(planner::EqualitySelectivity(Estimate(&stats), Value::Null(TypeId::kInt4), false) == 0.0);
  // A value unknown at plan time: the non-NULL fraction over the distinct count, at most the top MCV.
  CHECK(planner::EqualityUnknownSelectivity(Estimate(&stats), false) == doctest::Approx(0.9 / 5));
  // A unique index makes it one row, whatever the statistics say.
  ColumnEstimate unique = Estimate(&stats);
  unique.unique = true;
  CHECK(planner::EqualitySelectivity(unique, Value::Int4(1), false) == doctest::Approx(0.001));
}

TEST_CASE("inequalities interpolate in the histogram and add matching MCVs") {
  auto hist = HistogramColumn();
  // < 25: (2 + 0.5) / 10 bins, minus one value's share (1/1000) for the excluded constant.
  CHECK(planner::InequalitySelectivity(Estimate(&hist), CompareOp::kLt, Value::Int4(25)) == doctest::Approx(0.249));
  CHECK(planner::InequalitySelectivity(Estimate(&hist), CompareOp::kGe, Value::Int4(25)) == doctest::Approx(0.751));
  CHECK(planner::InequalitySelectivity(Estimate(&hist), CompareOp::kLe, Value::Int4(40)) == doctest::Approx(0.4));
  // Beyond the ends: clamped to a hundredth of a bin.
  CHECK(planner::InequalitySelectivity(Estimate(&hist), CompareOp::kGt, Value::Int4(500)) == doctest::Approx(0.001));
  CHECK(planner::InequalitySelectivity(Estimate(&hist), CompareOp::kLt, Value::Int4(500)) == doctest::Approx(0.999));
  // MCVs only: the matching ones, plus half of the rest.
  auto mcv = McvColumn();
  CHECK(planner::InequalitySelectivity(Estimate(&mcv), CompareOp::kLt, Value::Int4(2)) ==
        doctest::Approx(0.5 + 0.1 * 0.5));
}

TEST_CASE("IS [NOT] NULL uses the null fraction") {
  auto stats = McvColumn();
  CHECK(planner::NullTestSelectivity(Estimate(&stats), true) == doctest::Approx(0.1));
  CHECK(planner::NullTestSelectivity(Estimate(&stats), false) == doctest::Approx(0.9));
}

TEST_CASE("without statistics every estimator takes PostgreSQL's default") {
  ColumnEstimate none = Estimate(nullptr);
  CHECK(planner::EqualitySelectivity(none, Value::Int4(1), false) == doctest::Approx(planner::kDefaultEqSel));
  CHECK(planner::InequalitySelectivity(none, CompareOp::kLt, Value::Int4(1)) == planner::kDefaultIneqSel);
  CHECK(planner::NullTestSelectivity(none, true) == planner::kDefaultUnkSel);
  CHECK(planner::EstimateNumDistinct(none) == planner::kDefaultNumDistinct);
  // A small table is assumed all distinct; a boolean has two values.
  CHECK(planner::EqualitySelectivity(Estimate(nullptr, 50), Value::Int4(1), false) == doctest::Approx(0.02));
  ColumnEstimate flag = none;
  flag.type = TypeId::kBool;
  CHECK(planner::EqualitySelectivity(flag, Value::Bool(true), false) == doctest::Approx(0.5));
  // A range with an unknown side is DEFAULT_RANGE_INEQ_SEL.
  RelationContext unknown{nullptr, 1000};
  auto range =
      Node(BoundKind::kAnd, {Compare(Column(0), CompareOp::kGt, Int(1)), Compare(Column(0), CompareOp::kLt, Int(5))});
  CHECK(planner::ClauseSelectivity(*range, unknown) == doctest::Approx(planner::kDefaultRangeIneqSel));
}

TEST_CASE("clauses combine: AND multiplies, ranges pair up, OR and NOT, IN lists") {
  auto t = AnalyzedTable();
  RelationContext rel{t.get(), 1000};
  auto a_is_1 = Compare(Column(0), CompareOp::kEq, Int(1));
  auto b_lt_25 = Compare(Column(1), CompareOp::kLt, Int(25));
  CHECK(planner::ClauseSelectivity(*a_is_1, rel) == doctest::Approx(0.5));
  // The constant on the left is commuted: 25 > b is b < 25.
  CHECK(planner::ClauseSelectivity(*Compare(Int(25), CompareOp::kGt, Column(1)), rel) == doctest::Approx(0.249));
  CHECK(planner::ClauseListSelectivity({a_is_1, b_lt_25}, rel) == doctest::Approx(0.5 * 0.249));
  // b BETWEEN 20 AND 40: hisel (0.4) + losel (0.801) - 1.
  auto between =
      Node(BoundKind::kAnd, {Compare(Column(1), CompareOp::kGe, Int(20)), Compare(Column(1), CompareOp::kLe, Int(40))});
  CHECK(planner::ClauseSelectivity(*between, rel) == doctest::Approx(0.201));
  auto either = Node(BoundKind::kOr, {a_is_1, b_lt_25});
  CHECK(planner::ClauseSelectivity(*either, rel) == doctest::Approx(0.5 + 0.249 - 0.5 * 0.249));
  CHECK(planner::ClauseSelectivity(*Node(BoundKind::kNot, {a_is_1}), rel) == doctest::Approx(0.5));
  CHECK(planner::ClauseSelectivity(*Node(BoundKind::kIsNull, {Column(0)}), rel) == doctest::Approx(0.1));
  CHECK(planner::ClauseSelectivity(*Node(BoundKind::kIsNull, {Column(0)}, 0, true), rel) == doctest::Approx(0.9));
  // a IN (1, 2): the equalities add up.
  CHECK(planner::ClauseSelectivity(*Node(BoundKind::kInList, {Column(0), Int(1), Int(2)}), rel) ==
        doctest::Approx(0.8));
  // A comparison of two columns has no statistics to go on.
  CHECK(planner::ClauseSelectivity(*Compare(Column(0), CompareOp::kEq, Column(1)), rel) == planner::kDefaultEqSel);
}
