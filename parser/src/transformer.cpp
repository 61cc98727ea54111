// Transformer: statement dispatch, DML statements and the identifier/literal helpers.

#include "transformer.h"

#include <cctype>

#include "common/error.h"
#include "error_lexer.h"
#include "grammar/statement.hpp"
#include "string_literal.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

/// PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes, never splitting a UTF-8 character.
std::string TruncateIdentifier(std::string s) {
  constexpr std::size_t kMaxIdentifierBytes = 63;
  if (s.size() <= kMaxIdentifierBytes) return s;
  std::size_t n = kMaxIdentifierBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

}  // namespace

std::string Transformer::Ident(const PNode& n) const {
  const std::string_view t = n.string_view();
  std::string out;
  if (t.size() > 2 && (t[0] == 'u' || t[0] == 'U') && t[1] == '&' && t[2] == '"') {
    return TruncateIdentifier(DecodeUnicodeIdentifier(sql_, n.m_begin.byte, t.size()));
  }
  if (!t.empty() && t[0] == '"') {
    for (std::size_t i = 1; i < t.size(); ++i) {
      if (t[i] == '"') {
        if (i + 1 < t.size() && t[i + 1] == '"') {
          out += '"';
          ++i;
        } else {
          break;
        }
      } else {
        out += t[i];
      }
    }
    return TruncateIdentifier(std::move(out));
  }
  // Unquoted: ASCII letters are folded, other bytes kept (downcase_identifier for UTF-8).
  for (char c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '$' || u >= 0x80)) break;
    out += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
  }
  return TruncateIdentifier(std::move(out));
}

int32_t Transformer::Pos(int32_t loc) const {
  return CharacterPosition(sql_, static_cast<std::size_t>(loc));
}

ast::QualifiedName Transformer::QualName(const PNode& n) const {
  ast::QualifiedName q;
  q.location = Loc(n);
  if (n.children.size() == 2) {
    q.schema = Ident(*n.children[0]);
    q.name = Ident(*n.children[1]);
  } else {
    q.name = Ident(*n.children[0]);
  }
  return q;
}

std::vector<std::string> Transformer::NameList(const PNode& n) const {
  std::vector<std::string> names;
  for (const auto& c : n.children) names.push_back(Ident(*c));
  return names;
}

std::string Transformer::Words(const PNode& n) {
  std::string out;
  bool in_word = false;
  for (char c : n.string_view()) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '_') {
      if (!in_word && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(u));
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return out;
}

ast::StatementPtr Transformer::Statement(const PNode& n) {
  return Dispatch(*n.children.at(0));
}

ast::StatementPtr Transformer::Dispatch(const PNode& s) {
  if (s.is_type<g::select_stmt>()) return TopSelect(s);
  if (s.is_type<g::with_dml_stmt>()) return WithDml(s);
  if (s.is_type<g::create_view>()) return CreateView(s);
  if (s.is_type<g::alter_view>()) return AlterView(s);
  if (s.is_type<g::create_table_as>() || s.is_type<g::create_matview>()) return CreateTableAs(s);
  if (s.is_type<g::refresh_matview>()) return RefreshMatView(s);
  if (s.is_type<g::create_function>()) return CreateFunction(s);
  if (s.is_type<g::drop_function>()) return DropFunction(s);
  if (s.is_type<g::alter_function>()) return AlterFunction(s);
  if (s.is_type<g::insert_stmt>()) return Insert(s);
  if (s.is_type<g::update_stmt>()) return Update(s);
  if (s.is_type<g::delete_stmt>()) return Delete(s);
  if (s.is_type<g::create_table>()) return CreateTable(s);
  if (s.is_type<g::create_schema>()) return CreateSchema(s);
  if (s.is_type<g::create_database>()) return CreateDatabase(s);
  if (s.is_type<g::drop_stmt>()) return Drop(s);
  if (s.is_type<g::truncate_stmt>()) return Truncate(s);
  if (s.is_type<g::set_stmt>()) return Set(s);
  if (s.is_type<g::reset_stmt>() || s.is_type<g::show_stmt>()) return ResetOrShow(s);
  if (s.is_type<g::checkpoint_stmt>()) return std::make_unique<ast::CheckpointStmt>();
  if (s.is_type<g::create_index>()) return CreateIndex(s);
  if (s.is_type<g::create_sequence>()) return CreateSequence(s);
  if (s.is_type<g::reindex_stmt>()) return Reindex(s);
  if (s.is_type<g::alter_table>() || s.is_type<g::alter_index>() || s.is_type<g::alter_sequence>()) return Alter(s);
  if (s.is_type<g::vacuum_stmt>() || s.is_type<g::analyze_stmt>()) return Vacuum(s);
  if (s.is_type<g::explain_stmt>()) return Explain(s);
  if (s.is_type<g::copy_stmt>()) return Copy(s);
  if (s.is_type<g::prepare_stmt>()) return Prepare(s);
  if (s.is_type<g::execute_stmt>()) return Execute(s);
  if (s.is_type<g::deallocate_stmt>()) return Deallocate(s);
  if (s.is_type<g::declare_stmt>()) return DeclareCursor(s);
  if (s.is_type<g::fetch_stmt>()) return Fetch(s);
  if (s.is_type<g::close_stmt>()) return ClosePortal(s);
  if (s.is_type<g::create_role>()) return CreateRole(s);
  if (s.is_type<g::alter_role>()) return AlterRole(s);
  if (s.is_type<g::alter_role_set>() || s.is_type<g::alter_database_set>()) return AlterRoleSet(s);
  if (s.is_type<g::drop_role_stmt>()) return DropRole(s);
  if (s.is_type<g::grant_stmt>() || s.is_type<g::revoke_stmt>()) return Grant(s);
  if (s.is_type<g::alter_owner>()) return AlterOwner(s);
  return Transaction(s);
}

