// Transformer: WITH clauses, SELECT ... INTO, CREATE VIEW, CREATE TABLE AS, materialized views (gram.y
// with_clause, common_table_expr, into_clause, ViewStmt, CreateAsStmt, CreateMatViewStmt actions).

#include "common/error.h"
#include "grammar/statement.hpp"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

/// The leftmost simple SELECT of a set operation tree: the only place INTO may stand (gram.y).
ast::SelectStmt& Leftmost(ast::SelectStmt& s) {
  return s.larg ? Leftmost(*s.larg) : s;
}

}  // namespace

char Transformer::Persistence(const PNode& n, ast::OnCommitAction* on_commit) {
  char persistence = 'p';
  for (const auto& c : n.children) {
    if (c->is_type<g::temp_word>()) persistence = 't';
    if (c->is_type<g::unlogged_word>()) persistence = 'u';
    if (c->is_type<g::on_commit_action>() && on_commit != nullptr) {
      const std::string words = Words(*c);
      *on_commit = words == "drop"          ? ast::OnCommitAction::kDrop
                   : words == "delete rows" ? ast::OnCommitAction::kDeleteRows
                                            : ast::OnCommitAction::kPreserveRows;
    }
  }
  return persistence;
}

void Transformer::AttachWith(const PNode& n, std::shared_ptr<ast::WithClause>& into) {
  if (into) throw DbError(sqlstate::kSyntaxError, "multiple WITH clauses not allowed").Position(Pos(Loc(n)));
  auto with = std::make_shared<ast::WithClause>();
  with->location = Loc(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::recursive_word>()) {
      with->recursive = true;
      continue;
    }
    ast::CommonTableExpr cte;
    cte.location = Loc(*c);
    cte.name = Ident(*c->children.at(0));
    for (const auto& earlier : with->ctes) {
      if (earlier.name != cte.name) continue;
      // parse_cte.c transformWithClause (42712 duplicate_alias).
      throw DbError(SqlState{"42712"}, "WITH query name \"" + cte.name + "\" specified more than once")
          .Position(Pos(cte.location));
    }
    for (std::size_t i = 1; i < c->children.size(); ++i) {
      const PNode& part = *c->children[i];
      if (part.is_type<g::cte_columns>()) {
        cte.columns = NameList(part);
      } else if (part.is_type<g::cte_materialized>()) {
        cte.materialized = part.children.empty();
      } else if (part.is_type<g::cte_search>()) {
        cte.search = SearchClause(part);
      } else if (part.is_type<g::cte_cycle>()) {
        cte.cycle = CycleClause(part);
      } else {
        cte.query = Dispatch(part);
      }
    }
    with->ctes.push_back(std::move(cte));
  }
  into = std::move(with);
}

std::shared_ptr<const ast::CteSearchClause> Transformer::SearchClause(const PNode& n) {
  auto search = std::make_shared<ast::CteSearchClause>();
  search->location = Loc(n);
  for (const auto& c : n.children) {
    if (c->is_type<g::breadth_word>()) search->breadth_first = true;
    if (c->is_type<g::cte_name_list>()) search->columns = NameList(*c);
  }
  search->sequence_column = Ident(*n.children.back());
  return search;
}

std::shared_ptr<const ast::CteCycleClause> Transformer::CycleClause(const PNode& n) {
  auto cycle = std::make_shared<ast::CteCycleClause>();
  cycle->location = Loc(n);
  cycle->columns = NameList(*n.children.at(0));
  cycle->mark_column = Ident(*n.children.at(1));
  if (n.children.at(2)->is_type<g::cte_cycle_values>()) {
    cycle->mark_value = Expr(*n.children[2]->children.at(0));
    cycle->mark_default = Expr(*n.children[2]->children.at(1));
  }
  cycle->path_column = Ident(*n.children.back());
  return cycle;
}

ast::StatementPtr Transformer::WithDml(const PNode& n) {
  ast::StatementPtr stmt = Dispatch(*n.children.at(1));
  switch (stmt->kind) {
    case ast::StmtKind::kInsert:
      AttachWith(*n.children[0], stmt->As<ast::InsertStmt>().with);
      break;
    case ast::StmtKind::kUpdate:
      AttachWith(*n.children[0], stmt->As<ast::UpdateStmt>().with);
      break;
    default:
      AttachWith(*n.children[0], stmt->As<ast::DeleteStmt>().with);
      break;
  }
  return stmt;
}

std::shared_ptr<ast::IntoClause> Transformer::Into(const PNode& n) {
  auto into = std::make_shared<ast::IntoClause>();
  into->persistence = Persistence(n, nullptr);
  into->table = QualName(*n.children.back());
  return into;
}

