// DROP, TRUNCATE, CREATE SCHEMA / DATABASE (tablecmds.c RemoveRelations, ExecuteTruncate; dependency.c's
// CASCADE rules for the dependencies LumaDB tracks: foreign keys and the sequences of serial columns).

#include <algorithm>
#include <map>
#include <set>

#include "catalog/cluster.h"
#include "ddl.h"
#include "ddl_constraints.h"
#include "ddl_view.h"
#include "permissions.h"
#include "planner/binder.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

std::string Shown(const ast::QualifiedName& name) {
  return name.schema.empty() ? name.name : name.schema + "." + name.name;
}

/// Reports the objects a CASCADE drops as PostgreSQL's reportDependentObjects does.
void NoticeCascade(ResultSink& sink, const std::vector<std::string>& objects) {
  if (objects.empty()) return;
  if (objects.size() == 1) {
    sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, "drop cascades to " + objects[0]);
    return;
  }
  std::string detail;
  for (const auto& o : objects) detail += (detail.empty() ? "" : "\n") + std::string("drop cascades to ") + o;
  sink.NoticeWithDetail(DbError(sqlstate::kSuccessfulCompletion,
                                "drop cascades to " + std::to_string(objects.size()) + " other objects",
                                Severity::kNotice)
                            .Detail(detail));
}

void DropRelation(SessionContext& ctx, const catalog::TableInfo& t) {
  LockTableMode(ctx, t.oid, true);
  auto current = ctx.catalog.TableByOid(ctx.txn, t.oid);
  if (current) ctx.catalog.DropTable(ctx.txn, *current);
}

