// Transformer: column definitions, column and table constraints, REFERENCES clauses and sequence options
// (gram.y columnDef/ColConstraintElem/ConstraintElem/SeqOptElem; the per-column consistency checks
// PostgreSQL makes in parse_utilcmd.c transformColumnDefinition; define.c defGetInt64).

#include <cctype>
#include <charconv>

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

/// 42601 with PostgreSQL's "... for column "c" of table "t"" wording.
[[noreturn]] void ThrowColumnError(const std::string& what, const ast::ColumnDef& col, const std::string& table,
                                   int32_t pos) {
  throw DbError(sqlstate::kSyntaxError, what + " for column \"" + col.name + "\" of table \"" + table + "\"")
      .Position(pos);
}

/// serial4/serial8/serial2 are spellings of serial/bigserial/smallserial (parse_utilcmd.c checks both).
void NormalizeSerial(ast::TypeName& t) {
  if (t.names.size() != 1 || t.array) return;
  std::string& name = t.names[0];
  if (name == "serial4") name = "serial";
  if (name == "serial8") name = "bigserial";
  if (name == "serial2") name = "smallserial";
}

ast::FkActionKind Action(const PNode& n) {
  const PNode& a = *n.children.at(0);
  if (a.is_type<g::fk_restrict>()) return ast::FkActionKind::kRestrict;
  if (a.is_type<g::fk_cascade>()) return ast::FkActionKind::kCascade;
  if (a.is_type<g::fk_set_null>()) return ast::FkActionKind::kSetNull;
  if (a.is_type<g::fk_set_default>()) return ast::FkActionKind::kSetDefault;
  return ast::FkActionKind::kNoAction;
}

/// A seq_number node as int64, the way defGetInt64 reads a NumericOnly (22P02 / 22003 like int8in).
int64_t SeqNumber(const PNode& n) {
  std::string text;
  bool integral = true;
  for (const auto& c : n.children) {
    if (c->is_type<g::sign_op>()) {
      if (c->string_view() == "-") text += '-';
    } else {
      integral = c->is_type<g::integer_number>();
      text += c->string();
    }
  }
  if (!integral) {
    throw DbError(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bigint: \"" + text + "\"");
  }
  int64_t v = 0;
  if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc()) {
    throw DbError(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type bigint");
  }
  return v;
}

/// The text of an expression that starts `offset` bytes into its parent node's text. Folded expression
/// nodes do not carry a reliable end, so the parent (a non-folded node) delimits it.
std::string TextFrom(const std::string& parent_text, int32_t offset) {
  return parent_text.substr(static_cast<std::size_t>(offset));
}

/// The expression inside CHECK ( expr ) [NO INHERIT], given the text from the expression's start.
std::string CheckText(std::string text) {
  auto trim = [&] {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  };
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr std::string_view kInherit = "inherit";
  if (lower.size() > kInherit.size() && lower.compare(lower.size() - kInherit.size(), kInherit.size(), kInherit) == 0) {
    text.resize(text.size() - kInherit.size());
    trim();
    text.resize(text.size() - 2);  // NO
    trim();
  }
  if (!text.empty()) text.pop_back();  // ')'
  trim();
  return text;
}

}  // namespace

std::string Transformer::SourceText(const PNode& n) const {
  std::string_view text = sql_.substr(n.m_begin.byte, n.m_end.byte - n.m_begin.byte);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

ast::ColumnDef Transformer::Column(const PNode& n, const std::string& table) {
  ast::ColumnDef col;
  col.name = Ident(*n.children.at(0));
  col.location = Loc(n);
  col.type = Type(*n.children.at(1));
  NormalizeSerial(col.type);
  std::string name;           // a pending CONSTRAINT name, for the element that follows it
  int32_t start = -1;         // where that constraint starts (its CONSTRAINT keyword if named)
  bool saw_nullable = false;  // NULL or NOT NULL seen
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const PNode& c = *n.children[i];
    if (c.is_type<g::constraint_name>()) {
      name = Ident(*c.children.at(0));
      start = Loc(c);
      continue;
    }
    const int32_t pos = Pos(start >= 0 ? start : Loc(c));
    if (c.is_type<g::not_null_constraint>() || c.is_type<g::null_constraint>()) {
      const bool not_null = c.is_type<g::not_null_constraint>();
      if (saw_nullable && col.not_null != not_null) {
        ThrowColumnError("conflicting NULL/NOT NULL declarations", col, table, pos);
      }
      saw_nullable = true;
      col.not_null = not_null;
    } else if (c.is_type<g::primary_key>()) {
      if (col.primary_key) {
        throw DbError(sqlstate::kInvalidTableDefinition,
                      "multiple primary keys for table \"" + table + "\" are not allowed")
            .Position(pos);
      }
      col.primary_key = true;
      col.pk_name = name;
    } else if (c.is_type<g::unique_constraint>()) {
      col.unique = true;
      col.unique_name = name;
    } else if (c.is_type<g::default_constraint>()) {
      if (col.default_expr) ThrowColumnError("multiple default values specified", col, table, pos);
      if (col.identity) ThrowColumnError("both default and identity specified", col, table, pos);
      col.default_expr = Expr(*c.children.at(0));
      col.default_text = TextFrom(SourceText(c), Loc(*c.children.at(0)) - Loc(c));
    } else if (c.is_type<g::check_constraint>()) {
      col.checks.push_back(
          {name, Expr(*c.children.at(0)), CheckText(TextFrom(SourceText(c), Loc(*c.children.at(0)) - Loc(c)))});
    } else if (c.is_type<g::references_clause>()) {
      col.references = ast::ColumnDef::References{name, References(c)};
    } else if (c.is_type<g::identity_constraint>()) {
      if (col.identity) ThrowColumnError("multiple identity specifications", col, table, pos);
      if (col.default_expr) ThrowColumnError("both default and identity specified", col, table, pos);
      col.identity = c.children.at(0)->is_type<g::generated_always>() ? 'a' : 'd';
      if (c.children.size() > 1) col.identity_options = SeqOptions(*c.children[1]);
    } else if (c.is_type<g::initially_deferred>()) {
      throw DbError(sqlstate::kFeatureNotSupported, "INITIALLY DEFERRED constraints are not supported")
          .Position(Pos(Loc(c)));
    }
    name.clear();
    start = -1;
  }
  return col;
}

