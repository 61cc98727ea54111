// CREATE TABLE (tablecmds.c DefineRelation, parse_utilcmd.c transformCreateStmt): columns, defaults,
// NOT NULL, PRIMARY KEY / UNIQUE (the catalog creates their indexes), CHECK, FOREIGN KEY, and serial /
// identity columns, whose sequences are created in the same transaction and then OWNED BY the column.

#include <set>

#include "catalog/cluster.h"
#include "ddl.h"
#include "ddl_constraints.h"
#include "permissions.h"
#include "planner/binder.h"
#include "planner/type_rules.h"
#include "temp_tables.h"

namespace lumadb::exec {

namespace {

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
    def->keys.push_back({std::move(name), primary, std::move(attnums), 0});
  };
  for (const auto& c : stmt.columns) {
    int16_t attnum = AttnumByName(def->columns, c.name);
    if (c.primary_key) add(true, {attnum}, c.pk_name, c.location);
    if (c.unique) add(false, {attnum}, c.unique_name, c.location);
  }
  for (const auto& k : stmt.constraints) {
    if (k.type != ast::TableConstraint::Type::kPrimaryKey && k.type != ast::TableConstraint::Type::kUnique) continue;
    std::vector<int16_t> attnums;
    for (const auto& col : k.columns) {
      int16_t a = AttnumByName(def->columns, col);
      if (a == 0) {
        throw DbError(sqlstate::kUndefinedColumn, "column \"" + col + "\" named in key does not exist")
            .Position(planner::CharPosition(text, k.location));
      }
      attnums.push_back(a);
    }
    add(k.type == ast::TableConstraint::Type::kPrimaryKey, attnums, k.name, k.location);
  }
}

/// serial -> int4, bigserial -> int8, smallserial -> int2 (parse_utilcmd.c transformColumnDefinition);
/// kInvalid for any other type name.
TypeId SerialType(const ast::TypeName& type) {
  if (type.names.size() != 1 || type.array || !type.modifiers.empty()) return TypeId::kInvalid;
  const std::string& n = type.names[0];
  if (n == "serial" || n == "serial4") return TypeId::kInt4;
  if (n == "bigserial" || n == "serial8") return TypeId::kInt8;
  if (n == "smallserial" || n == "serial2") return TypeId::kInt2;
  return TypeId::kInvalid;
}

/// The names of the columns an expression mentions (for CHECK constraint names).
void ColumnNames(const ast::Expr& expr, std::set<std::string>* out) {
  VisitExpr(expr, [out](const ast::Expr& e) {
    if (e.kind == ast::ExprKind::kColumnRef) out->insert(e.As<ast::ColumnRef>().names.back());
  });
}

/// A sequence a serial or identity column needs, created before the table and owned by it after.
struct PendingSequence {
  int16_t attnum = 0;
  catalog::SequenceDef def;
};

}  // namespace

std::string ChooseCheckName(const std::string& table, const ast::Expr& expr, std::set<std::string>* used) {
  std::set<std::string> cols;
  ColumnNames(expr, &cols);
  std::string base = cols.size() == 1 ? table + "_" + *cols.begin() + "_check" : table + "_check";
  std::string name = base;
  for (int i = 1; used->contains(name); ++i) name = base + std::to_string(i);
  used->insert(name);
  return name;
}

std::string ChooseSequenceName(SessionContext& ctx, const std::string& schema, const std::string& table,
                               const std::string& column) {
  std::string base = table + "_" + column + "_seq";
  std::string name = base;
  auto taken = [&](const std::string& n) {
    return ctx.catalog.LookupTable(ctx.txn, schema, n, {}) != nullptr ||
           ctx.catalog.LookupSequence(ctx.txn, schema, n, {}).has_value() ||
           ctx.catalog.LookupIndex(ctx.txn, schema, n, {}).has_value();
  };
  for (int i = 1; taken(name); ++i) name = base + std::to_string(i);
  return name;
}

