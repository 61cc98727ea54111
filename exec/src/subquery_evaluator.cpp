#include "subquery_evaluator.h"

#include <algorithm>

#include "common/array.h"
#include "common/array_fill.h"
#include "common/error.h"
#include "common/value_ops.h"
#include "correlated_scan_cache.h"
#include "exec/expression_evaluator.h"

namespace lumadb::exec {

using planner::BoundExpr;
using planner::SubqueryKind;

namespace {

// How many rows a kind of subquery needs at most (0: all of them).
size_t RowsNeeded(SubqueryKind kind) {
  switch (kind) {
    case SubqueryKind::kExists:
      return 1;
    case SubqueryKind::kScalar:
      return 2;  // a second row is an error
    default:
      return 0;
  }
}

// The rows of one evaluation: streamed from a fresh run of the subplan (correlated), or read from the
// statement's cache of an uncorrelated subquery's rows.
class SubplanRows {
 public:
  SubplanRows(const BoundExpr& e, ExecContext& ctx) {
    const size_t limit = RowsNeeded(static_cast<SubqueryKind>(e.op));
    if (e.param_ids.empty()) {
      auto it = ctx.subquery_results.find(&e);
      if (it == ctx.subquery_results.end()) {
        std::vector<Row> rows;
        auto exec = BuildExecutor(*e.subplan, ctx);
        exec->Init();
        Row row;
        while ((limit == 0 || rows.size() < limit) && exec->Next(&row)) rows.push_back(row);
        if (IsLookup(e)) {
          // NULLs first, then in order, for Lookup's binary search.
          std::sort(rows.begin(), rows.end(), [](const Row& l, const Row& r) {
            if (l[0].is_null() || r[0].is_null()) return l[0].is_null() && !r[0].is_null();
            return CompareValues(l[0], r[0]) < 0;
          });
        }
        it = ctx.subquery_results.emplace(&e, std::move(rows)).first;
      }
      cached_ = &it->second;
      return;
    }
    auto cache = ctx.correlated_caches.find(&e);
    if (cache == ctx.correlated_caches.end()) {
      cache = ctx.correlated_caches.emplace(&e, CorrelatedScanCache::For(e)).first;
    }
    if (cache->second) {
      owned_ = cache->second->Rows(ctx);
      cached_ = &owned_;
      return;
    }
    exec_ = BuildExecutor(*e.subplan, ctx);
    exec_->Init();
  }

  /// An uncorrelated `x = ANY (subquery)` over sorted rows (PostgreSQL's hashed SubPlan): the ANY result
  /// by binary search instead of a scan.
  static bool IsLookup(const BoundExpr& e) {
    return e.param_ids.empty() && static_cast<SubqueryKind>(e.op) == SubqueryKind::kAny &&
           static_cast<planner::CompareOp>(e.column) == planner::CompareOp::kEq;
  }
  Value Lookup(const BoundExpr& e, const Value& v) const {
    const auto& rows = *cached_;
    if (rows.empty()) return Value::Bool(e.negated);
    const bool has_null = rows[0][0].is_null();
    if (!v.is_null()) {
      auto it = std::lower_bound(rows.begin(), rows.end(), v, [](const Row& r, const Value& x) {
        return r[0].is_null() || CompareValues(r[0], x) < 0;
      });
      if (it != rows.end() && CompareValues((*it)[0], v) == 0) return Value::Bool(!e.negated);
    }
    return v.is_null() || has_null ? Value::Null(TypeId::kBool) : Value::Bool(e.negated);
  }

  bool Next(Row* out) {
    if (exec_) return exec_->Next(out);
    if (pos_ >= cached_->size()) return false;
    *out = (*cached_)[pos_++];
    return true;
  }

