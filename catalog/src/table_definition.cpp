// DatabaseCatalog::PrepareDefinition: what CREATE TABLE and ALTER TABLE (ReplaceTableDef) share once the
// columns are numbered: constraint and index names (given ones checked, missing ones generated as
// PostgreSQL does), the unique index of every key constraint, and foreign keys resolved against their
// referenced tables.
#include <algorithm>
#include <set>

#include "constraint_rules.h"
#include "database_catalog.h"
#include "object_names.h"

namespace lumadb::catalog {
namespace {

/// The index a key constraint is enforced by, as PostgreSQL builds it: ASC columns of the key.
IndexInfo KeyIndex(const KeyConstraint& key) {
  IndexInfo index;
  index.name = key.name;
  index.unique = true;
  index.primary = key.primary;
  for (int16_t attnum : key.attnums) index.columns.push_back(IndexColumn{attnum, false, false});
  return index;
}

const IndexInfo* FindIndexByOid(const std::vector<IndexInfo>& indexes, Oid oid) {
  for (const IndexInfo& index : indexes) {
    if (oid != 0 && index.oid == oid) return &index;
  }
  return nullptr;
}

void CheckAttnums(const TableInfo& t, const std::vector<int16_t>& attnums) {
  for (int16_t a : attnums) {
    LUMADB_ASSERT(a >= 1 && static_cast<size_t>(a) <= t.columns.size(), "constraint column out of range");
  }
}

}  // namespace

void DatabaseCatalog::PrepareDefinition(txn::Transaction& txn, const CatalogSnapshot& snap, TableInfo& t,
                                        const TableInfo* old, bool initialize_new_indexes) {
  const Oid ns = t.namespace_oid;
  int primary_keys = 0;
  for (KeyConstraint& key : t.keys) {
    CheckAttnums(t, key.attnums);
    if (key.primary && ++primary_keys > 1) {
      throw DbError(sqlstate::kInvalidTableDefinition,
                    "multiple primary keys for table \"" + t.name + "\" are not allowed");
    }
    // A primary key implies NOT NULL on its columns (PostgreSQL sets attnotnull).
    if (key.primary) {
      for (int16_t a : key.attnums) t.columns[a - 1].not_null = true;
    }
  }

  // Names this table already uses may be reused by its new definition.
  std::set<std::string> own;
  if (old) {
    for (const IndexInfo& index : old->indexes) own.insert(index.name);
    for (const KeyConstraint& key : old->keys) own.insert(key.name);
    for (const CheckConstraint& check : old->checks) own.insert(check.name);
    for (const ForeignKey& fk : old->foreign_keys) own.insert(fk.name);
  }
  std::set<std::string> constraint_names, relation_names;
  auto taken = [&](const std::string& name) {
    return name == t.name || constraint_names.contains(name) || relation_names.contains(name) ||
           ((snap.HasRelation(ns, name) || snap.HasConstraint(ns, name)) && !own.contains(name));
  };
  auto claim_constraint = [&](const std::string& name) {
    if (!constraint_names.insert(name).second) {
      throw DbError(sqlstate::kDuplicateObject,
                    "constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
    }
  };
  auto claim_relation = [&](const std::string& name) {
    bool clash = relation_names.contains(name) || name == t.name || (snap.HasRelation(ns, name) && !own.contains(name));
    if (clash) throw DbError(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
    relation_names.insert(name);
  };

  // Key constraints: their index shares their name; a renamed index renames its constraint (and back).
  for (KeyConstraint& key : t.keys) {
    const IndexInfo* given = FindIndexByOid(t.indexes, key.index_oid);
    const KeyConstraint* before = nullptr;
    if (old) {
      for (const KeyConstraint& k : old->keys) {
        if (key.index_oid != 0 && k.index_oid == key.index_oid) before = &k;
      }
    }
    if (given && before && key.name == before->name) key.name = given->name;
  }
  for (KeyConstraint& key : t.keys) {
    if (key.name.empty()) continue;
    claim_constraint(key.name);
    claim_relation(key.name);
  }
  for (const CheckConstraint& check : t.checks) {
    if (!check.name.empty()) claim_constraint(check.name);
  }
  for (const ForeignKey& fk : t.foreign_keys) {
    if (!fk.name.empty()) claim_constraint(fk.name);
  }
  for (KeyConstraint& key : t.keys) {
    if (!key.name.empty()) continue;
    std::vector<std::string> names;
    for (int16_t a : key.attnums) names.push_back(t.columns[a - 1].name);
    key.name = key.primary ? ChooseUniqueName(t.name, "", "pkey", taken)
                           : ChooseUniqueName(t.name, JoinColumnNames(names), "key", taken);
    claim_constraint(key.name);
    relation_names.insert(key.name);
  }

  // Indexes: those of keys (kept, or new), then the others given; an old key's index without its key goes.
  std::vector<IndexInfo> indexes;
  std::set<Oid> key_indexes;
  for (KeyConstraint& key : t.keys) {
    const IndexInfo* given = FindIndexByOid(t.indexes, key.index_oid);
    if (!given && old) given = FindIndexByOid(old->indexes, key.index_oid);
    IndexInfo index = given ? *given : KeyIndex(key);
    index.name = key.name;
    index.unique = true;
    index.primary = key.primary;
    key_indexes.insert(index.oid);
    indexes.push_back(std::move(index));
  }
  std::set<Oid> old_key_indexes;
  if (old) {
    for (const KeyConstraint& key : old->keys) old_key_indexes.insert(key.index_oid);
  }
  for (const IndexInfo& index : t.indexes) {
    bool is_key_index = index.oid != 0 && key_indexes.contains(index.oid);
    bool orphaned = index.oid != 0 && old_key_indexes.contains(index.oid) && !key_indexes.contains(index.oid);
    bool key_by_name = std::any_of(t.keys.begin(), t.keys.end(),
                                   [&](const KeyConstraint& k) { return k.index_oid == 0 && k.name == index.name; });
    if (is_key_index || orphaned || key_by_name) continue;
    IndexInfo copy = index;
    if (copy.name.empty()) {
      IndexDef def{"", copy.unique, copy.primary, copy.columns};
      copy.name = ChooseIndexName(t.name, t.columns, def, taken);
    }
    claim_relation(copy.name);
    indexes.push_back(std::move(copy));
  }
  for (size_t i = 0; i < indexes.size(); ++i) {
    IndexInfo& index = indexes[i];
    std::vector<int16_t> attnums;
    for (const IndexColumn& c : index.columns) attnums.push_back(c.attnum);
    CheckAttnums(t, attnums);
    if (index.oid == 0) index = NewIndex(txn, t.oid, index, initialize_new_indexes);
    if (i < t.keys.size()) t.keys[i].index_oid = index.oid;
  }
  std::sort(indexes.begin(), indexes.end(), [](const IndexInfo& a, const IndexInfo& b) { return a.name < b.name; });
  t.indexes = std::move(indexes);

  for (CheckConstraint& check : t.checks) {
    if (!check.name.empty()) continue;
    check.name = ChooseCheckName(t.name, t.columns, check.expr, taken);
    claim_constraint(check.name);
  }
  for (ForeignKey& fk : t.foreign_keys) {
    fk.table_oid = t.oid;
    if (fk.ref_table_oid == 0) fk.ref_table_oid = t.oid;
    CheckAttnums(t, fk.attnums);
    if (fk.name.empty()) {
      fk.name = ChooseForeignKeyName(t.name, t.columns, fk, taken);
      claim_constraint(fk.name);
    }
    if (fk.ref_table_oid == t.oid) {
      ResolveForeignKey(t, t, fk);
      continue;
    }
    auto ref = snap.FindTable(fk.ref_table_oid);
    if (!ref || ref->relkind != 'r') {
      throw DbError(sqlstate::kUndefinedTable,
                    "relation with OID " + std::to_string(fk.ref_table_oid) + " does not exist");
    }
    CheckAttnums(*ref, fk.ref_attnums);
    ResolveForeignKey(t, *ref, fk);
  }
}

}  // namespace lumadb::catalog
