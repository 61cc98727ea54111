// ALTER TABLE / ALTER INDEX / ALTER SEQUENCE ... RENAME (tablecmds.c): phase 1, each command edits the
// new definition in an AlterWork; ddl_alter_rewrite.cpp then publishes it and rewrites or validates rows.

#include <algorithm>
#include <map>
#include <set>

#include "ddl_alter_commands.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/type_rules.h"

namespace lumadb::exec {

namespace {

std::string Shown(const ast::QualifiedName& name) {
  return name.schema.empty() ? name.name : name.schema + "." + name.name;
}

}  // namespace

void AlterCommands::Run(const ast::AlterTableCmd& cmd) {
  using T = ast::AlterTableCmd::Type;
  switch (cmd.type) {
    case T::kAddColumn:
      return AddColumn(cmd);
    case T::kDropColumn:
      return DropColumn(cmd);
    case T::kAddConstraint:
      return AddConstraint(*cmd.table_constraint);
    case T::kDropConstraint:
      return DropConstraint(cmd);
    case T::kSetNotNull:
      Column(cmd.column).not_null = true;
      work_.check_not_null.push_back(static_cast<int16_t>(ColumnIndex(cmd.column) + 1));
      return;
    case T::kDropNotNull:
      return DropNotNull(cmd.column);
    case T::kSetDefault:
      return SetDefault(cmd);
    case T::kDropDefault: {
      catalog::ColumnInfo& col = Column(cmd.column);
      if (col.identity != 0) throw IdentityError(col.name, "is an identity column", sqlstate::kSyntaxError);
      col.default_expr.reset();
      return;
    }
    case T::kAlterType:
      return AlterType(cmd);
    case T::kAddIdentity:
      return AddIdentity(cmd);
    case T::kDropIdentity:
      return DropIdentity(cmd);
  }
}

void AlterCommands::AddColumn(const ast::AlterTableCmd& cmd) {
  const ast::ColumnDef& c = *cmd.column_def;
  if (ColumnIndex(c.name) >= 0) {
    std::string msg = "column \"" + c.name + "\" of relation \"" + old_.name + "\" already exists";
    if (cmd.if_not_exists) {
      sink_.Notice(Severity::kNotice, sqlstate::kDuplicateColumn, msg + ", skipping");
      return;
    }
    throw DbError(sqlstate::kDuplicateColumn, msg);
  }
  // Reuse CREATE TABLE's column rules through a one-column definition.
  ast::CreateTableStmt one;
  one.table = {old_.schema, old_.name, -1};
  catalog::ColumnInfo col;
  col.name = c.name;
  col.attnum = static_cast<int16_t>(work_.next.columns.size() + 1);
  const bool serial = c.type.names.size() == 1 && (c.type.names[0].find("serial") != std::string::npos);
  col.type = serial ? TypeDesc{c.type.names[0] == "bigserial" || c.type.names[0] == "serial8"     ? TypeId::kInt8
                               : c.type.names[0] == "smallserial" || c.type.names[0] == "serial2" ? TypeId::kInt2
                                                                                                  : TypeId::kInt4,
                               -1}
                    : planner::ResolveTypeName(c.type, text_);
  planner::CheckColumnType(col.type, col.name);
  col.not_null = c.not_null || c.primary_key;
  planner::BoundExprPtr value;
  if (c.default_expr) {
    auto bound = binder_.BindExpr(*c.default_expr, planner::Scope{});
    value = binder_.TryCoerce(bound, col.type, CastContext::kAssignment);
    if (!value) {
      throw binder_
          .Error(sqlstate::kDatatypeMismatch,
                 "column \"" + c.name + "\" is of type " + FormatType(col.type) +
                     " but default expression is of type " + planner::TypeDisplayName(bound->type.id),
                 c.default_expr->location)
          .Hint("You will need to rewrite or cast the expression.");
    }
    col.default_expr = c.default_text;
  }
  if (serial || c.identity != 0) {
    catalog::SequenceDef def = c.identity != 0 ? SequenceDefOf(c.identity_options, ctx_) : catalog::SequenceDef{};
    def.type = col.type.id;
    def.schema = old_.schema;
    def.name = ChooseSequenceName(ctx_, old_.schema, old_.name, c.name);
    def.owned_by_table = old_.oid;
    def.owned_by_attnum = col.attnum;
    def.owner = old_.owner;
    catalog::SequenceInfo seq = ctx_.catalog.CreateSequence(ctx_.txn, def, ctx_.search_path);
    col.identity = c.identity;
    col.identity_sequence = seq.oid;
    col.not_null = true;
    if (c.identity == 0) col.default_expr = "nextval('" + seq.name + "'::regclass)";
    // Every existing row draws a value, as PostgreSQL's rewrite evaluates the default per row.
    auto call = std::make_shared<ast::FuncCall>(std::vector<std::string>{"nextval"}, -1);
    call->args.push_back(std::make_unique<ast::ConstExpr>(ast::ConstExpr::Type::kString, seq.name, -1));
    value = binder_.TryCoerce(binder_.BindExpr(*call, planner::Scope{}), col.type, CastContext::kAssignment);
  }
  work_.next.columns.push_back(col);
  work_.source.push_back(-1);
  work_.compute.push_back(value);
  if (value) work_.rewrite = true;
  if (col.not_null) work_.check_not_null.push_back(col.attnum);
  std::set<std::string> used;
  for (const auto& check : c.checks) {
    ValidateCheck(binder_, *check.expr, text_, old_.name, work_.next.columns);
    std::string name = check.name.empty() ? ChooseCheckName(old_.name, *check.expr, &used) : check.name;
    work_.next.checks.push_back({name, check.text, false});
    work_.new_checks.push_back(name);
  }
  if (c.primary_key || c.unique) {
    ast::TableConstraint key;
    key.type = c.primary_key ? ast::TableConstraint::Type::kPrimaryKey : ast::TableConstraint::Type::kUnique;
    key.name = c.primary_key ? c.pk_name : c.unique_name;
    key.columns = {c.name};
    AddConstraint(key);
  }
  if (c.references) {
    ast::TableConstraint fk;
    fk.type = ast::TableConstraint::Type::kForeignKey;
    fk.name = c.references->name;
    fk.columns = {c.name};
    fk.references.table = c.references->ref.table;
    fk.references.columns = c.references->ref.columns;
    fk.references.on_delete = c.references->ref.on_delete;
    fk.references.on_update = c.references->ref.on_update;
    AddConstraint(fk);
  }
}

void AlterCommands::DropColumn(const ast::AlterTableCmd& cmd) {
  int index = ColumnIndex(cmd.column);
  if (index < 0) {
    std::string msg = "column \"" + cmd.column + "\" of relation \"" + old_.name + "\" does not exist";
    if (cmd.if_exists) {
      sink_.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, msg + ", skipping");
      return;
    }
    throw DbError(sqlstate::kUndefinedColumn, msg);
  }
  const int16_t attnum = static_cast<int16_t>(index + 1);
  catalog::TableInfo& t = work_.next;
  // Other tables' foreign keys on this column need CASCADE (dependency.c).
  std::vector<std::string> dependents;
  for (const auto& fk : t.referenced_by) {
    if (fk.table_oid == t.oid) continue;
    if (std::find(fk.ref_attnums.begin(), fk.ref_attnums.end(), attnum) == fk.ref_attnums.end()) continue;
    auto other = ctx_.catalog.TableByOid(ctx_.txn, fk.table_oid);
    dependents.push_back("constraint " + fk.name + " on table " + (other ? other->name : "?"));
    work_.drop_other_fks.push_back({fk.table_oid, fk.name});
  }
  if (!dependents.empty() && !cmd.cascade) {
    std::string detail;
    for (const auto& d : dependents) {
      detail += (detail.empty() ? "" : "\n") + d + " depends on column " + cmd.column + " of table " + old_.name;
    }
    throw DbError(sqlstate::kDependentObjectsStillExist,
                  "cannot drop column " + cmd.column + " of table " + old_.name + " because other objects depend on it")
        .Detail(detail)
        .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (const auto& d : dependents) {
    sink_.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, "drop cascades to " + d);
  }
  const catalog::ColumnInfo& col = t.columns[index];
  if (col.identity_sequence != 0) {
    if (auto seq = ctx_.catalog.SequenceByOid(ctx_.txn, col.identity_sequence)) work_.drop_sequences.push_back(*seq);
  }
  // Indexes, keys, own foreign keys and checks that use the column go with it.
  auto uses = [&](const std::vector<int16_t>& attnums) {
    return std::find(attnums.begin(), attnums.end(), attnum) != attnums.end();
  };
  std::erase_if(t.keys, [&](const catalog::KeyConstraint& k) { return uses(k.attnums); });
  std::erase_if(t.indexes, [&](const catalog::IndexInfo& i) {
    return std::any_of(i.columns.begin(), i.columns.end(),
                       [&](const catalog::IndexColumn& c) { return c.attnum == attnum; });
  });
  std::erase_if(t.foreign_keys, [&](const catalog::ForeignKey& fk) { return uses(fk.attnums); });
  std::erase_if(t.checks,
                [&](const catalog::CheckConstraint& c) { return TextMentionsIdentifier(c.expr, cmd.column); });
  t.columns.erase(t.columns.begin() + index);
  work_.source.erase(work_.source.begin() + index);
  work_.compute.erase(work_.compute.begin() + index);
  auto shift = [&](int16_t& a) {
    if (a > attnum) --a;
  };
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].attnum = static_cast<int16_t>(i + 1);
  for (auto& k : t.keys) std::for_each(k.attnums.begin(), k.attnums.end(), shift);
  for (auto& i : t.indexes) {
    for (auto& c : i.columns) shift(c.attnum);
  }
  for (auto& fk : t.foreign_keys) std::for_each(fk.attnums.begin(), fk.attnums.end(), shift);
  for (auto& a : work_.check_not_null) shift(a);
  work_.rewrite = true;
}

