#pragma once
// Selectivity estimation: the fraction of a relation's rows a WHERE clause keeps (PostgreSQL 15
// optimizer/path/clausesel.c and utils/adt/selfuncs.c), from the ANALYZE statistics the catalog publishes
// (catalog/statistics.h), or PostgreSQL's defaults when a column has none. Equality uses the most common
// values, then spreads the rest evenly over the other distinct values; inequalities add the matching MCVs
// to a linear interpolation in the histogram; IS [NOT] NULL uses the null fraction; AND multiplies (a
// pair of bounds on one column is a range: hisel + losel - 1), OR adds minus the product, NOT complements.

#include <optional>
#include <vector>

#include "catalog/catalog.h"
#include "planner/bound_expr.h"

namespace lumadb::planner {

/// selfuncs.h's defaults, used when there are no statistics.
inline constexpr double kDefaultEqSel = 0.005;                 // DEFAULT_EQ_SEL
inline constexpr double kDefaultIneqSel = 0.3333333333333333;  // DEFAULT_INEQ_SEL
inline constexpr double kDefaultRangeIneqSel = 0.005;          // DEFAULT_RANGE_INEQ_SEL
inline constexpr double kDefaultMatchSel = 0.005;              // DEFAULT_MATCH_SEL (LIKE)
inline constexpr double kDefaultUnkSel = 0.005;                // DEFAULT_UNK_SEL (IS NULL)
inline constexpr double kDefaultNotUnkSel = 1.0 - kDefaultUnkSel;
inline constexpr double kDefaultNumDistinct = 200;  // DEFAULT_NUM_DISTINCT
/// A boolean function or any clause selfuncs.c has no estimator for (clause_selectivity's fallback).
inline constexpr double kDefaultClauseSel = 0.3333333;

/// One column as the estimators see it (selfuncs.h VariableStatData).
struct ColumnEstimate {
  const catalog::ColumnStatistics* stats = nullptr;  // null: no ANALYZE statistics
  double rel_tuples = 0;                             // estimated rows of its relation
  bool unique = false;                               // a unique index has it as its only key column
  TypeId type = TypeId::kInvalid;
};

/// The relation whose row a clause's column references index (column i = the table's column i), or an
/// unknown input (table null: a join or aggregate output), for which every estimator uses its default.
struct RelationContext {
  const catalog::TableInfo* table = nullptr;
  double tuples = 0;  // its estimated row count

  /// The estimate of column `column` (0-based); an empty one when out of range or table is null.
  ColumnEstimate Column(int column) const;
};

/// get_variable_numdistinct: distinct non-NULL values of the column. *is_default says a default was used.
double EstimateNumDistinct(const ColumnEstimate& c, bool* is_default = nullptr);

/// var_eq_const: selectivity of `col = constant` (or `col <> constant` with negate); 0 for a NULL constant.
double EqualitySelectivity(const ColumnEstimate& c, const Value& constant, bool negate);

/// var_eq_non_const: `col = expr` where expr's value is unknown at plan time.
double EqualityUnknownSelectivity(const ColumnEstimate& c, bool negate);

/// scalarineqsel: selectivity of `col op constant`, op one of < <= > >=; kDefaultIneqSel without
/// statistics; 0 for a NULL constant.
double InequalitySelectivity(const ColumnEstimate& c, CompareOp op, const Value& constant);

/// nulltestsel: `col IS NULL` (is_null) or `col IS NOT NULL`.
double NullTestSelectivity(const ColumnEstimate& c, bool is_null);

/// clause_selectivity: the fraction of rel's rows for which `clause` is true.
double ClauseSelectivity(const BoundExpr& clause, const RelationContext& rel);

/// clauselist_selectivity: the fraction for which every clause is true, with range pairs on one column
/// (`col > a AND col < b`, BETWEEN) estimated together.
double ClauseListSelectivity(const std::vector<BoundExprPtr>& clauses, const RelationContext& rel);

/// The column (0-based, relative to `offset`, below `width`) that e reads, directly or through an implicit
/// cast that keeps the order and the comparison (integer widening, varchar to text); else -1.
int OrderedColumnRef(const BoundExpr& e, int offset, int width);

/// The value of a constant expression that can be computed at plan time (a constant, or casts and
/// negations of one), or nullopt (PostgreSQL's estimate_expression_value, for the cases LumaDB binds).
std::optional<Value> FoldConstant(const BoundExpr& e);

}  // namespace lumadb::planner