 private:
  std::unique_ptr<Executor> exec_;
  std::vector<Row> owned_;  // this evaluation's rows from a CorrelatedScanCache
  const std::vector<Row>* cached_ = nullptr;
  size_t pos_ = 0;
};

// x op ANY / ALL (subquery) with PostgreSQL's NULL rules: ANY is true on a true comparison, ALL false on a
// false one; otherwise a NULL comparison makes the result NULL; an empty subquery gives false / true.
Value EvalQuantified(const BoundExpr& e, const Value& v, SubplanRows* rows) {
  const bool any = static_cast<SubqueryKind>(e.op) == SubqueryKind::kAny;
  const auto op = static_cast<planner::CompareOp>(e.column);
  bool saw_null = false;
  Row r;
  while (rows->Next(&r)) {
    if (v.is_null() || r[0].is_null()) {
      saw_null = true;
      continue;
    }
    if (CompareResult(op, CompareValues(v, r[0])) == any) return Value::Bool(any != e.negated);
  }
  return saw_null ? Value::Null(TypeId::kBool) : Value::Bool(any == e.negated);
}

void SetSlot(int id, Value v, ExecContext& ctx) {
  if (static_cast<size_t>(id) >= ctx.exec_params.size()) ctx.exec_params.resize(id + 1);
  ctx.exec_params[id] = std::move(v);
}

}  // namespace

bool CompareResult(planner::CompareOp op, int c) {
  switch (op) {
    case planner::CompareOp::kEq:
      return c == 0;
    case planner::CompareOp::kNe:
      return c != 0;
    case planner::CompareOp::kLt:
      return c < 0;
    case planner::CompareOp::kLe:
      return c <= 0;
    case planner::CompareOp::kGt:
      return c > 0;
    case planner::CompareOp::kGe:
      return c >= 0;
  }
  return false;
}

Value ExecParamValue(const BoundExpr& e, const ExecContext& ctx) {
  if (e.op < 0 || static_cast<size_t>(e.op) >= ctx.exec_params.size()) {
    throw DbError(sqlstate::kInternalError, "internal error: no value for outer reference " + e.name);
  }
  return ctx.exec_params[e.op];
}

void SetExecParams(const std::vector<planner::ExecParamBinding>& params, const Row& row, ExecContext& ctx) {
  for (const auto& p : params) SetSlot(p.id, Evaluate(*p.value, row, ctx), ctx);
}

Value EvalSubquery(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  const auto kind = static_cast<SubqueryKind>(e.op);
  const bool quantified = kind == SubqueryKind::kAny || kind == SubqueryKind::kAll;
  Value operand = quantified ? Evaluate(*e.args[0], row, ctx) : Value();
  const size_t first_param = e.args.size() - e.param_ids.size();
  for (size_t i = 0; i < e.param_ids.size(); ++i) {
    SetSlot(e.param_ids[i], Evaluate(*e.args[first_param + i], row, ctx), ctx);
  }
  SubplanRows rows(e, ctx);
  Row r;
  switch (kind) {
    case SubqueryKind::kExists:
      return Value::Bool(rows.Next(&r) != e.negated);
    case SubqueryKind::kScalar: {
      if (!rows.Next(&r)) return Value::Null(e.type.id);
      Row second;
      if (rows.Next(&second)) {
        throw DbError(sqlstate::kCardinalityViolation,
                      "more than one row returned by a subquery used as an expression");
      }
      return r[0];
    }
    case SubqueryKind::kArray: {
      // ARRAY(SELECT ...): every row's value in order, an empty array for no rows (never NULL).
      std::vector<Value> items;
      while (rows.Next(&r)) items.push_back(r[0]);
      const TypeId type = e.subplan->output[0].type.id;
      // Rows of arrays stack into an array of one more dimension (accumArrayResultAny).
      if (IsArrayType(type)) return AccumulateArrays(type, items);
      return MakeArray(type, std::move(items));
    }
    case SubqueryKind::kAny:
    case SubqueryKind::kAll:
      return SubplanRows::IsLookup(e) ? rows.Lookup(e, operand) : EvalQuantified(e, operand, &rows);
  }
  return Value::Null(e.type.id);
}

}  // namespace lumadb::exec
