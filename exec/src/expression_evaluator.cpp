#include "exec/expression_evaluator.h"

#include "common/cast.h"
#include "common/error.h"
#include "common/record.h"
#include "common/value_ops.h"
#include "subquery_evaluator.h"

namespace lumadb::exec {

using planner::BoundExpr;
using planner::BoundKind;

namespace {

Value NullOf(const BoundExpr& e) {
  return Value::Null(e.type.id);
}

// Kleene AND/OR: the dominant value (false for AND, true for OR) wins over NULL.
Value EvalLogical(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  bool dominant = e.kind == BoundKind::kOr;
  bool saw_null = false;
  for (const auto& a : e.args) {
    Value v = Evaluate(*a, row, ctx);
    if (v.is_null()) {
      saw_null = true;
    } else if (v.GetBool() == dominant) {
      return Value::Bool(dominant);
    }
  }
  return saw_null ? Value::Null(TypeId::kBool) : Value::Bool(!dominant);
}

Value EvalBoolTest(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  Value v = Evaluate(*e.args[0], row, ctx);
  bool result = false;
  switch (static_cast<planner::BoolTestKind>(e.op)) {
    case planner::BoolTestKind::kTrue:
      result = !v.is_null() && v.GetBool();
      break;
    case planner::BoolTestKind::kFalse:
      result = !v.is_null() && !v.GetBool();
      break;
    case planner::BoolTestKind::kUnknown:
      result = v.is_null();
      break;
  }
  return Value::Bool(result != e.negated);
}

Value EvalInList(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  Value v = Evaluate(*e.args[0], row, ctx);
  if (v.is_null()) return Value::Null(TypeId::kBool);
  bool saw_null = false;
  for (size_t i = 1; i < e.args.size(); ++i) {
    Value item = Evaluate(*e.args[i], row, ctx);
    if (item.is_null()) {
      saw_null = true;
    } else if (CompareValues(v, item) == 0) {
      return Value::Bool(!e.negated);
    }
  }
  return saw_null ? Value::Null(TypeId::kBool) : Value::Bool(e.negated);
}

Value EvalCase(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  size_t pairs = (e.args.size() - (e.has_else ? 1 : 0)) / 2;
  for (size_t i = 0; i < pairs; ++i) {
    if (IsTrue(Evaluate(*e.args[2 * i], row, ctx))) return Evaluate(*e.args[2 * i + 1], row, ctx);
  }
  return e.has_else ? Evaluate(*e.args.back(), row, ctx) : NullOf(e);
}

Value EvalFunc(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  std::vector<Value> args;
  for (const auto& a : e.args) {
    args.push_back(Evaluate(*a, row, ctx));
    if (e.func->strict && args.back().is_null()) return NullOf(e);
  }
  return e.func->impl(args, ctx.env);
}

Value EvalGreatest(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  Value best = NullOf(e);
  for (const auto& a : e.args) {
    Value v = Evaluate(*a, row, ctx);
    if (v.is_null()) continue;
    if (best.is_null() || CompareValues(v, best) * e.op > 0) best = v;
  }
  return best;
}

Value EvalLike(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  Value text = Evaluate(*e.args[0], row, ctx);
  Value pattern = Evaluate(*e.args[1], row, ctx);
  std::string escape = "\\";
  if (e.args.size() > 2) {
    Value esc = Evaluate(*e.args[2], row, ctx);
    if (esc.is_null()) return Value::Null(TypeId::kBool);
    escape = esc.GetString();
  }
  if (text.is_null() || pattern.is_null()) return Value::Null(TypeId::kBool);
  return Value::Bool(LikeMatch(text.GetString(), pattern.GetString(), escape, e.case_insensitive) != e.negated);
}

CastContext ContextOf(const BoundExpr& e) {
  if (e.explicit_cast) return CastContext::kExplicit;
  return e.assignment_cast ? CastContext::kAssignment : CastContext::kImplicit;
}

}  // namespace

bool IsTrue(const Value& v) {
  return !v.is_null() && v.type() == TypeId::kBool && v.GetBool();
}

Value Evaluate(const BoundExpr& e, const Row& row, ExecContext& ctx) {
  switch (e.kind) {
    case BoundKind::kConst:
      return e.value;
    case BoundKind::kColumn:
      return row[e.column];
    case BoundKind::kParam:
      if (!ctx.params || e.op < 1 || static_cast<size_t>(e.op) > ctx.params->size()) {
        throw DbError(sqlstate::kUndefinedObject, "no value found for parameter " + std::to_string(e.op));
      }
      return (*ctx.params)[e.op - 1];
    case BoundKind::kCast:
      return CastValue(Evaluate(*e.args[0], row, ctx), e.type, ContextOf(e));
    case BoundKind::kArith: {
      Value a = Evaluate(*e.args[0], row, ctx);
      Value b = Evaluate(*e.args[1], row, ctx);
      if (a.is_null() || b.is_null()) return NullOf(e);
      return Arithmetic(static_cast<ArithOp>(e.op), a, b);
    }
    case BoundKind::kNegate: {
      Value a = Evaluate(*e.args[0], row, ctx);
      return a.is_null() ? NullOf(e) : Negate(a);
    }
    case BoundKind::kConcat: {
      Value a = Evaluate(*e.args[0], row, ctx);
      Value b = Evaluate(*e.args[1], row, ctx);
      if (a.is_null() || b.is_null()) return NullOf(e);
      return Value::String(a.GetString() + b.GetString());
    }
    case BoundKind::kCompare: {
      Value scratch_a;
      Value scratch_b;
      const Value& a = EvaluateRef(*e.args[0], row, ctx, &scratch_a);
      const Value& b = EvaluateRef(*e.args[1], row, ctx, &scratch_b);
      if (a.is_null() || b.is_null()) return Value::Null(TypeId::kBool);
      return Value::Bool(CompareResult(static_cast<planner::CompareOp>(e.op), CompareValues(a, b)));
    }
    case BoundKind::kDistinct: {
      Value a = Evaluate(*e.args[0], row, ctx);
      Value b = Evaluate(*e.args[1], row, ctx);
      if (a.is_null() || b.is_null()) return Value::Bool(a.is_null() != b.is_null());
      return Value::Bool(CompareValues(a, b) != 0);
    }
    case BoundKind::kAnd:
    case BoundKind::kOr:
      return EvalLogical(e, row, ctx);
    case BoundKind::kNot: {
      Value a = Evaluate(*e.args[0], row, ctx);
      return a.is_null() ? a : Value::Bool(!a.GetBool());
    }
    case BoundKind::kIsNull: {
      const Value v = Evaluate(*e.args[0], row, ctx);
      // A row IS NULL when all its fields are, IS NOT NULL when none is (ExecEvalRowNull).
      if (!v.is_null() && v.type() == TypeId::kRecord) return Value::Bool(RecordFieldsAll(v.GetRecord(), e.negated));
      return Value::Bool(v.is_null() != e.negated);
    }
    case BoundKind::kRow: {
      std::vector<Value> fields;
      fields.reserve(e.args.size());
      for (const auto& a : e.args) fields.push_back(Evaluate(*a, row, ctx));
      return MakeRecord(std::move(fields), e.field_names);
    }
    case BoundKind::kBoolTest:
      return EvalBoolTest(e, row, ctx);
    case BoundKind::kLike:
      return EvalLike(e, row, ctx);
    case BoundKind::kCase:
      return EvalCase(e, row, ctx);
    case BoundKind::kInList:
      return EvalInList(e, row, ctx);
    case BoundKind::kFunc:
      return EvalFunc(e, row, ctx);
    case BoundKind::kCoalesce:
      for (const auto& a : e.args) {
        Value v = Evaluate(*a, row, ctx);
        if (!v.is_null()) return v;
      }
      return NullOf(e);
    case BoundKind::kNullIf:
      return IsTrue(Evaluate(*e.args[1], row, ctx)) ? NullOf(e) : Evaluate(*e.args[0], row, ctx);
    case BoundKind::kGreatest:
      return EvalGreatest(e, row, ctx);
    case BoundKind::kSubquery:
      return EvalSubquery(e, row, ctx);
    case BoundKind::kExecParam:
      return ExecParamValue(e, ctx);
    case BoundKind::kAggregate:
    case BoundKind::kWindow:
      break;
  }
  throw DbError(sqlstate::kInternalError, "internal error: aggregate evaluated outside an Aggregate node");
}

}  // namespace lumadb::exec
