// CREATE SEQUENCE and ALTER SEQUENCE (sequence.c DefineSequence, AlterSequence, init_params): the options
// become a catalog::SequenceDef; the catalog checks bounds with PostgreSQL's messages (22023).

#include "ddl.h"
#include "ddl_constraints.h"
#include "permissions.h"
#include "planner/binder.h"

namespace lumadb::exec {

namespace {

std::string Shown(const ast::QualifiedName& name) {
  return name.schema.empty() ? name.name : name.schema + "." + name.name;
}

bool RelationExists(SessionContext& ctx, const ast::QualifiedName& name) {
  const std::string schema = name.schema.empty() ? CreationSchema(ctx) : name.schema;
  if (schema.empty()) return false;
  return ctx.catalog.LookupTable(ctx.txn, schema, name.name, {}) ||
         ctx.catalog.LookupSequence(ctx.txn, schema, name.name, {}) ||
         ctx.catalog.LookupIndex(ctx.txn, schema, name.name, {});
}

// A sequence and the table that owns it share a schema (sequence.c process_owned_by): 55000.
void CheckOwnerSchema(const catalog::SequenceInfo& seq, const catalog::SequenceDef& def, SessionContext& ctx) {
  if (def.owned_by_table == 0) return;
  auto table = ctx.catalog.TableByOid(ctx.txn, def.owned_by_table);
  if (table && table->namespace_oid != seq.namespace_oid) {
    throw DbError(sqlstate::kObjectNotInPrerequisiteState, "sequence must be in same schema as table it is linked to");
  }
}

// An identity column's sequence is part of the column: OWNED BY may not move it (process_owned_by), 0A000.
void CheckNotIdentity(const catalog::SequenceInfo& seq, SessionContext& ctx) {
  if (seq.owned_by_table == 0) return;
  auto owner = ctx.catalog.TableByOid(ctx.txn, seq.owned_by_table);
  if (owner && seq.owned_by_attnum >= 1 && static_cast<size_t>(seq.owned_by_attnum) <= owner->columns.size() &&
      owner->columns[seq.owned_by_attnum - 1].identity != 0) {
    throw DbError(sqlstate::kFeatureNotSupported, "cannot change ownership of identity sequence")
        .Detail("Sequence \"" + seq.name + "\" is linked to table \"" + owner->name + "\".");
  }
}

}  // namespace

catalog::SequenceDef SequenceDefOf(const ast::SequenceOptions& options, SessionContext& ctx) {
  catalog::SequenceDef def;
  if (options.as_type) {
    TypeId t = planner::ResolveTypeName(*options.as_type, "").id;
    if (t != TypeId::kInt2 && t != TypeId::kInt4 && t != TypeId::kInt8) {
      throw DbError(sqlstate::kInvalidParameterValue, "sequence type must be smallint, integer, or bigint");
    }
    def.type = t;
  }
  if (options.increment) {
    if (*options.increment == 0) throw DbError(sqlstate::kInvalidParameterValue, "INCREMENT must not be zero");
    def.increment = options.increment;
  }
  def.start = options.start;
  def.restart = options.restart;
  if (options.cache) {
    if (*options.cache <= 0) {
      throw DbError(sqlstate::kInvalidParameterValue,
                    "CACHE (" + std::to_string(*options.cache) + ") must be greater than zero");
    }
    def.cache = options.cache;
  }
  if (options.min_value && *options.min_value) def.min_value = **options.min_value;
  if (options.max_value && *options.max_value) def.max_value = **options.max_value;
  def.cycle = options.cycle;
  def.owned_by_none = options.owned_by.size() == 1 && options.owned_by[0] == "none";
  if (!options.owned_by.empty() && !def.owned_by_none) {
    if (options.owned_by.size() < 2) {
      throw DbError(sqlstate::kSyntaxError, "invalid OWNED BY option")
          .Hint("Specify OWNED BY table.column or OWNED BY NONE.");
    }
    ast::QualifiedName table_name;
    table_name.name = options.owned_by[options.owned_by.size() - 2];
    if (options.owned_by.size() > 2) table_name.schema = options.owned_by[options.owned_by.size() - 3];
    auto table = TableOrThrow(ctx, table_name);
    const std::string& column = options.owned_by.back();
    int16_t attnum = AttnumByName(table->columns, column);
    if (attnum == 0) {
      throw DbError(sqlstate::kUndefinedColumn,
                    "column \"" + column + "\" of relation \"" + table->name + "\" does not exist");
    }
    def.owned_by_table = table->oid;
    def.owned_by_attnum = attnum;
  }
  return def;
}

std::string ExecuteCreateSequence(const ast::CreateSequenceStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  if (stmt.if_not_exists && RelationExists(ctx, stmt.name)) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateTable,
                "relation \"" + stmt.name.name + "\" already exists, skipping");
    return "CREATE SEQUENCE";
  }
  catalog::SequenceDef def = SequenceDefOf(stmt.options, ctx);
  def.owner = ctx.user_oid;
  if (stmt.options.restart || stmt.options.restart_default) {
    throw DbError(sqlstate::kSyntaxError, "option \"restart\" not recognized");
  }
  def.schema = stmt.name.schema;
  def.name = stmt.name.name;
  const std::string schema = def.schema.empty() ? CreationSchema(ctx) : def.schema;
  if (auto ns = schema.empty() ? std::nullopt : ctx.catalog.LookupNamespace(ctx.txn, schema)) {
    CheckSchemaPrivilege(ctx, *ns, catalog::kAclCreate);
  }
  // Checked on the created sequence (its schema is resolved there); the error undoes the creation.
  CheckOwnerSchema(ctx.catalog.CreateSequence(ctx.txn, def, ctx.search_path), def, ctx);
  return "CREATE SEQUENCE";
}

