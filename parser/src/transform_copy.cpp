// Transformer: COPY (gram.y CopyStmt). Both option syntaxes become the generic list of DefElems that
// PostgreSQL's ProcessCopyOptions reads, with the old keywords renamed as gram.y's copy_opt_item does.

#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

/// Text of a utility_option_arg: a word folded, a string unquoted, a number with its sign.
std::string ArgText(const Transformer& t, const PNode& arg) {
  std::string out;
  for (const auto& v : arg.children) {
    if (v->is_type<g::utility_option_word>()) {
      out += t.Ident(*v);
    } else if (v->is_type<g::sign_op>() || v->is_type<g::integer_number>() || v->is_type<g::decimal_number>() ||
               v->is_type<g::real_number>()) {
      if (v->string_view() != "+") out += v->string();
    } else {
      out += Transformer::StringValue(*v);
    }
  }
  return out;
}

ast::CopyOption GenericOption(const Transformer& t, const PNode& n) {
  ast::CopyOption o;
  o.location = Transformer::Loc(n);
  o.name = t.Ident(*n.children.at(0));
  if (n.children.size() < 2) return o;
  const PNode& arg = *n.children[1];
  o.has_value = true;
  if (arg.is_type<g::copy_star>()) {
    o.star = true;
  } else if (arg.is_type<g::copy_arg_list>()) {
    o.is_list = true;
    for (const auto& item : arg.children) o.list.push_back(ArgText(t, *item));
  } else {
    o.value = ArgText(t, arg);
  }
  return o;
}

ast::CopyOption OldOption(const Transformer& t, const PNode& n) {
  ast::CopyOption o;
  o.location = Transformer::Loc(n);
  if (n.is_type<g::copy_force_quote>() || n.is_type<g::copy_force_not_null>() || n.is_type<g::copy_force_null>()) {
    o.name = n.is_type<g::copy_force_quote>()      ? "force_quote"
             : n.is_type<g::copy_force_not_null>() ? "force_not_null"
                                                   : "force_null";
    o.has_value = true;
    const PNode& arg = *n.children.at(0);
    if (arg.is_type<g::copy_star>()) {
      o.star = true;
    } else {
      o.is_list = true;
      o.list = t.NameList(arg);
    }
    return o;
  }
  const std::string word = Transformer::Words(*n.children.at(0));
  if (word == "binary" || word == "csv") {
    o.name = "format";
    o.value = word;
    o.has_value = true;
  } else {
    o.name = word;
    if (n.children.size() > 1) {
      o.value = Transformer::StringValue(*n.children[1]);
      o.has_value = true;
    }
  }
  return o;
}

}  // namespace

ast::StatementPtr Transformer::Copy(const PNode& n) {
  auto stmt = std::make_unique<ast::CopyStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::select_stmt>()) {
      stmt->query = Select(*c);
      stmt->query_location = Loc(*c);
      stmt->query_length = static_cast<int32_t>(SourceText(*c).size());
    } else if (c->is_type<g::copy_binary_word>()) {
      stmt->options.push_back({"format", "binary", true, false, {}, false, Loc(*c)});
    } else if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::name_list>()) {
      stmt->columns = NameList(*c);
    } else if (c->is_type<g::copy_from_word>()) {
      stmt->is_from = true;
    } else if (c->is_type<g::copy_file>()) {
      if (!c->children.empty()) stmt->filename = StringValue(*c->children[0]);
    } else if (c->is_type<g::copy_delimiters>()) {
      stmt->options.push_back({"delimiter", StringValue(*c->children.at(0)), true, false, {}, false, Loc(*c)});
    } else if (c->is_type<g::copy_generic_option>()) {
      stmt->options.push_back(GenericOption(*this, *c));
    } else if (c->is_type<g::copy_old_option>()) {
      stmt->options.push_back(OldOption(*this, c->children.at(0)->is_type<g::copy_old_name>() ? *c : *c->children[0]));
    }
  }
  return stmt;
}

}  // namespace lumadb::parser
