#include "deparse.h"

#include <cctype>
#include <climits>

#include "common/cast.h"
#include "common/error.h"
#include "common/value_io.h"
#include "common/value_ops.h"
#include "planner/function_registry.h"
#include "planner/plan.h"
#include "subplan_names.h"

namespace lumadb::planner {

namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

// get_const_expr: int4 prints bare when not negative, numeric only when it reads back as numeric (a
// digit first and a '.', 'e' or 'E' in it: 1.5, but '3'::numeric), bool as true/false, everything else as a
// quoted literal with its type.
std::string Const(const Value& value, TypeDesc type) {
  if (value.is_null()) return "NULL::" + FormatType(type);
  TypeId t = type.id;
  std::string text = FormatValue(value);
  if (t == TypeId::kBool) return value.GetBool() ? "true" : "false";
  if (t == TypeId::kInt4 && !text.empty() && text[0] != '-') return text;
  if (t == TypeId::kNumeric && !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) &&
      text.find_first_of("eE.") != std::string::npos) {
    return type.typmod < 0 ? text : text + "::" + FormatType(type);
  }
  if (t == TypeId::kUnknown) return Quote(text);
  return Quote(text) + "::" + FormatType(type);
}

// A cast of a constant as EXPLAIN shows it: PostgreSQL's planner folds it (eval_const_expressions), so
// c < 3 over a numeric c reads (c < '3'::numeric). Empty when the cast fails at run time.
std::string FoldedCast(const BoundExpr& cast) {
  const BoundExpr& arg = *cast.args[0];
  if (arg.kind != BoundKind::kConst || arg.type.id == TypeId::kUnknown) return "";
  auto context = cast.explicit_cast     ? CastContext::kExplicit
                 : cast.assignment_cast ? CastContext::kAssignment
                                        : CastContext::kImplicit;
  try {
    return Const(CastValue(arg.value, cast.type, context), cast.type);
  } catch (const DbError&) {
    return "";  // the error belongs to execution, not to EXPLAIN
  }
}

const char* CompareName(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "<>";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "=";
}

const char* ArithName(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd:
      return "+";
    case ArithOp::kSub:
      return "-";
    case ArithOp::kMul:
      return "*";
    case ArithOp::kDiv:
      return "/";
    case ArithOp::kMod:
      return "%";
    case ArithOp::kPow:
      return "^";
  }
  return "?";
}

class Deparser {
 public:
  Deparser(bool qualify, const SubplanNames* names) : qualify_(qualify), names_(names) {}

  std::string Expr(const BoundExpr& e) {
    switch (e.kind) {
      case BoundKind::kConst:
        return Const(e.value, e.type);
      case BoundKind::kParam:
        return "$" + std::to_string(e.op);
      case BoundKind::kExecParam:
        return e.name;
      case BoundKind::kColumn: {
        auto dot = e.name.rfind('.');
        return qualify_ || dot == std::string::npos ? e.name : e.name.substr(dot + 1);
      }
      case BoundKind::kCast: {
        std::string folded = FoldedCast(e);
        if (!folded.empty()) return folded;
        return "(" + Expr(*e.args[0]) + ")::" + FormatType(e.type);
      }
      case BoundKind::kArith:
        return Binary(e, ArithName(static_cast<ArithOp>(e.op)));
      case BoundKind::kNegate:
        return "(- " + Expr(*e.args[0]) + ")";
      case BoundKind::kConcat:
        return Binary(e, "||");
      case BoundKind::kCompare:
        return Binary(e, CompareName(static_cast<CompareOp>(e.op)));
      case BoundKind::kDistinct:
        return Binary(e, "IS DISTINCT FROM");
      case BoundKind::kAnd:
        return List(e, " AND ");
      case BoundKind::kOr:
        return List(e, " OR ");
      case BoundKind::kNot:
        return "(NOT " + Expr(*e.args[0]) + ")";
      case BoundKind::kIsNull:
        return "(" + Expr(*e.args[0]) + (e.negated ? " IS NOT NULL)" : " IS NULL)");
      case BoundKind::kBoolTest: {
        const char* tests[] = {"TRUE", "FALSE", "UNKNOWN"};
        return "(" + Expr(*e.args[0]) + (e.negated ? " IS NOT " : " IS ") + tests[e.op] + ")";
      }
      case BoundKind::kLike: {
        std::string op = e.case_insensitive ? "~~*" : "~~";
        if (e.negated) op = "!" + op;
        return Binary(e, op.c_str());
      }
      case BoundKind::kCase: {
        std::string out = "CASE";
        size_t pairs = (e.args.size() - (e.has_else ? 1 : 0)) / 2;
        for (size_t i = 0; i < pairs; ++i) {
          out += " WHEN " + Expr(*e.args[2 * i]) + " THEN " + Expr(*e.args[2 * i + 1]);
        }
        if (e.has_else) out += " ELSE " + Expr(*e.args.back());
        return out + " END";
      }
      case BoundKind::kInList: {
        std::string items;
        for (size_t i = 1; i < e.args.size(); ++i) items += (i > 1 ? ", " : "") + Expr(*e.args[i]);
        return "(" + Expr(*e.args[0]) + (e.negated ? " <> ALL (ARRAY[" : " = ANY (ARRAY[") + items + "]))";
      }
      case BoundKind::kFunc:
        return Function(e);
      case BoundKind::kCoalesce:
        return Call("COALESCE", e);
      case BoundKind::kNullIf:
        return "NULLIF(" + Expr(*e.args[0]) + ", " + Expr(*e.args[1]->args[1]) + ")";
      case BoundKind::kGreatest:
        return Call(e.op < 0 ? "LEAST" : "GREATEST", e);
      case BoundKind::kAggregate:
        if (e.star) return e.name + "(*)";
        return e.name + "(" + (e.distinct ? "DISTINCT " : "") + Expr(*e.args[0]) + ")";
      case BoundKind::kSubquery:
        return names_ ? names_->Reference(e) : "(SubPlan 1)";
      case BoundKind::kWindow:
        return e.name + "(" + (e.star ? "*" : "") + ") OVER (?)";
      case BoundKind::kRow: {
        // A whole-row reference prints as its relation's rel.* (ruleutils.c get_variable), ROW(...) as written.
        if (e.field_names && !e.args.empty() && e.args[0]->kind == BoundKind::kColumn) {
          const std::string& first = e.args[0]->name;
          const auto dot = first.rfind('.');
          if (dot != std::string::npos) return first.substr(0, dot) + ".*";
        }
        return "ROW" + List(e, ", ");
      }
    }
    return "?";
  }