std::string ExecuteCreateTable(const ast::CreateTableStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink) {
  catalog::TableDef def;
  def.owner = ctx.user_oid;
  def.schema = stmt.table.schema;
  def.name = stmt.table.name;
  const bool temp = stmt.persistence == 't' || def.schema == "pg_temp";
  if (!temp && stmt.on_commit != ast::OnCommitAction::kNoop) {
    throw DbError(sqlstate::kInvalidTableDefinition, "ON COMMIT can only be used on temporary tables");
  }
  if (temp) def.schema = TempSchemaForCreate(ctx, def.schema);
  const std::string schema = def.schema.empty() ? CreationSchema(ctx) : def.schema;
  if (stmt.if_not_exists && !schema.empty() &&
      (ctx.catalog.LookupTable(ctx.txn, schema, def.name, {}) ||
       ctx.catalog.LookupSequence(ctx.txn, schema, def.name, {}))) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateTable, "relation \"" + def.name + "\" already exists, skipping");
    return "CREATE TABLE";
  }
  // CREATE on the target schema (heap_create_with_catalog's caller, RangeVarGetAndCheckCreationNamespace).
  if (auto ns = schema.empty() ? std::nullopt : ctx.catalog.LookupNamespace(ctx.txn, schema)) {
    CheckSchemaPrivilege(ctx, *ns, catalog::kAclCreate);
  }
  planner::Binder binder(ctx.catalog, ctx.txn, ctx.search_path, query_text);
  std::vector<PendingSequence> sequences;
  for (const auto& c : stmt.columns) {
    if (AttnumByName(def.columns, c.name) != 0) {
      throw DbError(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    catalog::ColumnInfo col;
    col.name = c.name;
    col.attnum = static_cast<int16_t>(def.columns.size() + 1);
    TypeId serial = SerialType(c.type);
    col.type = serial != TypeId::kInvalid ? TypeDesc{serial, -1} : planner::ResolveTypeName(c.type, query_text);
    planner::CheckColumnType(col.type, col.name);
    col.not_null = c.not_null || c.primary_key;
    if (serial != TypeId::kInvalid && c.default_expr) {
      throw DbError(sqlstate::kSyntaxError,
                    "multiple default values specified for column \"" + c.name + "\" of table \"" + def.name + "\"");
    }
    if (c.identity != 0 && (c.default_expr || serial != TypeId::kInvalid)) {
      throw DbError(sqlstate::kSyntaxError,
                    "both default and identity specified for column \"" + c.name + "\" of table \"" + def.name + "\"");
    }
    if (c.identity != 0 && col.type.id != TypeId::kInt2 && col.type.id != TypeId::kInt4 &&
        col.type.id != TypeId::kInt8) {
      throw DbError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
    }
    if (serial != TypeId::kInvalid || c.identity != 0) {
      PendingSequence seq;
      seq.attnum = col.attnum;
      if (c.identity != 0) seq.def = SequenceDefOf(c.identity_options, ctx);
      seq.def.type = col.type.id;
      seq.def.schema = schema;
      seq.def.name = ChooseSequenceName(ctx, schema, def.name, c.name);
      for (const auto& other : sequences) {
        if (other.def.name == seq.def.name) seq.def.name = ChooseSequenceName(ctx, schema, def.name, c.name + "1");
      }
      col.not_null = true;
      col.identity = c.identity;
      sequences.push_back(std::move(seq));
    }
    if (c.default_expr) {
      // Check the default now, so a bad one fails CREATE TABLE.
      CheckDefault(binder, *c.default_expr, col);
      col.default_expr = c.default_text;
    }
    def.columns.push_back(std::move(col));
  }
  AddKeys(stmt, query_text, &def);
  ApplyOptions(stmt, &def);

  // CHECK constraints: column ones first, then table ones, as PostgreSQL lists them.
  std::set<std::string> used_names;
  for (const auto& c : stmt.columns) {
    for (const auto& check : c.checks) {
      ValidateCheck(binder, *check.expr, query_text, def.name, def.columns);
      std::string name = check.name.empty() ? ChooseCheckName(def.name, *check.expr, &used_names) : check.name;
      def.checks.push_back({name, check.text, false});
    }
  }
  for (const auto& k : stmt.constraints) {
    if (k.type != ast::TableConstraint::Type::kCheck) continue;
    ValidateCheck(binder, *k.check, query_text, def.name, def.columns);
    std::string name = k.name.empty() ? ChooseCheckName(def.name, *k.check, &used_names) : k.name;
    def.checks.push_back({name, k.check_text, k.not_valid});
  }

  // FOREIGN KEYs; one referencing the table itself is added once the table (and its keys) exist.
  SelfTable self{def.schema, def.name, &def.columns, nullptr};
  std::vector<catalog::ForeignKey> self_fks;
  auto add_fk = [&](const std::string& name, const std::vector<std::string>& cols, const ast::ForeignKeyRef& ref) {
    std::string fk_name = name;
    if (fk_name.empty()) {
      fk_name = def.name;
      for (const auto& col : cols) fk_name += "_" + col;
      fk_name += "_fkey";
    }
    bool self_ref = ref.table.name == def.name && (ref.table.schema.empty() || ref.table.schema == def.schema);
    if (self_ref) {
      catalog::ForeignKey fk;
      fk.name = fk_name;
      self_fks.push_back(fk);
      return;
    }
    def.foreign_keys.push_back(ResolveForeignKey(ctx, self, fk_name, cols, ref));
  };
  std::vector<std::pair<const ast::ForeignKeyRef*, std::vector<std::string>>> self_refs;
  for (const auto& c : stmt.columns) {
    if (!c.references) continue;
    size_t before = self_fks.size();
    add_fk(c.references->name, {c.name}, c.references->ref);
    if (self_fks.size() > before) self_refs.push_back({&c.references->ref, {c.name}});
  }
  for (const auto& k : stmt.constraints) {
    if (k.type != ast::TableConstraint::Type::kForeignKey) continue;
    size_t before = self_fks.size();
    add_fk(k.name, k.columns, k.references);
    if (self_fks.size() > before) self_refs.push_back({&k.references, k.columns});
  }

  // Sequences first (their OIDs go into the columns), then the table, then OWNED BY.
  std::vector<catalog::SequenceInfo> created;
  for (const auto& seq : sequences) {
    catalog::SequenceDef seq_def = seq.def;
    seq_def.owner = ctx.user_oid;
    catalog::SequenceInfo info = ctx.catalog.CreateSequence(ctx.txn, seq_def, ctx.search_path);
    catalog::ColumnInfo& col = def.columns[seq.attnum - 1];
    col.identity_sequence = info.oid;
    if (col.identity == 0) {
      std::string qualified = stmt.table.schema.empty() ? info.name : info.schema + "." + info.name;
      col.default_expr = "nextval('" + qualified + "'::regclass)";
    }
    created.push_back(info);
  }
  auto table = ctx.catalog.CreateTable(ctx.txn, def, ctx.search_path);
  if (temp) RegisterTempTable(ctx, *table, stmt.on_commit);
  for (size_t i = 0; i < created.size(); ++i) {
    catalog::SequenceDef owner;
    owner.owned_by_table = table->oid;
    owner.owned_by_attnum = sequences[i].attnum;
    ctx.catalog.AlterSequence(ctx.txn, created[i], owner);
  }
  if (!self_refs.empty()) {
    catalog::TableInfo next = *table;
    SelfTable existing{table->schema, "", &table->columns, &table->keys};  // resolved as an ordinary table
    for (size_t i = 0; i < self_refs.size(); ++i) {
      ast::ForeignKeyRef ref;
      ref.table = {table->schema, table->name, -1};
      ref.columns = self_refs[i].first->columns;
      ref.on_delete = self_refs[i].first->on_delete;
      ref.on_update = self_refs[i].first->on_update;
      catalog::ForeignKey fk = ResolveForeignKey(ctx, existing, self_fks[i].name, self_refs[i].second, ref);
      fk.table_oid = table->oid;
      next.foreign_keys.push_back(fk);
    }
    ctx.catalog.ReplaceTableDef(ctx.txn, *table, next, false);
  }
  return "CREATE TABLE";
}

}  // namespace lumadb::exec
