// Transformer: expressions and type names (PostgreSQL gram.y a_expr/c_expr actions).

#include <charconv>
#include <map>

#include "common/error.h"
#include "common/stack_depth.h"
#include "grammar/statement.hpp"
#include "string_literal.h"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using ast::ExprPtr;

std::string Transformer::StringValue(const PNode& n) {
  const std::string_view t = n.string_view();
  if (n.is_type<g::dollar_string>()) {
    const std::size_t tag = t.find('$', 1) + 1;
    return std::string(t.substr(tag, t.size() - 2 * tag));
  }
  // The statement text up to the token's end: the node's begin knows its offset in it.
  const std::string_view sql(n.m_begin.data - n.m_begin.byte, n.m_begin.byte + t.size());
  const StringLiteralKind kind = n.is_type<g::escape_string>()    ? StringLiteralKind::kEscape
                                 : n.is_type<g::unicode_string>() ? StringLiteralKind::kUnicode
                                                                  : StringLiteralKind::kPlain;
  return DecodeStringLiteral(sql, n.m_begin.byte, t.size(), kind);
}

// x AT TIME ZONE z is timezone(z, x), as gram.y writes it (SystemFuncName("timezone")).
ExprPtr Transformer::AtTimeZone(const PNode& n) {
  ExprPtr e = Expr(*n.children.at(0));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const PNode& suffix = *n.children[i];
    auto call = std::make_unique<ast::FuncCall>(std::vector<std::string>{"timezone"}, Loc(suffix));
    call->args.push_back(Expr(*suffix.children.at(0)));
    call->args.push_back(std::move(e));
    e = std::move(call);
  }
  return e;
}

std::vector<ExprPtr> Transformer::ExprList(const PNode& n) {
  std::vector<ExprPtr> list;
  for (const auto& c : n.children) list.push_back(Expr(*c));
  return list;
}

ExprPtr Transformer::Expr(const PNode& n) {
  CheckStackDepth();
  if (n.is_type<g::or_expr>() || n.is_type<g::and_expr>() || n.is_type<g::other_expr>() || n.is_type<g::add_expr>() ||
      n.is_type<g::mul_expr>() || n.is_type<g::exp_expr>()) {
    return BinaryLevel(n);
  }
  if (n.is_type<g::cmp_expr>()) return Comparison(n);
  if (n.is_type<g::pred_expr>()) return Predicate(n);
  if (n.is_type<g::is_expr>()) return IsTests(n);
  if (n.is_type<g::not_expr>() || n.is_type<g::unary_expr>()) return Unary(n);
  if (n.is_type<g::at_zone_expr>()) return AtTimeZone(n);
  if (n.is_type<g::cast_expr>()) {
    ExprPtr e = Expr(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      const PNode& suffix = *n.children[i];
      if (suffix.is_type<g::subscript_suffix>()) {
        e = Subscript(std::move(e), suffix);
        continue;
      }
      if (suffix.is_type<g::collate_suffix>()) {
        CheckCollation(*suffix.children.at(0));
        continue;
      }
      e = std::make_unique<ast::CastExpr>(std::move(e), Type(*suffix.children.at(1)), Loc(suffix));
    }
    return e;
  }
  if (n.is_type<g::array_ctor>()) return ArrayConstructor(*n.children.at(0), false, Loc(n));
  if (n.is_type<g::row_ctor>() || n.is_type<g::implicit_row>()) return RowConstructor(n);
  if (n.is_type<g::row_or_overlaps>()) return Overlaps(n);
  if (n.is_type<g::paren_expr>()) return FieldSelection(n);
  if (n.is_type<g::scalar_subquery>() || n.is_type<g::exists_expr>() || n.is_type<g::array_subquery>()) {
    using Type = ast::SubqueryExpr::Type;
    auto sub = std::make_unique<ast::SubqueryExpr>(n.is_type<g::exists_expr>()      ? Type::kExists
                                                   : n.is_type<g::array_subquery>() ? Type::kArray
                                                                                    : Type::kScalar,
                                                   Loc(n));
    sub->query = Select(*n.children.at(0));
    return sub;
  }
  if (n.is_type<g::case_expr>()) return Case(n);
  if (n.is_type<g::cast_func>()) {
    return std::make_unique<ast::CastExpr>(Expr(*n.children.at(0)), Type(*n.children.at(1)), Loc(n));
  }
  if (n.is_type<g::typed_literal>()) {
    const PNode& str = *n.children.at(1);
    auto value = std::make_unique<ast::ConstExpr>(ast::ConstExpr::Type::kString, StringValue(str), Loc(str));
    return std::make_unique<ast::CastExpr>(std::move(value), Type(*n.children.at(0)), Loc(n));
  }
  if (n.is_type<g::func_call>()) return Call(n);
  if (n.is_type<g::column_ref>()) return ColumnOrStar(n);
  if (n.is_type<g::param_ref>()) {
    const std::string_view t = n.string_view();
    int number = 0;
    const auto [end, ec] = std::from_chars(t.data() + 1, t.data() + t.size(), number);
    if (ec != std::errc()) {
      throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + std::string(t) + "\"").Position(Pos(Loc(n)));
    }
    return std::make_unique<ast::ParamRef>(number, Loc(n));
  }
  if (n.is_type<g::default_word>()) return std::make_unique<ast::DefaultExpr>(Loc(n));
  if (n.is_type<g::special_call>() || n.is_type<g::substring_func>() || n.is_type<g::position_func>() ||
      n.is_type<g::trim_func>() || n.is_type<g::extract_func>() || n.is_type<g::sql_value_func>()) {
    return SpecialCall(n);
  }
  return Literal(n);
}

