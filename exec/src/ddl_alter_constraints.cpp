// ALTER TABLE's constraint and identity commands (tablecmds.c ATExecAddConstraint, ATExecDropConstraint,
// ATExecAddIdentity, ATExecDropIdentity): ADD PRIMARY KEY / UNIQUE adds a key and its index (built in
// phase 3), CHECK and FOREIGN KEY are validated against the rows there too.

#include <algorithm>
#include <set>

#include "ddl_alter_commands.h"

namespace lumadb::exec {

std::string AlterCommands::KeyName(bool primary, const std::vector<std::string>& columns) {
  std::string base = old_.name + "_";
  if (primary) {
    base += "pkey";
  } else {
    for (const auto& c : columns) base += c + "_";
    base += "key";
  }
  std::string name = base;
  auto taken = [&](const std::string& n) {
    if (RelationNameTaken(ctx_, old_.schema, n)) return true;
    return std::any_of(work_.next.indexes.begin(), work_.next.indexes.end(),
                       [&](const catalog::IndexInfo& i) { return i.name == n; });
  };
  for (int i = 1; taken(name); ++i) name = base + std::to_string(i);
  return name;
}

void AlterCommands::AddConstraint(const ast::TableConstraint& k) {
  using T = ast::TableConstraint::Type;
  catalog::TableInfo& t = work_.next;
  switch (k.type) {
    case T::kPrimaryKey:
    case T::kUnique: {
      const bool primary = k.type == T::kPrimaryKey;
      if (primary && std::any_of(t.keys.begin(), t.keys.end(), [](const auto& key) { return key.primary; })) {
        throw DbError(sqlstate::kInvalidTableDefinition,
                      "multiple primary keys for table \"" + old_.name + "\" are not allowed");
      }
      catalog::KeyConstraint key;
      catalog::IndexInfo index;
      for (const auto& name : k.columns) {
        int i = ColumnIndex(name);
        if (i < 0) throw DbError(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist");
        key.attnums.push_back(static_cast<int16_t>(i + 1));
        index.columns.push_back({static_cast<int16_t>(i + 1), false, false});
        if (primary && !t.columns[i].not_null) {
          t.columns[i].not_null = true;
          work_.check_not_null.push_back(static_cast<int16_t>(i + 1));
        }
      }
      key.name = k.name.empty() ? KeyName(primary, k.columns) : k.name;
      key.primary = primary;
      index.name = key.name;
      index.table_oid = t.oid;
      index.unique = true;
      index.primary = primary;
      if (primary) {
        t.keys.insert(t.keys.begin(), key);
      } else {
        t.keys.push_back(key);
      }
      t.indexes.push_back(index);
      return;
    }
    case T::kCheck: {
      ValidateCheck(binder_, *k.check, text_, old_.name, t.columns);
      std::set<std::string> used;
      for (const auto& c : t.checks) used.insert(c.name);
      if (!k.name.empty() && used.contains(k.name)) {
        throw DbError(sqlstate::kDuplicateObject,
                      "constraint \"" + k.name + "\" for relation \"" + old_.name + "\" already exists");
      }
      std::string name = k.name.empty() ? ChooseCheckName(old_.name, *k.check, &used) : k.name;
      t.checks.push_back({name, k.check_text, k.not_valid});
      if (!k.not_valid) work_.new_checks.push_back(name);
      return;
    }
    case T::kForeignKey: {
      std::string name = k.name;
      if (name.empty()) {
        name = old_.name;
        for (const auto& c : k.columns) name += "_" + c;
        name += "_fkey";
      }
      SelfTable self{old_.schema, old_.name, &t.columns, &t.keys};
      bool self_ref = k.references.table.name == old_.name &&
                      (k.references.table.schema.empty() || k.references.table.schema == old_.schema);
      catalog::ForeignKey fk = ResolveForeignKey(ctx_, self, name, k.columns, k.references);
      fk.table_oid = t.oid;
      if (self_ref) fk.ref_table_oid = t.oid;
      t.foreign_keys.push_back(fk);
      if (!k.not_valid) work_.new_foreign_keys.push_back(name);
      return;
    }
  }
}

void AlterCommands::DropConstraint(const ast::AlterTableCmd& cmd) {
  catalog::TableInfo& t = work_.next;
  const std::string& name = cmd.constraint;
  for (size_t i = 0; i < t.keys.size(); ++i) {
    if (t.keys[i].name != name) continue;
    std::vector<std::string> dependents;
    for (const auto& fk : t.referenced_by) {
      if (fk.ref_index_oid != t.keys[i].index_oid || fk.table_oid == t.oid) continue;
      auto other = ctx_.catalog.TableByOid(ctx_.txn, fk.table_oid);
      dependents.push_back("constraint " + fk.name + " on table " + (other ? other->name : "?"));
      work_.drop_other_fks.push_back({fk.table_oid, fk.name});
    }
    if (!dependents.empty() && !cmd.cascade) {
      std::string detail;
      for (const auto& d : dependents) detail += (detail.empty() ? "" : "\n") + d + " depends on index " + name;
      throw DbError(sqlstate::kDependentObjectsStillExist,
                    "cannot drop constraint " + name + " on table " + old_.name + " because other objects depend on it")
          .Detail(detail)
          .Hint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    for (const auto& d : dependents) {
      sink_.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, "drop cascades to " + d);
    }
    std::erase_if(t.indexes, [&](const catalog::IndexInfo& i) { return i.name == name; });
    t.keys.erase(t.keys.begin() + static_cast<long>(i));
    return;
  }
  auto by_name = [&](const auto& c) { return c.name == name; };
  if (std::erase_if(t.checks, by_name) > 0 || std::erase_if(t.foreign_keys, by_name) > 0) return;
  std::string msg = "constraint \"" + name + "\" of relation \"" + old_.name + "\" does not exist";
  if (cmd.if_exists) {
    sink_.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion, msg + ", skipping");
    return;
  }
  throw DbError(sqlstate::kUndefinedObject, msg);
}

void AlterCommands::AddIdentity(const ast::AlterTableCmd& cmd) {
  catalog::ColumnInfo& col = Column(cmd.column);
  if (col.identity != 0)
    throw IdentityError(col.name, "is already an identity column", sqlstate::kObjectNotInPrerequisiteState);
  if (col.default_expr)
    throw IdentityError(col.name, "already has a default value", sqlstate::kObjectNotInPrerequisiteState);
  if (!col.not_null) {
    throw IdentityError(col.name, "must be declared NOT NULL before identity can be added",
                        sqlstate::kObjectNotInPrerequisiteState);
  }
  if (col.type.id != TypeId::kInt2 && col.type.id != TypeId::kInt4 && col.type.id != TypeId::kInt8) {
    throw DbError(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  catalog::SequenceDef def;
  if (cmd.column_def) def = SequenceDefOf(cmd.column_def->identity_options, ctx_);
  def.type = col.type.id;
  def.schema = old_.schema;
  def.name = ChooseSequenceName(ctx_, old_.schema, old_.name, col.name);
  def.owned_by_table = old_.oid;
  def.owned_by_attnum = col.attnum;
  def.owner = old_.owner;
  col.identity_sequence = ctx_.catalog.CreateSequence(ctx_.txn, def, ctx_.search_path).oid;
  col.identity = cmd.identity;
}

void AlterCommands::DropIdentity(const ast::AlterTableCmd& cmd) {
  catalog::ColumnInfo& col = Column(cmd.column);
  if (col.identity == 0) {
    if (cmd.if_exists) {
      sink_.Notice(Severity::kNotice, sqlstate::kSuccessfulCompletion,
                   "column \"" + col.name + "\" of relation \"" + old_.name + "\" is not an identity column, skipping");
      return;
    }
    throw IdentityError(col.name, "is not an identity column", sqlstate::kObjectNotInPrerequisiteState);
  }
  if (auto seq = ctx_.catalog.SequenceByOid(ctx_.txn, col.identity_sequence)) work_.drop_sequences.push_back(*seq);
  col.identity = 0;
  col.identity_sequence = 0;
}

}  // namespace lumadb::exec
