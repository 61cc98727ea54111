// FigureColname (parser/parse_target.c): output names of unaliased select items.
#include <algorithm>
#include <cctype>

#include "planner/binder.h"

namespace lumadb::planner {

namespace {

// The parser folds CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_USER... into function calls; PostgreSQL names
// those columns after the SQL keyword, so look at the source text to tell them from now().
std::string KeywordAt(std::string_view text, int32_t location) {
  if (location < 0 || static_cast<size_t>(location) >= text.size()) return "";
  std::string word;
  for (size_t i = location; i < text.size(); ++i) {
    char c = text[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') break;
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return word;
}

// Returns 2 for a strong name (column, function), 1 for a weak one (type name of a cast, "case"), 0 none.
int Figure(const ast::Expr& e, std::string_view text, std::string* name) {
  switch (e.kind) {
    case ast::ExprKind::kColumnRef:
      *name = e.As<ast::ColumnRef>().names.back();
      return 2;
    case ast::ExprKind::kFunc: {
      const auto& f = e.As<ast::FuncCall>();
      *name = f.name.back();
      std::string kw = KeywordAt(text, e.location);
      if (kw == "current_timestamp" || kw == "current_date" || kw == "current_user" || kw == "session_user" ||
          kw == "localtimestamp" || kw == "current_schema" || kw == "user") {
        *name = kw;
      }
      return 2;
    }
    case ast::ExprKind::kCast: {
      const auto& c = e.As<ast::CastExpr>();
      int strength = Figure(*c.arg, text, name);
      if (strength <= 1 && !c.type.names.empty()) {
        *name = c.type.names.back();
        return 1;
      }
      return strength;
    }
    case ast::ExprKind::kCase:
      *name = "case";
      return 1;
    case ast::ExprKind::kArray:
      *name = "array";
      return 2;
    case ast::ExprKind::kRow:
      *name = "row";
      return 2;
    case ast::ExprKind::kStar: {
      // t.* in an expression is named after t (FigureColnameInternal's ColumnRef, ignoring the *).
      const auto& qualifier = e.As<ast::StarExpr>().qualifier;
      if (qualifier.empty()) return 0;
      *name = qualifier.back();
      return 2;
    }
    case ast::ExprKind::kSubscript:
      return Figure(*e.As<ast::SubscriptExpr>().arg, text, name);
    case ast::ExprKind::kSubquery: {
      const auto& s = e.As<ast::SubqueryExpr>();
      if (s.type == ast::SubqueryExpr::Type::kExists || s.type == ast::SubqueryExpr::Type::kArray) {
        *name = s.type == ast::SubqueryExpr::Type::kExists ? "exists" : "array";
        return 2;
      }
      if (s.type != ast::SubqueryExpr::Type::kScalar) return 0;
      // The subquery's single output column names it (the first branch's, for a set operation).
      const ast::SelectStmt* q = s.query.get();
      while (q->set_op != ast::SetOpType::kNone) q = q->larg.get();
      if (q->targets.size() != 1 || q->targets[0].expr->kind == ast::ExprKind::kStar) return 0;
      if (!q->targets[0].alias.empty()) {
        *name = q->targets[0].alias;
      } else if (Figure(*q->targets[0].expr, text, name) == 0) {
        *name = "?column?";
      }
      return 2;
    }
    default:
      return 0;
  }
}

}  // namespace

std::string FigureColumnName(const ast::Expr& expr, std::string_view query_text) {
  std::string name;
  if (Figure(expr, query_text, &name) == 0) return "?column?";
  return name;
}

}  // namespace lumadb::planner