std::string ExecuteAlterSequence(const ast::AlterSequenceStmt& stmt, SessionContext& ctx, ResultSink& sink) {
  auto seq = ctx.catalog.LookupSequence(ctx.txn, stmt.name.schema, stmt.name.name, ctx.search_path);
  if (!seq) {
    if (stmt.if_exists) {
      sink.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                  "relation \"" + Shown(stmt.name) + "\" does not exist, skipping");
      return "ALTER SEQUENCE";
    }
    if (ctx.catalog.LookupTable(ctx.txn, stmt.name.schema, stmt.name.name, ctx.search_path)) {
      throw DbError(sqlstate::kWrongObjectType, "\"" + stmt.name.name + "\" is not a sequence");
    }
    throw DbError(sqlstate::kUndefinedTable, "relation \"" + Shown(stmt.name) + "\" does not exist");
  }
  if (auto rel = ctx.catalog.TableByOid(ctx.txn, seq->oid)) CheckRelationOwner(ctx, *rel);
  catalog::SequenceDef def = SequenceDefOf(stmt.options, ctx);
  const int64_t increment = def.increment.value_or(seq->increment);
  const TypeId type = def.type.value_or(seq->type);
  const int64_t type_max = type == TypeId::kInt2 ? INT16_MAX : type == TypeId::kInt4 ? INT32_MAX : INT64_MAX;
  const int64_t type_min = type == TypeId::kInt2 ? INT16_MIN : type == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
  // NO MINVALUE / NO MAXVALUE go back to the defaults of the direction (init_params).
  if (stmt.options.min_value && !*stmt.options.min_value) def.min_value = increment > 0 ? 1 : type_min;
  if (stmt.options.max_value && !*stmt.options.max_value) def.max_value = increment > 0 ? type_max : -1;
  if (stmt.options.restart_default) def.restart = def.start.value_or(seq->start);
  if (!stmt.options.owned_by.empty()) {
    CheckNotIdentity(*seq, ctx);
    CheckOwnerSchema(*seq, def, ctx);
  }
  ctx.catalog.AlterSequence(ctx.txn, *seq, def);
  return "ALTER SEQUENCE";
}

}  // namespace lumadb::exec
