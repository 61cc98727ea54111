// Transformer: SQL's special function syntax (normalised to plain calls, see ast::FuncCall) and type
// names (folded to PostgreSQL's internal names, gram.y SimpleTypename/ConstTypename).

#include <charconv>
#include <map>

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using ast::ExprPtr;

namespace {

std::unique_ptr<ast::FuncCall> MakeCall(std::string name, int32_t loc) {
  return std::make_unique<ast::FuncCall>(std::vector<std::string>{std::move(name)}, loc);
}

/// SQL value functions spelled as keywords, and the function each one calls.
const std::map<std::string, std::string, std::less<>>& SqlValueFunctions() {
  static const std::map<std::string, std::string, std::less<>> kMap = {
      {"current_timestamp", "now"},
      {"current_date", "current_date"},
      {"current_time", "current_time"},
      {"localtimestamp", "localtimestamp"},
      {"localtime", "localtime"},
      {"current_user", "current_user"},
      {"user", "current_user"},
      {"current_role", "current_user"},
      {"session_user", "session_user"},
      {"current_catalog", "current_database"},
      {"current_schema", "current_schema"},
  };
  return kMap;
}

/// Internal names of the SQL-standard type spellings (gram.y Numeric/Character/ConstDatetime rules).
const std::map<std::string, std::string, std::less<>>& SpecialTypes() {
  static const std::map<std::string, std::string, std::less<>> kMap = {
      {"double precision", "float8"},
      {"character varying", "varchar"},
      {"char varying", "varchar"},
      {"varchar", "varchar"},
      {"character", "bpchar"},
      {"char", "bpchar"},
      {"bit", "bit"},
      {"bit varying", "varbit"},
      {"timestamp", "timestamp"},
      {"time", "time"},
      {"interval", "interval"},
      {"integer", "int4"},
      {"int", "int4"},
      {"smallint", "int2"},
      {"bigint", "int8"},
      {"real", "float4"},
      {"float", "float8"},
      {"decimal", "numeric"},
      {"dec", "numeric"},
      {"numeric", "numeric"},
      {"boolean", "bool"},
  };
  return kMap;
}

}  // namespace

ExprPtr Transformer::SpecialCall(const PNode& n) {
  const int32_t loc = Loc(n);
  if (n.is_type<g::sql_value_func>()) return MakeCall(SqlValueFunctions().find(Words(n))->second, loc);
  if (n.is_type<g::special_call>()) {
    auto f = MakeCall(Words(*n.children.at(0)), loc);
    f->args = ExprList(*n.children.at(1));
    return f;
  }
  if (n.is_type<g::extract_func>()) {
    const PNode& field = *n.children.at(0);
    const PNode& spelled = *field.children.at(0);
    auto f = MakeCall("extract", loc);
    std::string name = spelled.is_type<g::col_label>() ? Ident(spelled) : StringValue(spelled);
    f->args.push_back(std::make_unique<ast::ConstExpr>(ast::ConstExpr::Type::kString, std::move(name), Loc(field)));
    f->args.push_back(Expr(*n.children.at(1)));
    return f;
  }
  if (n.is_type<g::position_func>()) {
    auto f = MakeCall("position", loc);
    f->args.push_back(Expr(*n.children.at(0)));
    f->args.push_back(Expr(*n.children.at(1)));
    return f;
  }
  if (n.is_type<g::substring_func>()) {
    auto f = MakeCall("substring", loc);
    ExprPtr from, count;
    for (const auto& c : n.children) {
      if (c->is_type<g::substring_from>()) {
        from = Expr(*c->children.at(0));
      } else if (c->is_type<g::substring_for>()) {
        count = Expr(*c->children.at(0));
      } else if (c->is_type<g::substring_similar>()) {
        f->args.push_back(Expr(*c->children.at(0)));
        f->args.push_back(Expr(*c->children.at(1)));
      } else {
        f->args.push_back(Expr(*c));
      }
    }
    // substring(x FOR n) starts at 1, as gram.y's substr_list does.
    if (count && !from) from = std::make_unique<ast::ConstExpr>(ast::ConstExpr::Type::kInteger, "1", -1);
    if (from) f->args.push_back(std::move(from));
    if (count) f->args.push_back(std::move(count));
    return f;
  }
  // trim([BOTH|LEADING|TRAILING] [chars] FROM x, ...) -> btrim/ltrim/rtrim(x, ..., chars)
  std::string name = "btrim";
  ExprPtr chars;
  std::vector<ExprPtr> args;
  for (const auto& c : n.children) {
    if (c->is_type<g::trim_side>()) {
      const std::string side = Words(*c);
      name = side == "leading" ? "ltrim" : side == "trailing" ? "rtrim" : "btrim";
    } else if (c->is_type<g::trim_chars>()) {
      chars = Expr(*c->children.at(0));
    } else {
      args = ExprList(c->is_type<g::trim_from>() ? *c->children.at(0) : *c);
    }
  }
  auto f = MakeCall(std::move(name), loc);
  f->args = std::move(args);
  if (chars) f->args.push_back(std::move(chars));
  return f;
}

ast::TypeName Transformer::Type(const PNode& n) {
  ast::TypeName t;
  t.location = Loc(n);
  bool with_tz = false;
  for (const auto& c : n.children) {
    if (c->is_type<g::special_type>()) {
      t.names.push_back(SpecialTypes().find(Words(*c))->second);
    } else if (c->is_type<g::generic_type>()) {
      t.names = NameList(*c);
    } else if (c->is_type<g::type_modifiers>()) {
      for (const auto& m : c->children) {
        int32_t v = 0;
        const std::string_view text = m->string_view();
        if (!m->is_type<g::integer_number>() ||
            std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc()) {
          // gram.y accepts only integer constants here.
          throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + std::string(text) + "\"")
              .Position(Pos(Loc(*m)));
        }
        t.modifiers.push_back(v);
      }
    } else if (c->is_type<g::tz_suffix>()) {
      with_tz = c->children.size() == 1 && c->children[0]->is_type<g::with_tz>();
    } else if (c->is_type<g::array_suffix>()) {
      t.array = true;
    }
  }
  const PNode& head = *n.children.at(0);
  const std::string spelled = head.is_type<g::special_type>() ? Words(head) : "";
  std::string& name = t.names.back();
  if (with_tz && (name == "timestamp" || name == "time")) name += "tz";
  if (spelled == "float" && !t.modifiers.empty()) {
    // float(p): p bits of mantissa pick float4 or float8 (gram.y opt_float).
    const int32_t p = t.modifiers[0];
    if (p < 1)
      throw DbError(sqlstate::kInvalidParameterValue, "precision for type float must be at least 1 bit")
          .Position(Pos(t.location));
    if (p > 53)
      throw DbError(sqlstate::kInvalidParameterValue, "precision for type float must be less than 54 bits")
          .Position(Pos(t.location));
    name = p <= 24 ? "float4" : "float8";
    t.modifiers.clear();
  }
  // char and bit without a length mean a length of 1 (gram.y CharacterWithoutLength, BitWithoutLength).
  if (t.modifiers.empty() && (spelled == "char" || spelled == "character" || spelled == "bit")) {
    t.modifiers.push_back(1);
  }
  return t;
}

}  // namespace lumadb::parser
