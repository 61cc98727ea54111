#include "catalog/cluster.h"
#include "ddl.h"
#include "planner/binder.h"
#include "planner/type_rules.h"
#include "txn/lock_manager.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

void LockTable(SessionContext& ctx, const catalog::TableInfo& table) {
  ctx.cluster.locks().LockRelation(ctx.txn, txn::RelationTag{ctx.catalog.database_oid(), table.oid},
                                   txn::LockMode::kExclusive, ctx.lock_timeout_ms);
}

int16_t AttnumOf(const catalog::TableDef& def, const std::string& name) {
  for (const auto& c : def.columns) {
    if (c.name == name) return c.attnum;
  }
  return 0;
}

void ApplyOptions(const ast::CreateTableStmt& stmt, catalog::TableDef* def) {
  for (const auto& [name, value] : stmt.options) {
    if (name != "fillfactor") {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized parameter \"" + name + "\"");
    }
    int v = 0;
    try {
      v = std::stoi(value);
    } catch (const std::exception&) {
      throw DbError(sqlstate::kInvalidParameterValue, "invalid value for integer option \"fillfactor\": " + value);
    }
    if (v < 10 || v > 100) {
      throw DbError(sqlstate::kInvalidParameterValue, "value " + value + " out of bounds for option \"fillfactor\"")
          .Detail("Valid values are between \"10\" and \"100\".");
    }
    def->fillfactor = v;
  }
}

void AddKeys(const ast::CreateTableStmt& stmt, std::string_view text, catalog::TableDef* def) {
  bool has_primary = false;
  auto add = [&](bool primary, std::vector<int16_t> attnums, std::string name, int32_t loc) {
    if (primary && has_primary) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "multiple primary keys for table \"" + def->name + "\" are not allowed")
          .Position(planner::CharPosition(text, loc));
    }
    has_primary = has_primary || primary;
    if (primary) {
      for (auto a : attnums) def->columns[a - 1].not_null = true;
    }
    def->keys.push_back({std::move(name), primary, std::move(attnums)});
  };
  for (const auto& c : stmt.columns) {
    int16_t attnum = AttnumOf(*def, c.name);
    if (c.primary_key) add(true, {attnum}, "", c.location);
    if (c.unique) add(false, {attnum}, "", c.location);
  }
  for (const auto& k : stmt.constraints) {
    std::vector<int16_t> attnums;
    for (const auto& col : k.columns) {
      int16_t a = AttnumOf(*def, col);
      if (a == 0) {
        throw DbError(sqlstate::kUndefinedColumn, "column \"" + col + "\" named in key does not exist")
            .Position(planner::CharPosition(text, k.location));
      }
      attnums.push_back(a);
    }
    add(k.type == ast::TableConstraint::Type::kPrimaryKey, attnums, k.name, k.location);
  }
}

}  // namespace

std::string CreationSchema(SessionContext& ctx) {
  for (const auto& entry : ctx.search_path) {
    std::string name = entry == "$user" ? ctx.user : entry;
    if (ctx.catalog.LookupNamespace(ctx.txn, name)) return name;
  }
  return "";
}