ExprPtr Transformer::Literal(const PNode& n) {
  using T = ast::ConstExpr::Type;
  if (n.is_type<g::integer_number>()) return std::make_unique<ast::ConstExpr>(T::kInteger, n.string(), Loc(n));
  if (n.is_type<g::decimal_number>() || n.is_type<g::real_number>()) {
    return std::make_unique<ast::ConstExpr>(T::kDecimal, n.string(), Loc(n));
  }
  if (n.is_type<g::true_word>()) return std::make_unique<ast::ConstExpr>(T::kBool, "t", Loc(n));
  if (n.is_type<g::false_word>()) return std::make_unique<ast::ConstExpr>(T::kBool, "f", Loc(n));
  if (n.is_type<g::null_word>()) return std::make_unique<ast::ConstExpr>(T::kNull, "", Loc(n));
  if (n.is_type<g::plain_string>() || n.is_type<g::escape_string>() || n.is_type<g::unicode_string>() ||
      n.is_type<g::dollar_string>()) {
    return std::make_unique<ast::ConstExpr>(T::kString, StringValue(n), Loc(n));
  }
  LUMADB_ASSERT(false, "unexpected parse node " + std::string(n.type));
}

ExprPtr Transformer::BinaryLevel(const PNode& n) {
  // The chain becomes a left-deep tree that the binder, the executor and even its destructor walk
  // recursively; PostgreSQL gives up on such chains at a few thousand terms, so refuse before building it.
  constexpr std::size_t kMaxOperatorChain = 10000;
  if (n.children.size() / 2 > kMaxOperatorChain) ThrowStackDepthExceeded();
  ExprPtr left = Expr(*n.children.at(0));
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    const PNode& op = *n.children[i];
    std::string text = op.is_type<g::or_word>()        ? "OR"
                       : op.is_type<g::and_word>()     ? "AND"
                       : op.is_type<g::qualified_op>() ? QualifiedOperator(op)
                                                       : op.string();
    left = std::make_unique<ast::BinaryExpr>(std::move(text), std::move(left), Expr(*n.children[i + 1]), Loc(op));
  }
  return left;
}

std::string Transformer::QualifiedOperator(const PNode& n) const {
  const std::string symbol = n.children.back()->string();
  if (n.children.size() == 1 || Ident(*n.children[0]) == "pg_catalog") return symbol;
  return Ident(*n.children[0]) + "." + symbol;
}

void Transformer::CheckCollation(const PNode& name) const {
  std::vector<std::string> parts = NameList(name);
  if (parts.size() == 2 && parts[0] == "pg_catalog") parts.erase(parts.begin());
  // LumaDB compares text bytewise, which is what these collations (the database's default is C) mean.
  if (parts.size() == 1 &&
      (parts[0] == "default" || parts[0] == "C" || parts[0] == "POSIX" || parts[0] == "ucs_basic")) {
    return;
  }
  std::string shown;
  for (const auto& p : NameList(name)) shown += (shown.empty() ? "" : ".") + p;
  throw DbError(sqlstate::kUndefinedObject, "collation \"" + shown + "\" for encoding \"UTF8\" does not exist");
}

