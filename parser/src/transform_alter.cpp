// Transformer: ALTER TABLE, ALTER INDEX ... RENAME TO, ALTER SEQUENCE (gram.y AlterTableStmt,
// alter_table_cmd, RenameStmt, AlterSeqStmt).

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;
using CmdType = ast::AlterTableCmd::Type;

ast::StatementPtr Transformer::Alter(const PNode& n) {
  auto stmt = std::make_unique<ast::AlterTableStmt>();
  stmt->is_index = n.is_type<g::alter_index>();
  stmt->is_sequence = n.is_type<g::alter_sequence>();
  for (const auto& c : n.children) {
    if (c->is_type<g::if_exists>()) {
      stmt->if_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::rename_to>()) {
      stmt->rename = ast::AlterTableStmt::Rename::kTable;
      stmt->rename_to = Ident(*c->children.at(0));
    } else if (c->is_type<g::rename_column>() || c->is_type<g::rename_constraint>()) {
      stmt->rename = c->is_type<g::rename_column>() ? ast::AlterTableStmt::Rename::kColumn
                                                    : ast::AlterTableStmt::Rename::kConstraint;
      stmt->rename_from = Ident(*c->children.at(0));
      stmt->rename_to = Ident(*c->children.at(1));
    } else if (c->is_type<g::seq_option_list>()) {
      // ALTER SEQUENCE name options is its own statement; RENAME TO stays an AlterTableStmt.
      auto seq = std::make_unique<ast::AlterSequenceStmt>();
      seq->name = stmt->table;
      seq->if_exists = stmt->if_exists;
      seq->options = SeqOptions(*c);
      return seq;
    } else {
      stmt->cmds.push_back(AlterCmd(*c, stmt->table.name));
    }
  }
  return stmt;
}

ast::AlterTableCmd Transformer::AlterCmd(const PNode& n, const std::string& table) {
  ast::AlterTableCmd cmd;
  cmd.location = Loc(n);
  if (n.is_type<g::add_constraint_cmd>()) {
    cmd.type = CmdType::kAddConstraint;
    cmd.table_constraint = Constraint(*n.children.at(0));
    return cmd;
  }
  if (n.is_type<g::add_column_cmd>()) {
    cmd.type = CmdType::kAddColumn;
    for (const auto& c : n.children) {
      if (c->is_type<g::if_not_exists>()) cmd.if_not_exists = true;
      if (c->is_type<g::column_def>()) cmd.column_def = Column(*c, table);
    }
    return cmd;
  }
  if (n.is_type<g::drop_constraint_cmd>() || n.is_type<g::drop_column_cmd>()) {
    const bool constraint = n.is_type<g::drop_constraint_cmd>();
    cmd.type = constraint ? CmdType::kDropConstraint : CmdType::kDropColumn;
    for (const auto& c : n.children) {
      if (c->is_type<g::if_exists>()) cmd.if_exists = true;
      if (c->is_type<g::cascade_word>()) cmd.cascade = true;
      if (c->is_type<g::col_id>()) (constraint ? cmd.constraint : cmd.column) = Ident(*c);
    }
    return cmd;
  }
  // ALTER [COLUMN] c action
  cmd.column = Ident(*n.children.at(0));
  const PNode& action = *n.children.at(1);
  if (action.is_type<g::set_not_null_cmd>()) {
    cmd.type = CmdType::kSetNotNull;
  } else if (action.is_type<g::drop_not_null_cmd>()) {
    cmd.type = CmdType::kDropNotNull;
  } else if (action.is_type<g::set_default_cmd>()) {
    cmd.type = CmdType::kSetDefault;
    cmd.expr = Expr(*action.children.at(0));
    cmd.expr_text = SourceText(action).substr(static_cast<std::size_t>(Loc(*action.children.at(0)) - Loc(action)));
  } else if (action.is_type<g::drop_default_cmd>()) {
    cmd.type = CmdType::kDropDefault;
  } else if (action.is_type<g::alter_type_cmd>()) {
    cmd.type = CmdType::kAlterType;
    cmd.type_name = Type(*action.children.at(0));
    if (action.children.size() > 1) {
      const PNode& using_expr = *action.children[1]->children.at(0);
      cmd.expr = Expr(using_expr);
      const PNode& clause = *action.children[1];
      cmd.expr_text = SourceText(clause).substr(static_cast<std::size_t>(Loc(using_expr) - Loc(clause)));
    }
  } else if (action.is_type<g::add_identity_cmd>()) {
    cmd.type = CmdType::kAddIdentity;
    const PNode& identity = *action.children.at(0);
    cmd.identity = identity.children.at(0)->is_type<g::generated_always>() ? 'a' : 'd';
    if (identity.children.size() > 1) cmd.identity_options = SeqOptions(*identity.children[1]);
  } else {
    cmd.type = CmdType::kDropIdentity;
    cmd.if_exists = !action.children.empty();
  }
  return cmd;
}

}  // namespace lumadb::parser