ast::StatementPtr Transformer::TopSelect(const PNode& n) {
  std::unique_ptr<ast::SelectStmt> select = Select(n);
  ast::SelectStmt& first = Leftmost(*select);
  if (!first.into) return select;
  auto stmt = std::make_unique<ast::CreateTableAsStmt>();
  stmt->into = *first.into;
  first.into.reset();
  stmt->is_select_into = true;
  stmt->query = std::move(select);
  return stmt;
}

ast::StatementPtr Transformer::AlterView(const PNode& n) {
  using Action = ast::AlterViewStmt::Action;
  auto stmt = std::make_unique<ast::AlterViewStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::if_exists>()) {
      stmt->if_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->view = QualName(*c);
    } else if (c->is_type<g::alter_view_set>() || c->is_type<g::alter_view_reset>()) {
      const bool set = c->is_type<g::alter_view_set>();
      stmt->action = set ? Action::kSetOptions : Action::kResetOptions;
      for (const auto& o : c->children) {
        std::string value = set ? (o->children.size() > 1 ? OptionValue(*o->children[1]) : "true") : "";
        stmt->options.emplace_back(Ident(*o->children.at(0)), std::move(value));
      }
    } else if (c->is_type<g::alter_view_default>()) {
      stmt->column = Ident(*c->children.at(0));
      const PNode& action = *c->children.at(1);
      stmt->action = action.is_type<g::view_set_default>() ? Action::kSetDefault : Action::kDropDefault;
      if (stmt->action == Action::kSetDefault) stmt->default_text = SourceText(*action.children.at(0));
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::CreateView(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateViewStmt>();
  stmt->persistence = Persistence(n, nullptr);
  for (const auto& c : n.children) {
    if (c->is_type<g::or_replace>()) {
      stmt->replace = true;
    } else if (c->is_type<g::recursive_word>()) {
      stmt->recursive = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->view = QualName(*c);
    } else if (c->is_type<g::cte_columns>()) {
      stmt->columns = NameList(*c);
    } else if (c->is_type<g::rel_option>()) {
      std::string value = c->children.size() > 1 ? OptionValue(*c->children[1]) : "true";
      stmt->options.emplace_back(Ident(*c->children.at(0)), std::move(value));
    } else if (c->is_type<g::view_query>()) {
      stmt->query = Select(*c->children.at(0));
      stmt->query_text = SourceText(*c);
    } else if (c->is_type<g::check_option>()) {
      stmt->check_option = c->children.empty() ? "cascaded" : Words(*c->children[0]);
    }
  }
  if (stmt->recursive) {
    // CREATE RECURSIVE VIEW v (cols) AS q is CREATE VIEW v AS WITH RECURSIVE v (cols) AS (q) SELECT cols
    // FROM v (gram.y makeRecursiveViewSelect).
    if (stmt->columns.empty()) {
      throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"AS\"").Position(Pos(stmt->view.location));
    }
    std::string cols;
    for (const auto& col : stmt->columns) cols += (cols.empty() ? "" : ", ") + ("\"" + col + "\"");
    const std::string name = "\"" + stmt->view.name + "\"";
    stmt->query_text =
        "WITH RECURSIVE " + name + " (" + cols + ") AS (" + stmt->query_text + ") SELECT " + cols + " FROM " + name;
  }
  return stmt;
}

ast::StatementPtr Transformer::CreateTableAs(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateTableAsStmt>();
  stmt->is_matview = n.is_type<g::create_matview>();
  stmt->into.persistence = Persistence(n, &stmt->into.on_commit);
  for (const auto& c : n.children) {
    if (c->is_type<g::if_not_exists>()) {
      stmt->if_not_exists = true;
    } else if (c->is_type<g::qualified_name>()) {
      stmt->into.table = QualName(*c);
    } else if (c->is_type<g::cte_columns>()) {
      stmt->into.columns = NameList(*c);
    } else if (c->is_type<g::rel_option>()) {
      std::string value = c->children.size() > 1 ? OptionValue(*c->children[1]) : "true";
      stmt->into.options.emplace_back(Ident(*c->children.at(0)), std::move(value));
    } else if (c->is_type<g::select_stmt>()) {
      stmt->query = Select(*c);
      stmt->query_text = SourceText(*c);
    } else if (c->is_type<g::with_data>()) {
      stmt->into.skip_data = !c->children.empty();
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::RefreshMatView(const PNode& n) {
  auto stmt = std::make_unique<ast::RefreshMatViewStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) stmt->view = QualName(*c);
    if (c->is_type<g::with_data>()) stmt->skip_data = !c->children.empty();
  }
  return stmt;
}

}  // namespace lumadb::parser
