#pragma once
// Helpers shared by the parser tests.

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "common/error.h"
#include "parser/parser.h"

namespace lumadb::parser::testing {

/// Parses a query that must hold exactly one statement and returns it as T.
template <class T>
std::unique_ptr<T> ParseOne(std::string_view sql) {
  auto stmts = Parse(sql);
  if (stmts.size() != 1) throw std::runtime_error("expected one statement");
  if (stmts[0]->kind != T::kKind) throw std::runtime_error("unexpected statement kind");
  return std::unique_ptr<T>(static_cast<T*>(stmts[0].release()));
}

/// Parses `SELECT <expr>` and returns the first target's expression.
inline ast::ExprPtr ParseExpr(const std::string& expr) {
  auto s = ParseOne<ast::SelectStmt>("SELECT " + expr);
  return std::move(s->targets.at(0).expr);
}

/// A compact rendering of an expression tree, to compare shapes: (op l r), column names, literals.
inline std::string Render(const ast::Expr& e) {
  using ast::ExprKind;
  switch (e.kind) {
    case ExprKind::kConstant: {
      const auto& c = e.As<ast::ConstExpr>();
      if (c.type == ast::ConstExpr::Type::kString) return "'" + c.text + "'";
      if (c.type == ast::ConstExpr::Type::kNull) return "NULL";
      return c.text;
    }
    case ExprKind::kColumnRef: {
      std::string out;
      for (const auto& n : e.As<ast::ColumnRef>().names) out += (out.empty() ? "" : ".") + n;
      return out;
    }
    case ExprKind::kStar: {
      std::string out;
      for (const auto& n : e.As<ast::StarExpr>().qualifier) out += n + ".";
      return out + "*";
    }
    case ExprKind::kParam:
      return "$" + std::to_string(e.As<ast::ParamRef>().number);
    case ExprKind::kUnary: {
      const auto& u = e.As<ast::UnaryExpr>();
      return "(" + u.op + " " + Render(*u.arg) + ")";
    }
    case ExprKind::kBinary: {
      const auto& b = e.As<ast::BinaryExpr>();
      std::string out = "(" + b.op + " " + Render(*b.left) + " " + Render(*b.right);
      if (b.escape) out += " ESCAPE " + Render(*b.escape);
      return out + ")";
    }
    case ExprKind::kIsNull: {
      const auto& n = e.As<ast::IsNullExpr>();
      return std::string(n.negated ? "(ISNOTNULL " : "(ISNULL ") + Render(*n.arg) + ")";
    }
    case ExprKind::kBoolTest: {
      const auto& b = e.As<ast::BoolTestExpr>();
      const char* t = b.test == ast::BoolTestExpr::Test::kTrue    ? "TRUE"
                      : b.test == ast::BoolTestExpr::Test::kFalse ? "FALSE"
                                                                  : "UNKNOWN";
      return std::string("(IS") + (b.negated ? "NOT" : "") + t + " " + Render(*b.arg) + ")";
    }
    case ExprKind::kBetween: {
      const auto& b = e.As<ast::BetweenExpr>();
      return std::string("(") + (b.negated ? "NOT " : "") + "BETWEEN" + (b.symmetric ? " SYMMETRIC " : " ") +
             Render(*b.arg) + " " + Render(*b.low) + " " + Render(*b.high) + ")";
    }
    case ExprKind::kInList: {
      const auto& in = e.As<ast::InListExpr>();
      std::string out = std::string("(") + (in.negated ? "NOT " : "") + "IN " + Render(*in.arg);
      for (const auto& x : in.list) out += " " + Render(*x);
      return out + ")";
    }
    case ExprKind::kCase: {
      const auto& c = e.As<ast::CaseExpr>();
      std::string out = "(CASE";
      if (c.arg) out += " " + Render(*c.arg);
      for (const auto& [w, t] : c.whens) out += " (WHEN " + Render(*w) + " " + Render(*t) + ")";
      if (c.else_result) out += " (ELSE " + Render(*c.else_result) + ")";
      return out + ")";
    }
    case ExprKind::kFunc: {
      const auto& f = e.As<ast::FuncCall>();
      std::string out;
      for (const auto& n : f.name) out += (out.empty() ? "" : ".") + n;
      out += "(";
      if (f.distinct) out += "DISTINCT ";
      if (f.star) out += "*";
      for (std::size_t i = 0; i < f.args.size(); ++i) out += (i ? ", " : "") + Render(*f.args[i]);
      return out + ")";
    }
    case ExprKind::kCast: {
      const auto& c = e.As<ast::CastExpr>();
      std::string type;
      for (const auto& n : c.type.names) type += (type.empty() ? "" : ".") + n;
      for (std::size_t i = 0; i < c.type.modifiers.size(); ++i) {
        type += (i ? "," : "(") + std::to_string(c.type.modifiers[i]) + (i + 1 == c.type.modifiers.size() ? ")" : "");
      }
      if (c.type.array) type += "[]";
      return "(CAST " + Render(*c.arg) + " " + type + ")";
    }
    case ExprKind::kArray: {
      std::string out = "[";
      for (const auto& x : e.As<ast::ArrayExpr>().elements) out += (out.size() > 1 ? " " : "") + Render(*x);
      return out + "]";
    }
    case ExprKind::kRow: {
      std::string out = "(ROW";
      for (const auto& x : e.As<ast::RowExpr>().args) out += " " + Render(*x);
      return out + ")";
    }
    case ExprKind::kSubscript: {
      const auto& s = e.As<ast::SubscriptExpr>();
      std::string out = "(SUB " + Render(*s.arg) + " " + (s.lower ? Render(*s.lower) : "-");
      if (s.is_slice) out += ":" + (s.upper ? Render(*s.upper) : std::string("-"));
      return out + ")";
    }
    case ExprKind::kArrayOp: {
      const auto& a = e.As<ast::ArrayOpExpr>();
      return "(" + a.op + (a.all ? " ALL " : " ANY ") + Render(*a.arg) + " " + Render(*a.array) + ")";
    }
    case ExprKind::kSubquery: {
      const auto& s = e.As<ast::SubqueryExpr>();
      static const char* kNames[] = {"SCALAR", "EXISTS", "IN", "ANY", "ALL"};
      std::string out = std::string("(") + (s.negated ? "NOT " : "") + kNames[static_cast<int>(s.type)];
      if (s.arg) out += " " + s.op + " " + Render(*s.arg);
      return out + " subquery)";
    }
    case ExprKind::kDefault:
      return "DEFAULT";
    case ExprKind::kGroupingSet: {
      const auto& g = e.As<ast::GroupingSetExpr>();
      static const char* kNames[] = {"()", "SET", "ROLLUP", "CUBE", "GROUPING SETS"};
      std::string out = std::string("(") + kNames[static_cast<int>(g.set_kind)];
      for (const auto& item : g.items) out += " " + Render(*item);
      return out + ")";
    }
  }
  return "?";
}

/// The error Parse throws for `sql`; code "none" when it parses.
struct ParseFailure {
  std::string code;
  std::string message;
  int position = 0;
};
inline ParseFailure ErrorOf(std::string_view sql) {
  try {
    Parse(sql);
  } catch (const DbError& e) {
    return {std::string(e.code().View()), e.message(), e.position()};
  }
  return {"none", "", 0};
}

/// Checks that parsing sql fails with this message, 1-based character position and SQLSTATE.
inline void CheckError(std::string_view sql, const std::string& message, int position,
                       const std::string& code = "42601") {
  const ParseFailure f = ErrorOf(sql);
  INFO("query: " << sql);
  CHECK(f.code == code);
  CHECK(f.message == message);
  CHECK(f.position == position);
}

}  // namespace lumadb::parser::testing