ast::TableConstraint Transformer::Constraint(const PNode& n) {
  ast::TableConstraint tc;
  tc.location = Loc(n);
  for (const auto& part : n.children) {
    if (part->is_type<g::constraint_name>()) {
      tc.name = Ident(*part->children.at(0));
    } else if (part->is_type<g::primary_key>()) {
      tc.type = ast::TableConstraint::Type::kPrimaryKey;
    } else if (part->is_type<g::unique_constraint>()) {
      tc.type = ast::TableConstraint::Type::kUnique;
    } else if (part->is_type<g::name_list>()) {
      tc.columns = NameList(*part);
    } else if (part->is_type<g::check_constraint>()) {
      tc.type = ast::TableConstraint::Type::kCheck;
      tc.check = Expr(*part->children.at(0));
      tc.check_text = CheckText(TextFrom(SourceText(*part), Loc(*part->children.at(0)) - Loc(*part)));
    } else if (part->is_type<g::foreign_key>()) {
      tc.type = ast::TableConstraint::Type::kForeignKey;
      tc.columns = NameList(*part->children.at(0));
      tc.references = References(*part->children.at(1));
    } else if (part->is_type<g::not_valid>()) {
      tc.not_valid = true;
    } else if (part->is_type<g::initially_deferred>()) {
      throw DbError(sqlstate::kFeatureNotSupported, "INITIALLY DEFERRED constraints are not supported")
          .Position(Pos(Loc(*part)));
    }
  }
  return tc;
}

ast::ForeignKeyRef Transformer::References(const PNode& n) {
  ast::ForeignKeyRef ref;
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) {
      ref.table = QualName(*c);
    } else if (c->is_type<g::name_list>()) {
      ref.columns = NameList(*c);
    } else if (c->is_type<g::match_partial>()) {
      throw DbError(sqlstate::kFeatureNotSupported, "MATCH PARTIAL not yet implemented").Position(Pos(Loc(*c)));
    } else if (c->is_type<g::on_delete>()) {
      ref.on_delete = Action(*c);
    } else if (c->is_type<g::on_update>()) {
      ref.on_update = Action(*c);
    }
  }
  return ref;
}

ast::SequenceOptions Transformer::SeqOptions(const PNode& n) {
  ast::SequenceOptions o;
  for (const auto& c : n.children) {
    // Each option may appear once (sequence.c init_params -> errorConflictingDefElem).
    auto once = [&](bool already_set) {
      if (already_set) {
        throw DbError(sqlstate::kSyntaxError, "conflicting or redundant options").Position(Pos(Loc(*c)));
      }
    };
    if (c->is_type<g::seq_as>()) {
      once(o.as_type.has_value());
      o.as_type = Type(*c->children.at(0));
    } else if (c->is_type<g::seq_cache>()) {
      once(o.cache.has_value());
      o.cache = SeqNumber(*c->children.at(0));
    } else if (c->is_type<g::seq_cycle>() || c->is_type<g::seq_no_cycle>()) {
      once(o.cycle.has_value());
      o.cycle = c->is_type<g::seq_cycle>();
    } else if (c->is_type<g::seq_increment>()) {
      once(o.increment.has_value());
      o.increment = SeqNumber(*c->children.at(0));
    } else if (c->is_type<g::seq_maxvalue>() || c->is_type<g::seq_no_maxvalue>()) {
      once(o.max_value.has_value());
      // NO MAXVALUE leaves the inner optional empty.
      if (c->is_type<g::seq_maxvalue>()) {
        o.max_value.emplace(SeqNumber(*c->children.at(0)));
      } else {
        o.max_value.emplace(std::nullopt);
      }
    } else if (c->is_type<g::seq_minvalue>() || c->is_type<g::seq_no_minvalue>()) {
      once(o.min_value.has_value());
      // NO MINVALUE leaves the inner optional empty.
      if (c->is_type<g::seq_minvalue>()) {
        o.min_value.emplace(SeqNumber(*c->children.at(0)));
      } else {
        o.min_value.emplace(std::nullopt);
      }
    } else if (c->is_type<g::seq_owned_by>()) {
      once(!o.owned_by.empty());
      o.owned_by = NameList(*c->children.at(0));
    } else if (c->is_type<g::seq_start>()) {
      once(o.start.has_value());
      o.start = SeqNumber(*c->children.at(0));
    } else if (c->is_type<g::seq_restart>()) {
      once(o.restart.has_value() || o.restart_default);
      if (c->children.empty()) {
        o.restart_default = true;
      } else {
        o.restart = SeqNumber(*c->children.at(0));
      }
    }
  }
  return o;
}

}  // namespace lumadb::parser
