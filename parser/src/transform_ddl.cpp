// Transformer: CREATE TABLE/SCHEMA/DATABASE, DROP, TRUNCATE (gram.y CreateStmt, ColQualList, DropStmt).

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

std::string Transformer::OptionValue(const PNode& n) const {
  std::string out;
  for (const auto& c : n.children) {
    if (c->is_type<g::sign_op>()) {
      out += c->string();
    } else if (c->is_type<g::col_label>()) {
      out += Ident(*c);
    } else if (c->is_type<g::integer_number>() || c->is_type<g::decimal_number>() || c->is_type<g::real_number>()) {
      out += c->string();
    } else {
      out += StringValue(*c);
    }
  }
  return out;
}

ast::ColumnDef Transformer::Column(const PNode& n) {
  ast::ColumnDef col;
  col.name = Ident(*n.children.at(0));
  col.location = Loc(n);
  col.type = Type(*n.children.at(1));
  for (std::size_t i = 2; i < n.children.size(); ++i) {
    const PNode& c = *n.children[i];
    if (c.is_type<g::not_null_constraint>()) {
      col.not_null = true;
    } else if (c.is_type<g::primary_key>()) {
      col.primary_key = true;
    } else if (c.is_type<g::unique_constraint>()) {
      col.unique = true;
    } else if (c.is_type<g::default_constraint>()) {
      const PNode& e = *c.children.at(0);
      col.default_expr = Expr(e);
      // The stored text runs from the expression's first byte to the end of its last token.
      std::string_view text = sql_.substr(e.m_begin.byte, c.m_end.byte - e.m_begin.byte);
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
      col.default_text = std::string(text);
    }
  }
  return col;
}

ast::StatementPtr Transformer::CreateTable(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateTableStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::if_not_exists>()) {
      stmt->if_not_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::column_def>()) {
      stmt->columns.push_back(Column(*c));
    } else if (c->is_type<g::table_constraint>()) {
      ast::TableConstraint tc;
      tc.location = Loc(*c);
      for (const auto& part : c->children) {
        if (part->is_type<g::constraint_name>()) tc.name = Ident(*part->children.at(0));
        if (part->is_type<g::unique_constraint>()) tc.type = ast::TableConstraint::Type::kUnique;
        if (part->is_type<g::name_list>()) tc.columns = NameList(*part);
      }
      stmt->constraints.push_back(std::move(tc));
    } else if (c->is_type<g::rel_option>()) {
      // WITH (name) without a value means true (reloptions.c parseRelOptions).
      std::string value = c->children.size() > 1 ? OptionValue(*c->children[1]) : "true";
      stmt->options.emplace_back(Ident(*c->children.at(0)), std::move(value));
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::CreateSchema(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateSchemaStmt>();
  stmt->if_not_exists = n.children.at(0)->is_type<g::if_not_exists>();
  stmt->name = Ident(*n.children.back());
  return stmt;
}

ast::StatementPtr Transformer::CreateDatabase(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateDatabaseStmt>();
  stmt->name = Ident(*n.children.at(0));
  for (std::size_t i = 1; i < n.children.size(); ++i) {
    const PNode& opt = *n.children[i];
    std::string name = Words(*opt.children.at(0));
    if (name == "connection limit") name = "connection_limit";
    stmt->options.emplace_back(std::move(name), OptionValue(*opt.children.at(1)));
  }
  return stmt;
}

ast::StatementPtr Transformer::Drop(const PNode& n) {
  auto stmt = std::make_unique<ast::DropStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::database_word>()) {
      stmt->object_type = ast::ObjectType::kDatabase;
    } else if (c->is_type<g::drop_kind>()) {
      stmt->object_type = Words(*c) == "schema" ? ast::ObjectType::kSchema : ast::ObjectType::kTable;
    } else if (c->is_type<g::if_exists>()) {
      stmt->if_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->names.push_back(QualName(*c));
    } else if (c->is_type<g::cascade_word>()) {
      stmt->cascade = true;
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Truncate(const PNode& n) {
  auto stmt = std::make_unique<ast::TruncateStmt>();
  for (const auto& c : n.children) stmt->tables.push_back(QualName(*c));
  return stmt;
}

}  // namespace lumadb::parser