std::string ExecuteCreateTable(const ast::CreateTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink) {
  catalog::TableDef def;
  def.schema = stmt.table.schema;
  def.name = stmt.table.name;
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  for (const auto& c : stmt.columns) {
    if (AttnumOf(def, c.name) != 0) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    catalog::ColumnInfo col;
    col.name = c.name;
    col.type = planner::ResolveTypeName(c.type, query_text);
    col.attnum = static_cast<int16_t>(def.columns.size() + 1);
    col.not_null = c.not_null || c.primary_key;
    if (c.default_expr) {
      // Check the default now, as PostgreSQL's cookDefault does, so a bad one fails CREATE TABLE.
      auto bound = binder.BindExpr(*c.default_expr, planner::Scope{});
      if (!binder.TryCoerce(bound, col.type, CastContext::kAssignment)) {
        throw binder
            .Error(sqlstate::kDatatypeMismatch,
                   "column \"" + c.name + "\" is of type " + FormatType(col.type) +
                       " but default expression is of type " + planner::TypeDisplayName(bound->type.id),
                   c.default_expr->location)
            .Hint("You will need to rewrite or cast the expression.");
      }
      col.default_expr = c.default_text;
    }
    def.columns.push_back(std::move(col));
  }
  AddKeys(stmt, query_text, &def);
  ApplyOptions(stmt, &def);
  if (stmt.if_not_exists) {
    std::string schema = def.schema.empty() ? CreationSchema(ctx) : def.schema;
    if (!schema.empty() && ctx.catalog.LookupTable(ctx.txn, schema, def.name, {})) {
      sink.Notice(Severity::kNotice, sqlstate::kDuplicateTable,
                  "relation \"" + def.name + "\" already exists, skipping");
      return "CREATE TABLE";
    }
  }
  ctx.catalog.CreateTable(ctx.txn, def, ctx.search_path);
  return "CREATE TABLE";
}

std::string ExecuteDrop(const ast::DropStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  auto skip = [&](const std::string& what) {
    sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, what + " does not exist, skipping");
  };
  for (const auto& name : stmt.names) {
    switch (stmt.object_type) {
      case ast::ObjectType::kTable: {
        if (!name.schema.empty() && !ctx.catalog.LookupNamespace(ctx.txn, name.schema)) {
          if (stmt.if_exists) {
            skip("schema \"" + name.schema + "\"");
            continue;
          }
          throw DbError(sqlstate::kInvalidSchemaName, "schema \"" + name.schema + "\" does not exist");
        }
        auto table = ctx.catalog.LookupTable(ctx.txn, name.schema, name.name, ctx.search_path);
        if (!table) {
          if (stmt.if_exists) {
            skip("table \"" + name.name + "\"");
            continue;
          }
          throw DbError(sqlstate::kUndefinedTable, "table \"" + name.name + "\" does not exist");
        }
        LockTable(ctx, *table);
        ctx.catalog.DropTable(ctx.txn, *table);
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
        if (name.name == ctx.database) {
          throw DbError(sqlstate::kObjectInUse, "cannot drop the currently open database");
        }
        ctx.cluster.DropDatabase(ctx.txn, name.name, stmt.if_exists);
        break;
      }
    }
  }
  switch (stmt.object_type) {
    case ast::ObjectType::kTable:
      return "DROP TABLE";
    case ast::ObjectType::kSchema:
      return "DROP SCHEMA";
    case ast::ObjectType::kDatabase:
      return "DROP DATABASE";
  }
  return "DROP TABLE";
}

std::string ExecuteTruncate(const ast::TruncateStmt& stmt, SessionContext& ctx) {
  std::vector<std::shared_ptr<const catalog::TableInfo>> tables;
  for (const auto& name : stmt.tables) {
    auto table = ctx.catalog.LookupTable(ctx.txn, name.schema, name.name, ctx.search_path);
    if (!table) {
      std::string shown = name.schema.empty() ? name.name : name.schema + "." + name.name;
      throw DbError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
    }
    tables.push_back(table);
  }
  for (const auto& t : tables) {
    LockTable(ctx, *t);
    ctx.catalog.TruncateTable(ctx.txn, *t);
  }
  return "TRUNCATE TABLE";
}

std::string ExecuteCreateSchema(const ast::CreateSchemaStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  if (stmt.if_not_exists && ctx.catalog.LookupNamespace(ctx.txn, stmt.name)) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists, skipping");
    return "CREATE SCHEMA";
  }
  ctx.catalog.CreateSchema(ctx.txn, stmt.name);
  return "CREATE SCHEMA";
}

std::string ExecuteCreateDatabase(const ast::CreateDatabaseStmt& stmt, SessionContext& ctx) {
  auto role = ctx.cluster.LookupRole(ctx.txn, ctx.user);
  ctx.cluster.CreateDatabase(ctx.txn, stmt.name, role ? role->oid : 10);
  return "CREATE DATABASE";
}

}  // namespace lumadb::exec
