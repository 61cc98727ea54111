// Transformer: CREATE FUNCTION / PROCEDURE, DROP FUNCTION and ALTER FUNCTION (gram.y CreateFunctionStmt,
// createfunc_opt_item, RemoveFuncStmt, AlterFunctionStmt actions).

#include <cstdlib>

#include "common/error.h"
#include "grammar/statement.hpp"
#include "parser/ast_functions.h"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

char ModeLetter(const std::string& words) {
  if (words == "out") return 'o';
  if (words == "inout" || words == "in out") return 'b';
  if (words == "variadic") return 'v';
  return 'i';
}

}  // namespace

ast::FunctionParam Transformer::FunctionParameter(const PNode& n) {
  ast::FunctionParam p;
  p.location = Loc(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::func_arg_mode>()) {
      p.mode = ModeLetter(Words(*c));
    } else if (c->is_type<g::func_arg_name>()) {
      p.name = Ident(*c->children.at(0));
    } else if (c->is_type<g::type_name>()) {
      p.type = Type(*c);
    } else if (c->is_type<g::func_arg_default>()) {
      p.default_text = SourceText(*c->children.at(0));
    }
  }
  return p;
}

void Transformer::FunctionOption(const PNode& c, ast::CreateFunctionStmt& f) {
  if (c.is_type<g::func_as>()) {
    f.body = StringValue(*c.children.at(0));
    f.body_location = Loc(*c.children.at(0));
  } else if (c.is_type<g::func_language>()) {
    const PNode& v = *c.children.at(0);
    f.language = v.is_type<g::col_label>() ? Ident(v) : StringValue(v);
    for (char& ch : f.language) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  } else if (c.is_type<g::func_called_on_null>()) {
    f.strict = false;
  } else if (c.is_type<g::func_null_on_null>()) {
    f.strict = true;
  } else if (c.is_type<g::func_not_leakproof>()) {
    f.leakproof = false;
  } else if (c.is_type<g::func_security>()) {
    f.security_definer = !c.children.empty();
  } else if (c.is_type<g::func_parallel>()) {
    f.parallel = Ident(*c.children.at(0));
  } else if (c.is_type<g::func_cost>()) {
    f.cost = std::strtod(SourceText(*c.children.at(0)).c_str(), nullptr);
  } else if (c.is_type<g::func_rows>()) {
    f.rows = std::strtod(SourceText(*c.children.at(0)).c_str(), nullptr);
  } else if (c.is_type<g::func_set>()) {
    std::string value;
    for (std::size_t i = 1; i < c.children.size(); ++i) {
      const PNode& v = *c.children[i];
      if (v.is_type<g::func_set_current>()) continue;
      const PNode& inner = *v.children.at(0);
      std::string text =
          inner.is_type<g::col_label>() ? Ident(inner)
          : inner.is_type<g::plain_string>() || inner.is_type<g::escape_string>() || inner.is_type<g::dollar_string>()
              ? StringValue(inner)
              : SourceText(v);
      value += (value.empty() ? "" : ", ") + text;
    }
    f.set_options.push_back(Words(*c.children.at(0)) + "=" + value);
  } else if (c.is_type<g::func_option_word>()) {
    const std::string w = Words(c);
    if (w == "immutable" || w == "stable" || w == "volatile") f.volatility = w[0];
    if (w == "strict") f.strict = true;
    if (w == "leakproof") f.leakproof = true;
  }
}

ast::StatementPtr Transformer::CreateFunction(const PNode& n) {
  auto f = std::make_unique<ast::CreateFunctionStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::or_replace>()) {
      f->or_replace = true;
    } else if (c->is_type<g::procedure_word>()) {
      f->is_procedure = true;
    } else if (c->is_type<g::func_name>()) {
      f->name = QualName(*c);
    } else if (c->is_type<g::func_args>()) {
      for (const auto& a : c->children) f->params.push_back(FunctionParameter(*a));
    } else if (c->is_type<g::func_return>()) {
      f->returns_set = c->children.size() == 2;
      f->returns = Type(*c->children.back());
    } else if (c->is_type<g::func_return_table>()) {
      f->returns_set = f->returns_table = true;
      for (const auto& col : c->children) {
        ast::FunctionParam p;
        p.name = Ident(*col->children.at(0));
        p.type = Type(*col->children.at(1));
        p.mode = 't';
        p.location = Loc(*col);
        f->params.push_back(std::move(p));
      }
    } else if (c->is_type<g::func_return_body>() || c->is_type<g::func_atomic_body>()) {
      f->sql_body = SourceText(*c);
      f->body_location = Loc(*c);
    } else {
      FunctionOption(*c, *f);
    }
  }
  return f;
}

ast::FunctionSignature Transformer::Signature(const PNode& n) {
  ast::FunctionSignature sig;
  sig.name = QualName(*n.children.at(0));
  sig.text = SourceText(n);
  if (n.children.size() > 1) {
    sig.arg_types.emplace();
    for (const auto& a : n.children[1]->children) {
      ast::FunctionParam p = FunctionParameter(*a);
      if (p.mode != 'o') sig.arg_types->push_back(std::move(p.type));
    }
  }
  return sig;
}

ast::StatementPtr Transformer::DropFunction(const PNode& n) {
  auto d = std::make_unique<ast::DropFunctionStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::routine_kind>()) d->kind = Words(*c);
    if (c->is_type<g::if_exists>()) d->if_exists = true;
    if (c->is_type<g::func_signature>()) d->functions.push_back(Signature(*c));
    if (c->is_type<g::cascade_word>()) d->cascade = true;
  }
  return d;
}

ast::StatementPtr Transformer::AlterFunction(const PNode& n) {
  auto a = std::make_unique<ast::AlterFunctionStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::func_signature>()) {
      a->function = Signature(*c);
    } else if (c->is_type<g::func_rename>()) {
      a->new_name = Ident(*c->children.at(0));
    } else if (c->is_type<g::func_owner>()) {
      a->new_owner = Ident(*c->children.at(0));
    } else if (c->is_type<g::func_set_schema>()) {
      a->new_schema = Ident(*c->children.at(0));
    } else if (!c->is_type<g::routine_kind>()) {
      FunctionOption(*c, a->options);
    }
  }
  return a;
}

}  // namespace lumadb::parser
