// Transformer: CREATE TABLE/SCHEMA/DATABASE/INDEX/SEQUENCE, DROP, TRUNCATE, REINDEX (gram.y CreateStmt,
// IndexStmt, CreateSeqStmt, DropStmt, TruncateStmt, ReindexStmt).

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

ast::StatementPtr Transformer::CreateTable(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateTableStmt>();
  stmt->persistence = Persistence(n, &stmt->on_commit);
  bool has_primary_key = false;
  // A second PRIMARY KEY, column- or table-level (parse_utilcmd.c transformIndexConstraint).
  auto primary_key = [&](int32_t loc) {
    if (has_primary_key) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "multiple primary keys for table \"" + stmt->table.name + "\" are not allowed")
          .Position(Pos(loc));
    }
    has_primary_key = true;
  };
  for (const auto& c : n.children) {
    if (c->is_type<g::if_not_exists>()) {
      stmt->if_not_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::column_def>()) {
      stmt->columns.push_back(Column(*c, stmt->table.name));
      if (stmt->columns.back().primary_key) {
        for (const auto& part : c->children) {
          if (part->is_type<g::primary_key>()) primary_key(Loc(*part));
        }
      }
    } else if (c->is_type<g::table_constraint>()) {
      stmt->constraints.push_back(Constraint(*c));
      if (stmt->constraints.back().type == ast::TableConstraint::Type::kPrimaryKey) primary_key(Loc(*c));
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
    } else if (c->is_type<g::drop_index_word>()) {
      stmt->object_type = ast::ObjectType::kIndex;
    } else if (c->is_type<g::drop_kind>()) {
      const std::string kind = Words(*c);
      stmt->object_type = kind == "schema"              ? ast::ObjectType::kSchema
                          : kind == "sequence"          ? ast::ObjectType::kSequence
                          : kind == "view"              ? ast::ObjectType::kView
                          : kind == "materialized view" ? ast::ObjectType::kMatView
                                                        : ast::ObjectType::kTable;
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
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) {
      stmt->tables.push_back(QualName(*c));
    } else if (c->is_type<g::restart_identity>()) {
      stmt->restart_identity = true;
    } else if (c->is_type<g::cascade_word>()) {
      stmt->cascade = true;
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::CreateIndex(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateIndexStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::index_unique>()) {
      stmt->unique = true;
    } else if (c->is_type<g::if_not_exists>()) {
      stmt->if_not_exists = true;
    } else if (c->is_type<g::index_name>()) {
      stmt->name = Ident(*c->children.at(0));
    } else if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::index_method>()) {
      stmt->method = Ident(*c->children.at(0));
    } else if (c->is_type<g::index_elem>()) {
      ast::IndexElem elem;
      elem.location = Loc(*c);
      for (const auto& part : c->children) {
        if (part->is_type<g::col_id>()) elem.column = Ident(*part);
        if (part->is_type<g::index_expr_key>()) stmt->has_expression = true;
        if (part->is_type<g::desc_word>()) elem.descending = true;
        if (part->is_type<g::first_word>()) elem.nulls_first = true;
        if (part->is_type<g::last_word>()) elem.nulls_first = false;
      }
      stmt->columns.push_back(std::move(elem));
    } else if (c->is_type<g::index_include>()) {
      stmt->has_include = true;
    } else if (c->is_type<g::index_where>()) {
      stmt->has_where = true;
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Reindex(const PNode& n) {
  auto stmt = std::make_unique<ast::ReindexStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::reindex_table_word>()) stmt->is_table = true;
    if (c->is_type<g::qualified_name>()) stmt->name = QualName(*c);
  }
  return stmt;
}

ast::StatementPtr Transformer::CreateSequence(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateSequenceStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::if_not_exists>()) stmt->if_not_exists = true;
    if (c->is_type<g::qualified_name>()) stmt->name = QualName(*c);
    if (c->is_type<g::seq_option_list>()) stmt->options = SeqOptions(*c);
  }
  return stmt;
}

}  // namespace lumadb::parser
