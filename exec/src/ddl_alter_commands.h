#pragma once
// ALTER TABLE phase 1 (tablecmds.c ATPrepCmd + ATExecCmd): each command edits the new definition held in
// an AlterWork. Column commands are in ddl_alter_table.cpp, constraint and identity commands in
// ddl_alter_constraints.cpp.

#include <string>
#include <string_view>
#include <vector>

#include "ddl.h"
#include "ddl_alter.h"
#include "ddl_constraints.h"
#include "planner/binder.h"

namespace lumadb::exec {

/// True if a table, index or sequence of that name exists in the schema.
inline bool RelationNameTaken(SessionContext& ctx, const std::string& schema, const std::string& name) {
  return ctx.catalog.LookupTable(ctx.txn, schema, name, {}) || ctx.catalog.LookupIndex(ctx.txn, schema, name, {}) ||
         ctx.catalog.LookupSequence(ctx.txn, schema, name, {});
}

/// Runs the commands of one ALTER TABLE on a copy of the table's definition, with PostgreSQL's errors
/// (42701, 42703, 42704, 42P16, 55000, 42804, 2BP01 without CASCADE).
class AlterCommands {
 public:
  AlterCommands(SessionContext& ctx, std::string_view text, const catalog::TableInfo& old, ResultSink& sink)
      : ctx_(ctx), text_(text), old_(old), sink_(sink), binder_(ctx.catalog, ctx.txn, ctx.search_path, text) {
    work_.next = old;
    for (size_t i = 0; i < old.columns.size(); ++i) {
      work_.source.push_back(static_cast<int>(i));
      work_.compute.push_back(nullptr);
    }
  }

  AlterWork& work() { return work_; }

  /// Applies one command to work().
  void Run(const ast::AlterTableCmd& cmd);

 private:
  int ColumnIndex(const std::string& name) const {
    for (size_t i = 0; i < work_.next.columns.size(); ++i) {
      if (work_.next.columns[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }

  catalog::ColumnInfo& Column(const std::string& name) {
    int i = ColumnIndex(name);
    if (i < 0) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + name + "\" of relation \"" + old_.name + "\" does not exist");
    }
    return work_.next.columns[i];
  }

  DbError IdentityError(const std::string& column, const std::string& what, SqlState code) const {
    return DbError(code, "column \"" + column + "\" of relation \"" + old_.name + "\" " + what);
  }

  void AddColumn(const ast::AlterTableCmd& cmd);
  void DropColumn(const ast::AlterTableCmd& cmd);
  std::string KeyName(bool primary, const std::vector<std::string>& columns);
  void AddConstraint(const ast::TableConstraint& k);
  void DropConstraint(const ast::AlterTableCmd& cmd);
  void DropNotNull(const std::string& column);
  void SetDefault(const ast::AlterTableCmd& cmd);
  void AlterType(const ast::AlterTableCmd& cmd);
  void AddIdentity(const ast::AlterTableCmd& cmd);
  void DropIdentity(const ast::AlterTableCmd& cmd);

  SessionContext& ctx_;
  std::string_view text_;
  const catalog::TableInfo& old_;
  ResultSink& sink_;
  planner::Binder binder_;
  AlterWork work_;
};

}  // namespace lumadb::exec