void AlterCommands::DropNotNull(const std::string& column) {
  catalog::ColumnInfo& col = Column(column);
  for (const auto& k : work_.next.keys) {
    if (k.primary && std::find(k.attnums.begin(), k.attnums.end(), col.attnum) != k.attnums.end()) {
      throw DbError(sqlstate::kInvalidTableDefinition, "column \"" + column + "\" is in a primary key");
    }
  }
  if (col.identity != 0) throw IdentityError(column, "is an identity column", sqlstate::kInvalidTableDefinition);
  col.not_null = false;
}

void AlterCommands::SetDefault(const ast::AlterTableCmd& cmd) {
  catalog::ColumnInfo& col = Column(cmd.column);
  if (col.identity != 0) {
    throw IdentityError(col.name, "is an identity column", sqlstate::kSyntaxError)
        .Hint("Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
  }
  CheckDefault(binder_, *cmd.expr, col);
  col.default_expr = cmd.expr_text;
}

void AlterCommands::AlterType(const ast::AlterTableCmd& cmd) {
  int index = ColumnIndex(cmd.column);
  if (index < 0) Column(cmd.column);  // throws 42703
  catalog::ColumnInfo& col = work_.next.columns[index];
  TypeDesc type = planner::ResolveTypeName(*cmd.type_name, text_);
  planner::CheckColumnType(type, col.name);
  if (col.identity != 0 && type.id != TypeId::kInt2 && type.id != TypeId::kInt4 && type.id != TypeId::kInt8) {
    throw DbError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  if (work_.source[index] < 0) {
    throw DbError(sqlstate::kFeatureNotSupported, "cannot alter type of a column added in the same command");
  }
  planner::Scope scope = TableScope(old_.name, old_.columns);
  planner::BoundExprPtr from =
      cmd.expr ? binder_.BindExpr(*cmd.expr, scope) : binder_.BindExpr(ast::ColumnRef({cmd.column}, -1), scope);
  planner::BoundExprPtr converted = binder_.TryCoerce(from, type, CastContext::kAssignment);
  if (!converted) {
    if (cmd.expr) {
      throw DbError(sqlstate::kDatatypeMismatch, "result of USING clause for column \"" + cmd.column +
                                                     "\" cannot be cast automatically to type " +
                                                     planner::TypeDisplayName(type.id))
          .Hint("You might need to add an explicit cast.");
    }
    throw DbError(sqlstate::kDatatypeMismatch,
                  "column \"" + cmd.column + "\" cannot be cast automatically to type " + FormatType(type))
        .Hint("You might need to specify \"USING " + cmd.column + "::" + FormatType(type) + "\".");
  }
  col.type = type;
  work_.compute[index] = converted;
  work_.rewrite = true;
}

namespace {

/// ALTER TABLE t RENAME [COLUMN] a TO b / RENAME CONSTRAINT a TO b / RENAME TO n.
void Rename(SessionContext& ctx, const ast::AlterTableStmt& stmt, const catalog::TableInfo& table) {
  catalog::TableInfo next = table;
  using R = ast::AlterTableStmt::Rename;
  if (stmt.rename == R::kTable) {
    if (RelationNameTaken(ctx, table.schema, stmt.rename_to)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + stmt.rename_to + "\" already exists");
    }
    next.name = stmt.rename_to;
  } else if (stmt.rename == R::kColumn) {
    int16_t attnum = AttnumByName(table.columns, stmt.rename_from);
    if (attnum == 0) throw DbError(sqlstate::kUndefinedColumn, "column \"" + stmt.rename_from + "\" does not exist");
    if (AttnumByName(table.columns, stmt.rename_to) != 0) {
      throw DbError(sqlstate::kDuplicateColumn,
                    "column \"" + stmt.rename_to + "\" of relation \"" + table.name + "\" already exists");
    }
    next.columns[attnum - 1].name = stmt.rename_to;
    for (auto& c : next.checks) c.expr = RenameIdentifier(c.expr, stmt.rename_from, stmt.rename_to);
  } else {
    bool found = false;
    auto rename = [&](auto& list) {
      for (auto& c : list) {
        if (c.name == stmt.rename_from) {
          c.name = stmt.rename_to;
          found = true;
        }
      }
    };
    rename(next.keys);
    rename(next.checks);
    rename(next.foreign_keys);
    rename(next.indexes);  // a key constraint and its index share the name
    if (!found) {
      throw DbError(sqlstate::kUndefinedObject,
                    "constraint \"" + stmt.rename_from + "\" for table \"" + table.name + "\" does not exist");
    }
  }
  ctx.catalog.ReplaceTableDef(ctx.txn, table, next, false);
}

}  // namespace

std::string ExecuteAlterTable(const ast::AlterTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                              ResultSink& sink) {
  const char* tag = stmt.is_index ? "ALTER INDEX" : stmt.is_sequence ? "ALTER SEQUENCE" : "ALTER TABLE";
  auto missing = [&]() {
    if (!stmt.if_exists) {
      throw DbError(sqlstate::kUndefinedTable, "relation \"" + Shown(stmt.table) + "\" does not exist");
    }
    sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                "relation \"" + Shown(stmt.table) + "\" does not exist, skipping");
    return tag;
  };
  if (stmt.is_sequence) {
    auto seq = ctx.catalog.LookupSequence(ctx.txn, stmt.table.schema, stmt.table.name, ctx.search_path);
    if (!seq) return missing();
    if (auto rel = ctx.catalog.TableByOid(ctx.txn, seq->oid)) CheckRelationOwner(ctx, *rel);
    if (RelationNameTaken(ctx, seq->schema, stmt.rename_to)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + stmt.rename_to + "\" already exists");
    }
    catalog::SequenceDef def;
    def.name = stmt.rename_to;
    ctx.catalog.AlterSequence(ctx.txn, *seq, def);
    return tag;
  }
  if (stmt.is_index) {
    auto found = ctx.catalog.LookupIndex(ctx.txn, stmt.table.schema, stmt.table.name, ctx.search_path);
    if (!found) return missing();
    LockTableMode(ctx, found->first->oid, true);
    auto table = ctx.catalog.TableByOid(ctx.txn, found->first->oid);
    CheckRelationOwner(ctx, IndexAsRelation(*table, found->second));
    if (RelationNameTaken(ctx, table->schema, stmt.rename_to)) {
      throw DbError(sqlstate::kDuplicateTable, "relation \"" + stmt.rename_to + "\" already exists");
    }
    catalog::TableInfo next = *table;
    for (auto& i : next.indexes) {
      if (i.name == stmt.table.name) i.name = stmt.rename_to;
    }
    for (auto& k : next.keys) {
      if (k.name == stmt.table.name) k.name = stmt.rename_to;
    }
    ctx.catalog.ReplaceTableDef(ctx.txn, *table, next, false);
    return tag;
  }
  auto found = ctx.catalog.LookupTable(ctx.txn, stmt.table.schema, stmt.table.name, ctx.search_path);
  if (!found) return missing();
  LockTableMode(ctx, found->oid, true);
  auto table = ctx.catalog.TableByOid(ctx.txn, found->oid);
  CheckRelationOwner(ctx, *table);
  if (stmt.rename != ast::AlterTableStmt::Rename::kNone) {
    Rename(ctx, stmt, *table);
    return tag;
  }
  AlterCommands commands(ctx, query_text, *table, sink);
  for (const auto& cmd : stmt.cmds) commands.Run(cmd);
  ApplyAlterWork(ctx, *table, commands.work());
  return tag;
}

}  // namespace lumadb::exec