ExprPtr Transformer::Comparison(const PNode& n) {
  ExprPtr left = Expr(*n.children.at(0));
  const PNode& op = *n.children.at(1);
  const PNode& right = *n.children.at(2);
  std::string text = op.string() == "!=" ? "<>" : op.string();
  if (right.is_type<g::sublink_rhs>()) {
    const bool all = right.children.at(0)->is_type<g::all_word>();
    auto sub = std::make_unique<ast::SubqueryExpr>(all ? ast::SubqueryExpr::Type::kAll : ast::SubqueryExpr::Type::kAny,
                                                   Loc(op));
    sub->arg = std::move(left);
    sub->op = std::move(text);
    sub->query = Select(*right.children.at(1));
    return sub;
  }
  if (right.is_type<g::array_op_rhs>()) {
    const bool all = right.children.at(0)->is_type<g::all_word>();
    return std::make_unique<ast::ArrayOpExpr>(std::move(text), all, std::move(left), Expr(*right.children.at(1)),
                                              Loc(op));
  }
  return std::make_unique<ast::BinaryExpr>(std::move(text), std::move(left), Expr(right), Loc(op));
}

ExprPtr Transformer::ArrayConstructor(const PNode& brackets, bool is_sub, int32_t location) {
  auto a = std::make_unique<ast::ArrayExpr>(is_sub, location);
  for (const auto& child : brackets.children) {
    a->elements.push_back(child->is_type<g::array_brackets>() ? ArrayConstructor(*child, true, Loc(*child))
                                                              : Expr(*child));
  }
  return a;
}

ExprPtr Transformer::Subscript(ExprPtr arg, const PNode& suffix) {
  auto s = std::make_unique<ast::SubscriptExpr>(std::move(arg), Loc(suffix));
  for (const auto& child : suffix.children) {
    if (child->is_type<g::subscript_lower>()) s->lower = Expr(*child->children.at(0));
    if (child->is_type<g::slice_colon>()) s->is_slice = true;
    if (child->is_type<g::subscript_upper>()) s->upper = Expr(*child->children.at(0));
  }
  return s;
}

ExprPtr Transformer::Predicate(const PNode& n) {
  ExprPtr arg = Expr(*n.children.at(0));
  const PNode& s = *n.children.at(1);
  std::size_t i = 0;
  const bool negated = s.children.at(0)->is_type<g::not_word>();
  if (negated) ++i;
  if (s.is_type<g::between_suffix>()) {
    auto b = std::make_unique<ast::BetweenExpr>(Loc(s));
    b->negated = negated;
    b->arg = std::move(arg);
    if (s.children.at(i)->is_type<g::symmetric_word>()) {
      b->symmetric = true;
      ++i;
    }
    b->low = Expr(*s.children.at(i));
    b->high = Expr(*s.children.at(i + 1));
    return b;
  }
  if (s.is_type<g::in_suffix>()) {
    const PNode& rhs = *s.children.at(i);
    if (rhs.is_type<g::select_stmt>()) {
      auto sub = std::make_unique<ast::SubqueryExpr>(ast::SubqueryExpr::Type::kIn, Loc(s));
      sub->arg = std::move(arg);
      sub->op = "=";
      sub->negated = negated;
      sub->query = Select(rhs);
      return sub;
    }
    auto in = std::make_unique<ast::InListExpr>(Loc(s));
    in->arg = std::move(arg);
    in->negated = negated;
    in->list = ExprList(rhs);
    return in;
  }
  const std::string words = Words(*s.children.at(i));
  if (words != "like" && words != "ilike") {
    // a [NOT] SIMILAR TO b [ESCAPE e] is a [!]~ similar_to_escape(b [, e]) (gram.y AEXPR_SIMILAR).
    auto call = std::make_unique<ast::FuncCall>(std::vector<std::string>{"similar_to_escape"}, Loc(s));
    call->args.push_back(Expr(*s.children.at(i + 1)));
    if (i + 2 < s.children.size()) call->args.push_back(Expr(*s.children[i + 2]->children.at(0)));
    return std::make_unique<ast::BinaryExpr>(negated ? "!~" : "~", std::move(arg), std::move(call), Loc(s));
  }
  std::string op = words == "ilike" ? "ILIKE" : "LIKE";
  if (negated) op = "NOT " + op;
  auto like = std::make_unique<ast::BinaryExpr>(std::move(op), std::move(arg), Expr(*s.children.at(i + 1)), Loc(s));
  if (i + 2 < s.children.size()) like->escape = Expr(*s.children[i + 2]->children.at(0));
  return like;
}