 private:
  std::string Binary(const BoundExpr& e, const char* op) {
    return "(" + Expr(*e.args[0]) + " " + op + " " + Expr(*e.args[1]) + ")";
  }
  std::string List(const BoundExpr& e, const char* sep) {
    std::string out = "(";
    for (size_t i = 0; i < e.args.size(); ++i) out += (i ? sep : "") + Expr(*e.args[i]);
    return out + ")";
  }
  // The array nodes (bind_arrays.cpp) are calls of internal functions; show them in SQL syntax as
  // ruleutils.c does: ARRAY[...], a[i], a[i:j], x = ANY (a), a @> b.
  std::string Function(const BoundExpr& e) {
    const std::string& n = e.name;
    auto arg = [&](size_t i) { return Expr(*e.args[i]); };
    if (n == "array") {
      std::string items;
      for (size_t i = 0; i < e.args.size(); ++i) items += (i ? "," : "") + arg(i);
      return "ARRAY[" + items + "]";
    }
    if (n == "subscript" || n == "slice") {
      std::string out = arg(0);
      for (size_t i = 1; i < e.args.size(); ++i) {
        if (n == "subscript") {
          out += "[" + arg(i) + "]";
          continue;
        }
        out += "[" + Bound(*e.args[i]) + ":" + Bound(*e.args[i + 1]) + "]";
        ++i;
      }
      return out;
    }
    if (n == "@>" || n == "<@" || n == "&&") return Binary(e, n.c_str());
    // The OVERLAPS predicate (COERCE_SQL_SYNTAX, ruleutils.c get_func_sql_syntax).
    if (n == "overlaps" && e.args.size() == 4) {
      return "((" + arg(0) + ", " + arg(1) + ") OVERLAPS (" + arg(2) + ", " + arg(3) + "))";
    }
    if (n.ends_with(" ANY") || n.ends_with(" ALL")) return "(" + arg(0) + " " + n + " (" + arg(1) + "))";
    return Call(n, e);
  }
  // A slice bound; the binder's stand-ins for an omitted one (INT32_MIN / INT32_MAX) print as nothing.
  std::string Bound(const BoundExpr& e) {
    const bool omitted = e.kind == BoundKind::kConst && !e.value.is_null() && e.value.type() == TypeId::kInt4 &&
                         (e.value.GetInt() == INT32_MIN || e.value.GetInt() == INT32_MAX);
    return omitted ? "" : Expr(e);
  }
  std::string Call(const std::string& name, const BoundExpr& e) {
    std::string out = name + "(";
    for (size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + Expr(*e.args[i]);
    return out + ")";
  }

  bool qualify_;
  const SubplanNames* names_;
};

}  // namespace

std::string Deparse(const BoundExpr& e, bool qualify, const SubplanNames* names) {
  return Deparser(qualify, names).Expr(e);
}

}  // namespace lumadb::planner