std::vector<ast::SelectItem> Transformer::Returning(const PNode& n) {
  std::vector<ast::SelectItem> items;
  for (const auto& c : n.children) items.push_back(TargetItem(*c));
  return items;
}

ast::StatementPtr Transformer::Insert(const PNode& n) {
  auto stmt = std::make_unique<ast::InsertStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::col_id>()) {
      stmt->alias = Ident(*c);
    } else if (c->is_type<g::insert_columns>()) {
      for (const auto& col : c->children) {
        if (col->is_type<g::subscript_suffix>()) {
          auto& target = stmt->column_targets.back();
          if (!target) {
            target = std::make_unique<ast::ColumnRef>(std::vector<std::string>{stmt->columns.back()},
                                                      stmt->column_locations.back());
          }
          target = Subscript(std::move(target), *col);
          continue;
        }
        stmt->columns.push_back(Ident(*col));
        stmt->column_locations.push_back(Loc(*col));
        stmt->column_targets.push_back(nullptr);
      }
    } else if (c->is_type<g::select_stmt>()) {
      stmt->source = Select(*c);
    } else if (c->is_type<g::on_conflict_clause>()) {
      stmt->on_conflict = OnConflict(*c);
    } else if (c->is_type<g::overriding_clause>()) {
      stmt->overriding =
          Words(*c->children.at(0)) == "system" ? ast::OverridingKind::kSystem : ast::OverridingKind::kUser;
    } else if (c->is_type<g::returning_clause>()) {
      stmt->returning = Returning(*c);
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Update(const PNode& n) {
  auto stmt = std::make_unique<ast::UpdateStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::target_alias>()) {
      stmt->alias = Ident(*c->children.at(0));
    } else if (c->is_type<g::set_clause>() || c->is_type<g::multi_set_clause>()) {
      SetItems(*c, &stmt->set);
    } else if (c->is_type<g::from_clause>()) {
      for (const auto& t : c->children) stmt->from.push_back(TableRef(*t));
    } else if (c->is_type<g::where_clause>()) {
      stmt->where = Expr(*c->children.at(0));
    } else if (c->is_type<g::returning_clause>()) {
      stmt->returning = Returning(*c);
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Delete(const PNode& n) {
  auto stmt = std::make_unique<ast::DeleteStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::qualified_name>()) {
      stmt->table = QualName(*c);
    } else if (c->is_type<g::target_alias>()) {
      stmt->alias = Ident(*c->children.at(0));
    } else if (c->is_type<g::using_clause>()) {
      for (const auto& t : c->children) stmt->using_tables.push_back(TableRef(*t));
    } else if (c->is_type<g::where_clause>()) {
      stmt->where = Expr(*c->children.at(0));
    } else if (c->is_type<g::returning_clause>()) {
      stmt->returning = Returning(*c);
    }
  }
  return stmt;
}

}  // namespace lumadb::parser