/// DROP TABLE of the given tables: foreign keys of other tables referencing them block the drop (2BP01)
/// unless CASCADE, which removes those constraints first.
void DropTables(const std::vector<std::shared_ptr<const catalog::TableInfo>>& tables, bool cascade, SessionContext& ctx,
                ResultSink& sink) {
  std::set<Oid> dropped;
  for (const auto& t : tables) dropped.insert(t->oid);
  std::map<Oid, std::vector<std::string>> remove;  // referencing table -> FK names to remove
  std::vector<std::string> notices;
  const auto views = DependentViews(tables, cascade, ctx, &notices);
  for (const auto& t : tables) {
    for (const auto& fk : t->referenced_by) {
      if (dropped.contains(fk.table_oid)) continue;
      auto other = ctx.catalog.TableByOid(ctx.txn, fk.table_oid);
      if (!other) continue;
      std::string what = "constraint " + fk.name + " on table " + other->name;
      if (!cascade) {
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop table " + t->name + " because other objects depend on it")
            .Detail(what + " depends on table " + t->name)
            .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      remove[fk.table_oid].push_back(fk.name);
      notices.push_back(what);
    }
  }
  NoticeCascade(sink, notices);
  for (const auto& [oid, names] : remove) {
    LockTableMode(ctx, oid, true);
    auto other = ctx.catalog.TableByOid(ctx.txn, oid);
    catalog::TableInfo next = *other;
    std::erase_if(next.foreign_keys, [&](const catalog::ForeignKey& fk) {
      return std::find(names.begin(), names.end(), fk.name) != names.end();
    });
    ctx.catalog.ReplaceTableDef(ctx.txn, *other, next, false);
  }
  for (auto it = views.rbegin(); it != views.rend(); ++it) DropRelation(ctx, **it);
  for (const auto& t : tables) DropRelation(ctx, *t);
}

/// DROP SEQUENCE: an identity column's sequence cannot be dropped; a serial's default depends on its
/// sequence (2BP01 unless CASCADE, which drops the default).
void DropSequence(const catalog::SequenceInfo& seq, bool cascade, SessionContext& ctx, ResultSink& sink) {
  if (seq.owned_by_table != 0) {
    auto table = ctx.catalog.TableByOid(ctx.txn, seq.owned_by_table);
    if (table && seq.owned_by_attnum >= 1 && static_cast<size_t>(seq.owned_by_attnum) <= table->columns.size()) {
      const catalog::ColumnInfo& col = table->columns[seq.owned_by_attnum - 1];
      std::string column = "column " + col.name + " of table " + table->name;
      if (col.identity != 0) {
        throw DbError(sqlstate::kDependentObjectsStillExist,
                      "cannot drop sequence " + seq.name + " because " + column + " requires it")
            .Hint("You can drop " + column + " instead.");
      }
      if (col.default_expr && col.default_expr->find(seq.name) != std::string::npos) {
        if (!cascade) {
          throw DbError(sqlstate::kDependentObjectsStillExist,
                        "cannot drop sequence " + seq.name + " because other objects depend on it")
              .Detail("default value for " + column + " depends on sequence " + seq.name)
              .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        NoticeCascade(sink, {"default value for " + column});
        LockTableMode(ctx, table->oid, true);
        catalog::TableInfo next = *table;
        next.columns[seq.owned_by_attnum - 1].default_expr.reset();
        next.columns[seq.owned_by_attnum - 1].identity_sequence = 0;
        ctx.catalog.ReplaceTableDef(ctx.txn, *table, next, false);
      }
    }
  }
  ctx.catalog.DropSequence(ctx.txn, seq);
}

}  // namespace

const char* DropTag(ast::ObjectType type) {
  switch (type) {
    case ast::ObjectType::kTable:
      return "DROP TABLE";
    case ast::ObjectType::kSchema:
      return "DROP SCHEMA";
    case ast::ObjectType::kDatabase:
      return "DROP DATABASE";
    case ast::ObjectType::kIndex:
      return "DROP INDEX";
    case ast::ObjectType::kSequence:
      return "DROP SEQUENCE";
    case ast::ObjectType::kView:
      return "DROP VIEW";
    case ast::ObjectType::kMatView:
      return "DROP MATERIALIZED VIEW";
  }
  return "DROP TABLE";
}

std::vector<std::string> SearchSchemas(SessionContext& ctx, bool implicit) {
  std::vector<std::string> out;
  if (implicit && std::find(ctx.search_path.begin(), ctx.search_path.end(), "pg_catalog") == ctx.search_path.end()) {
    out.push_back("pg_catalog");
  }
  for (const auto& entry : ctx.search_path) {
    std::string name = entry == "$user" ? ctx.user : entry;
    if (ctx.catalog.LookupNamespace(ctx.txn, name)) out.push_back(std::move(name));
  }
  return out;
}

std::string CreationSchema(SessionContext& ctx) {
  for (const auto& entry : ctx.search_path) {
    if (entry.starts_with("pg_temp_")) continue;  // only TEMP puts relations in the session's temp schema
    std::string name = entry == "$user" ? ctx.user : entry;
    if (ctx.catalog.LookupNamespace(ctx.txn, name)) return name;
  }
  return "";
}

std::shared_ptr<const catalog::TableInfo> TableOrThrow(SessionContext& ctx, const ast::QualifiedName& name) {
  auto table = ctx.catalog.LookupTable(ctx.txn, name.schema, name.name, ctx.search_path);
  if (!table) throw DbError(sqlstate::kUndefinedTable, "relation \"" + Shown(name) + "\" does not exist");
  return table;
}

void LockTableMode(SessionContext& ctx, Oid table_oid, bool exclusive) {
  ctx.cluster.locks().LockRelation(ctx.txn, txn::RelationTag{ctx.catalog.database_oid(), table_oid},
                                   exclusive ? txn::LockMode::kExclusive : txn::LockMode::kShared, ctx.lock_timeout_ms,
                                   ctx.deadlock_timeout_ms);
}

std::string ExecuteDrop(const ast::DropStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  auto skip = [&](const std::string& what) {
    sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, what + " does not exist, skipping");
  };
  // A missing schema in a qualified name: 3F000, or a NOTICE with IF EXISTS (true: skip this name).
  auto schema_missing = [&](const ast::QualifiedName& name) {
    if (name.schema.empty() || ctx.catalog.LookupNamespace(ctx.txn, name.schema)) return false;
    if (!stmt.if_exists) throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + name.schema + "\" does not exist");
    skip("schema \"" + name.schema + "\"");
    return true;
  };
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  for (const auto& name : stmt.names) {
    switch (stmt.object_type) {
      case ast::ObjectType::kTable:
      case ast::ObjectType::kView:
      case ast::ObjectType::kMatView: {
        if (schema_missing(name)) continue;
        auto table = ctx.catalog.LookupTable(ctx.txn, name.schema, name.name, ctx.search_path);
        if (!table) {
          const char* what = stmt.object_type == ast::ObjectType::kTable  ? "table"
                             : stmt.object_type == ast::ObjectType::kView ? "view"
                                                                          : "materialized view";
          if (stmt.if_exists) {
            skip(std::string(what) + " \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kUndefinedTable, std::string(what) + " \"" + name.name + "\" does not exist");
        }
        CheckDropKind(*table, stmt.object_type);
        CheckRelationOwner(ctx, *table);
        tables.push_back(table);
        break;
      }
      case ast::ObjectType::kIndex: {
        if (schema_missing(name)) continue;
        auto found = ctx.catalog.LookupIndex(ctx.txn, name.schema, name.name, ctx.search_path);
        if (!found) {
          if (ctx.catalog.LookupTable(ctx.txn, name.schema, name.name, ctx.search_path)) {
            throw DbError(sqlstate::kWrongObjectType, "\"" + name.name + "\" is not an index")
                .Hint("Use DROP TABLE to remove a table.");
          }
          if (stmt.if_exists) {
            skip("index \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kUndefinedObject, "index \"" + name.name + "\" does not exist");
        }
        CheckRelationOwner(ctx, IndexAsRelation(*found->first, found->second));
        LockTableMode(ctx, found->first->oid, true);
        for (const auto& key : found->first->keys) {
          if (key.name == found->second.name || key.index_oid == found->second.oid) {
            throw DbError(sqlstate::kDependentObjectsStillExist, "cannot drop index " + name.name +
                                                                     " because constraint " + key.name + " on table " +
                                                                     found->first->name + " requires it")
                .Hint("You can drop constraint " + key.name + " on table " + found->first->name + " instead.");
          }
        }
        ctx.catalog.DropIndex(ctx.txn, found->second);
        break;
      }
      case ast::ObjectType::kSequence: {
        if (schema_missing(name)) continue;
        auto seq = ctx.catalog.LookupSequence(ctx.txn, name.schema, name.name, ctx.search_path);
        if (!seq) {
          if (stmt.if_exists) {
            skip("sequence \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kUndefinedTable, "sequence \"" + name.name + "\" does not exist");
        }
        if (auto rel = ctx.catalog.TableByOid(ctx.txn, seq->oid)) CheckRelationOwner(ctx, *rel);
        DropSequence(*seq, stmt.cascade, ctx, sink);
        break;
      }
      case ast::ObjectType::kSchema: {
        auto oid = ctx.catalog.LookupNamespace(ctx.txn, name.name);
        if (!oid) {
          if (stmt.if_exists) {
            skip("schema \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + name.name + "\" does not exist");
        }
        auto schema = ctx.catalog.SchemaByOid(ctx.txn, *oid);
        if (schema && !Roles(ctx).HasPrivsOf(ctx.user_oid, schema->owner)) {
          throw DbError(sqlstate::kInsufficientPrivilege, "must be owner of schema " + name.name);
        }
        ctx.catalog.DropSchema(ctx.txn, *oid, stmt.cascade);
        break;
      }
      case ast::ObjectType::kDatabase: {
        if (!ctx.cluster.LookupDatabase(ctx.txn, name.name)) {
          if (stmt.if_exists) {
            skip("database \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kInvalidCatalogName, "database \"" + name.name + "\" does not exist");
        }
        if (!Roles(ctx).HasPrivsOf(ctx.user_oid, ctx.cluster.LookupDatabase(ctx.txn, name.name)->owner)) {
          throw DbError(sqlstate::kInsufficientPrivilege, "must be owner of database " + name.name);
        }
        if (name.name == ctx.database) {
          throw DbError(sqlstate::kObjectInUse, "cannot drop the currently open database");
        }
        ctx.cluster.DropDatabase(ctx.txn, name.name, stmt.if_exists);
        break;
      }
    }
  }
  if (!tables.empty()) DropTables(tables, stmt.cascade, ctx, sink);
  return DropTag(stmt.object_type);
}

std::string ExecuteTruncate(const ast::TruncateStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  std::set<Oid> truncated;
  for (const auto& name : stmt.tables) {
    auto table = TableOrThrow(ctx, name);
    if (table->relkind == 'v' || table->relkind == 'm') {
      throw DbError(sqlstate::kWrongObjectType, "\"" + table->name + "\" is not a table");
    }
    CheckRelationPrivilege(ctx, *table, catalog::kAclTruncate);
    if (truncated.insert(table->oid).second) tables.push_back(table);
  }
  // heap.c heap_truncate_check_FKs: a referencing table must be truncated too (CASCADE adds it).
  for (size_t i = 0; i < tables.size(); ++i) {
    for (const auto& fk : tables[i]->referenced_by) {
      if (truncated.contains(fk.table_oid)) continue;
      auto other = ctx.catalog.TableByOid(ctx.txn, fk.table_oid);
      if (!other) continue;
      if (!stmt.cascade) {
        throw DbError(sqlstate::kFeatureNotSupported, "cannot truncate a table referenced in a foreign key constraint")
            .Detail("Table \"" + other->name + "\" references \"" + tables[i]->name + "\".")
            .Hint("Truncate table \"" + other->name + "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                  "truncate cascades to table \"" + other->name + "\"");
      truncated.insert(other->oid);
      tables.push_back(other);
    }
  }
  for (const auto& t : tables) {
    LockTableMode(ctx, t->oid, true);
    auto current = ctx.catalog.TableByOid(ctx.txn, t->oid);
    ctx.catalog.TruncateTable(ctx.txn, current ? *current : *t);
    if (!stmt.restart_identity) continue;
    for (const auto& col : t->columns) {
      if (col.identity_sequence == 0) continue;
      auto seq = ctx.catalog.SequenceByOid(ctx.txn, col.identity_sequence);
      if (!seq) continue;
      catalog::SequenceDef restart;
      restart.restart = seq->start;
      ctx.catalog.AlterSequence(ctx.txn, *seq, restart);
    }
  }
  return "TRUNCATE TABLE";
}

std::string ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  if (stmt.name.starts_with("pg_")) {
    throw DbError(sqlstate::kReservedName, "unacceptable schema name \"" + stmt.name + "\"")
        .Detail("The prefix \"pg_\" is reserved for system schemas.");
  }
  if (stmt.if_not_exists && ctx.catalog.LookupNamespace(ctx.txn, stmt.name)) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists, skipping");
    return "CREATE SCHEMA";
  }
  // schemacmds.c CreateSchemaCommand: CREATE on the database.
  catalog::RoleGraph roles = Roles(ctx);
  auto db = ctx.cluster.LookupDatabase(ctx.txn, ctx.database);
  if (db && roles.Mask(DatabaseAcl(roles, *db), ctx.user_oid, catalog::kAclCreate) == 0) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied for database " + ctx.database);
  }
  ctx.catalog.CreateSchema(ctx.txn, stmt.name, ctx.user_oid);
  return "CREATE SCHEMA";
}

std::string ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, SessionContext& ctx) {
  auto role = ctx.cluster.LookupRole(ctx.txn, ctx.user);
  // dbcommands.c createdb: CREATEDB (or superuser) is needed.
  if (!role || !(role->superuser || role->create_db)) {
    throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to create database");
  }
  ctx.cluster.CreateDatabase(ctx.txn, stmt.name, role->oid);
  return "CREATE DATABASE";
}

}  // namespace lumadb::exec