ExprPtr Transformer::IsTests(const PNode& n) {
  ExprPtr e = Expr(*n.children.at(0));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const PNode& s = *n.children[i];
    const PNode& first = *s.children.at(0);
    if (first.is_type<g::isnull_word>() || first.is_type<g::notnull_word>()) {
      e = std::make_unique<ast::IsNullExpr>(std::move(e), first.is_type<g::notnull_word>(), Loc(s));
      continue;
    }
    const bool negated = first.is_type<g::not_word>();
    const PNode& what = *s.children.at(negated ? 1 : 0);
    if (what.is_type<g::distinct_from_rhs>()) {
      e = std::make_unique<ast::BinaryExpr>(negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", std::move(e),
                                            Expr(*what.children.back()), Loc(s));
    } else if (what.is_type<g::null_word>()) {
      e = std::make_unique<ast::IsNullExpr>(std::move(e), negated, Loc(s));
    } else {
      using Test = ast::BoolTestExpr::Test;
      const Test t = what.is_type<g::true_word>()    ? Test::kTrue
                     : what.is_type<g::false_word>() ? Test::kFalse
                                                     : Test::kUnknown;
      e = std::make_unique<ast::BoolTestExpr>(std::move(e), t, negated, Loc(s));
    }
  }
  return e;
}

ExprPtr Transformer::Unary(const PNode& n) {
  const PNode& op = *n.children.at(0);
  ExprPtr arg = Expr(*n.children.at(1));
  if (op.is_type<g::not_word>()) return std::make_unique<ast::UnaryExpr>("NOT", std::move(arg), Loc(op));
  const std::string sign = op.string();
  // gram.y doNegate: a minus applied to a numeric literal folds into the literal, at the minus's position.
  if (sign == "-" && arg->kind == ast::ExprKind::kConstant) {
    auto& c = arg->As<ast::ConstExpr>();
    if (c.type == ast::ConstExpr::Type::kInteger || c.type == ast::ConstExpr::Type::kDecimal) {
      c.text = c.text[0] == '-' ? c.text.substr(1) : "-" + c.text;
      c.location = Loc(op);
      return arg;
    }
  }
  return std::make_unique<ast::UnaryExpr>(sign, std::move(arg), Loc(op));
}

ExprPtr Transformer::Case(const PNode& n) {
  auto c = std::make_unique<ast::CaseExpr>(Loc(n));
  for (const auto& child : n.children) {
    if (child->is_type<g::case_arg>()) {
      c->arg = Expr(*child->children.at(0));
    } else if (child->is_type<g::case_when>()) {
      c->whens.emplace_back(Expr(*child->children.at(0)), Expr(*child->children.at(1)));
    } else {
      c->else_result = Expr(*child->children.at(0));
    }
  }
  return c;
}

ExprPtr Transformer::Call(const PNode& n) {
  const PNode& name = *n.children.at(0);
  auto f = std::make_unique<ast::FuncCall>(NameList(name), Loc(n));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const PNode& c = *n.children[i];
    if (c.is_type<g::func_star>()) {
      f->star = true;
    } else if (c.is_type<g::distinct_word>()) {
      f->distinct = true;
    } else if (!c.is_type<g::expr_list>()) {
      CallClause(c, *f);
    } else {
      f->args = ExprList(c);
    }
  }
  return f;
}

ExprPtr Transformer::ColumnOrStar(const PNode& n) {
  std::vector<std::string> names;
  for (const auto& c : n.children) {
    if (c->is_type<g::star_suffix>()) return std::make_unique<ast::StarExpr>(std::move(names), Loc(n));
    names.push_back(Ident(*c));
  }
  return std::make_unique<ast::ColumnRef>(std::move(names), Loc(n));
}

}  // namespace lumadb::parser
