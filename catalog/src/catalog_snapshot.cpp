#include "catalog_snapshot.h"

#include <algorithm>
#include <charconv>

#include "catalog_rows.h"
#include "catalog_table.h"
#include "function_rows.h"
#include "statistic_rows.h"
#include "storage/storage_engine.h"
#include "system_catalogs.h"

namespace lumadb::catalog {
namespace {

Oid AsOid(const Value& v) {
  return static_cast<Oid>(v.GetInt());
}
int16_t AsInt2(const Value& v) {
  return static_cast<int16_t>(v.GetInt());
}

/// Splits pg_class.reloptions (text[] such as {fillfactor=70}) into t's fillfactor and its other items.
void ReadRelOptions(const Value& reloptions, TableInfo& t) {
  constexpr std::string_view kFillfactor = "fillfactor=";
  for (std::string& item : AclOfValue(reloptions).value_or(std::vector<std::string>{})) {
    if (item.starts_with(kFillfactor)) {
      std::from_chars(item.data() + kFillfactor.size(), item.data() + item.size(), t.fillfactor);
    } else {
      t.reloptions.push_back(std::move(item));
    }
  }
}

template <typename T>
void SortByName(std::vector<T>& v) {
  std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

}  // namespace

/// The mutable state of a snapshot while Load reads the heaps in dependency order.
struct CatalogSnapshot::Builder {
  storage::StorageEngine& storage;
  Oid db;
  CatalogSnapshot& snap;
  std::unordered_map<Oid, TableInfo> tables;   // relkind 'r' and 'S'
  std::unordered_map<Oid, IndexInfo> indexes;  // relkind 'i'
  struct KeyRow {
    Oid oid;  // the constraint's OID: creation order
    Oid relid;
    KeyConstraint key;
  };
  std::vector<KeyRow> keys;
  std::unordered_map<Oid, TableStatistics> statistics;  // by table

  CatalogTable Table(Oid rel) const {
    return CatalogTable(storage.Heap(storage::FileId{db, rel}), SystemRelationById(rel));
  }
  TableInfo* FindTable(Oid oid) {
    auto it = tables.find(oid);
    return it == tables.end() ? nullptr : &it->second;
  }

  void ReadClasses() {
    Table(kPgClassOid).ForEach([&](const Row& r) {
      Oid oid = AsOid(r[col::kRelOid]);
      Oid ns = AsOid(r[col::kRelNamespace]);
      const std::string& name = r[col::kRelName].GetString();
      char relkind = CharOf(r[col::kRelKind]);
      storage::FileId file{IsSharedRelation(oid) ? 0 : db, AsOid(r[col::kRelFilenode])};
      snap.relation_names_.emplace(std::make_pair(ns, name), oid);
      snap.relation_by_oid_.emplace(oid, std::make_pair(ns, name));
      if (relkind == 'i') {
        IndexInfo index;
        index.oid = oid;
        index.name = name;
        index.file = file;
        indexes.emplace(oid, std::move(index));
        return;
      }
      TableInfo t;
      t.oid = oid;
      t.name = name;
      t.namespace_oid = ns;
      const NamespaceEntry* entry = snap.FindNamespace(ns);
      t.schema = entry ? entry->name : std::string();
      t.relkind = relkind;
      t.file = file;
      ReadRelOptions(r[col::kRelOptions], t);
      t.relpages = static_cast<int32_t>(r[col::kRelPages].GetInt());
      t.reltuples = r[col::kRelTuples].GetFloat();
      t.owner = AsOid(r[col::kRelOwner]);
      t.acl = AclOfValue(r[col::kRelAcl]);
      tables.emplace(oid, std::move(t));
    });
  }

  void ReadColumns() {
    Table(kPgAttributeOid).ForEach([&](const Row& r) {
      TableInfo* t = FindTable(AsOid(r[col::kAttRelid]));
      if (!t || r[col::kAttIsDropped].GetBool()) return;
      ColumnInfo c;
      c.name = r[col::kAttName].GetString();
      c.type =
          TypeDesc{static_cast<TypeId>(AsOid(r[col::kAttTypid])), static_cast<int32_t>(r[col::kAttTypmod].GetInt())};
      c.attnum = AsInt2(r[col::kAttNum]);
      c.not_null = r[col::kAttNotNull].GetBool();
      c.identity = CharOf(r[col::kAttIdentity]);
      c.acl = AclOfValue(r[col::kAttAcl]);
      t->columns.push_back(std::move(c));
    });
    Table(kPgAttrdefOid).ForEach([&](const Row& r) {
      TableInfo* t = FindTable(AsOid(r[col::kAdRelid]));
      if (!t) return;
      int16_t attnum = AsInt2(r[col::kAdNum]);
      if (attnum == 0) t->view_query = r[col::kAdBin].GetString();
      for (ColumnInfo& c : t->columns) {
        if (c.attnum == attnum) c.default_expr = r[col::kAdBin].GetString();
      }
    });
  }

  /// pg_statistic rows, parsed as their column's current type (DDL removes the rows of a retyped column).
  void ReadStatistics() {
    Table(kPgStatisticOid).ForEach([&](const Row& r) {
      TableInfo* t = FindTable(AsOid(r[col::kStaRelid]));
      int16_t attnum = AsInt2(r[col::kStaAttnum]);
      if (!t) return;
      for (const ColumnInfo& c : t->columns) {
        if (c.attnum == attnum) statistics[t->oid].columns.push_back(StatisticFromRow(r, c.type));
      }
    });
  }

  void ReadIndexesAndSequences() {
    Table(kPgIndexOid).ForEach([&](const Row& r) {
      IndexInfo parsed = IndexFromRow(r);
      auto it = indexes.find(parsed.oid);
      TableInfo* t = FindTable(parsed.table_oid);
      if (it == indexes.end() || !t) return;
      parsed.name = it->second.name;
      parsed.file = it->second.file;
      snap.index_table_.emplace(parsed.oid, parsed.table_oid);
      t->indexes.push_back(std::move(parsed));
    });
    Table(kPgSequenceOid).ForEach([&](const Row& r) {
      SequenceInfo seq = SequenceFromRow(r);
      TableInfo* t = FindTable(seq.oid);
      if (!t) return;
      seq.namespace_oid = t->namespace_oid;
      seq.schema = t->schema;
      seq.name = t->name;
      seq.file = t->file;
      seq.owner = t->owner;
      seq.acl = t->acl;
      snap.sequences_.emplace(seq.oid, std::move(seq));
    });
    Table(kPgDependOid).ForEach([&](const Row& r) {
      if (CharOf(r[col::kDepType]) == 'n') {
        if (TableInfo* view = FindTable(AsOid(r[col::kDepObjid])))
          view->view_uses.push_back(AsOid(r[col::kDepRefobjid]));
        return;
      }
      auto seq = snap.sequences_.find(AsOid(r[col::kDepObjid]));
      if (seq == snap.sequences_.end()) return;
      seq->second.owned_by_table = AsOid(r[col::kDepRefobjid]);
      seq->second.owned_by_attnum = static_cast<int16_t>(r[col::kDepRefobjsubid].GetInt());
      if (TableInfo* t = FindTable(seq->second.owned_by_table)) {
        for (ColumnInfo& c : t->columns) {
          if (c.attnum == seq->second.owned_by_attnum) c.identity_sequence = seq->first;
        }
      }
    });
  }

  void ReadConstraints() {
    Table(kPgConstraintOid).ForEach([&](const Row& r) {
      Oid oid = AsOid(r[col::kConOid]);
      snap.constraint_names_.emplace(AsOid(r[col::kConNamespace]), r[col::kConName].GetString());
      snap.constraint_by_oid_.emplace(oid, std::make_pair(AsOid(r[col::kConRelid]), r[col::kConName].GetString()));
      TableInfo* t = FindTable(AsOid(r[col::kConRelid]));
      if (!t) return;
      switch (CharOf(r[col::kConType])) {
        case 'p':
        case 'u':
          keys.push_back(KeyRow{oid, t->oid,
                                KeyConstraint{r[col::kConName].GetString(), CharOf(r[col::kConType]) == 'p',
                                              ParseKey(r[col::kConKey].GetString()), AsOid(r[col::kConIndid])}});
          break;
        case 'c':
          t->checks.push_back(CheckFromRow(r));
          break;
        case 'f': {
          ForeignKey fk = ForeignKeyFromRow(r);
          if (TableInfo* ref = FindTable(fk.ref_table_oid)) ref->referenced_by.push_back(fk);
          t->foreign_keys.push_back(std::move(fk));
          break;
        }
        default:
          break;
      }
    });
    // PostgreSQL lists the primary key first (it is created first), then keys in creation order.
    std::sort(keys.begin(), keys.end(), [](const KeyRow& a, const KeyRow& b) {
      return a.key.primary != b.key.primary ? a.key.primary : a.oid < b.oid;
    });
    for (KeyRow& k : keys) tables.at(k.relid).keys.push_back(std::move(k.key));
  }

  /// Publishes every table (columns by attnum; indexes, checks and foreign keys by name).
  void Publish() {
    for (auto& [oid, t] : tables) {
      std::sort(t.columns.begin(), t.columns.end(),
                [](const ColumnInfo& a, const ColumnInfo& b) { return a.attnum < b.attnum; });
      SortByName(t.indexes);
      SortByName(t.checks);
      SortByName(t.foreign_keys);
      SortByName(t.referenced_by);
      if (auto it = statistics.find(oid); it != statistics.end()) {
        std::sort(it->second.columns.begin(), it->second.columns.end(),
                  [](const ColumnStatistics& a, const ColumnStatistics& b) { return a.attnum < b.attnum; });
        t.statistics = std::make_shared<const TableStatistics>(std::move(it->second));
      }
      snap.by_oid_.emplace(oid, std::make_shared<const TableInfo>(std::move(t)));
    }
  }
};

std::shared_ptr<const CatalogSnapshot> CatalogSnapshot::Load(storage::StorageEngine& storage, Oid db) {
  auto snap = std::make_shared<CatalogSnapshot>();
  Builder builder{storage, db, *snap, {}, {}, {}, {}};
  builder.Table(kPgNamespaceOid).ForEach([&](const Row& r) {
    snap->namespaces_.push_back(NamespaceEntry{AsOid(r[col::kNspOid]), r[col::kNspName].GetString(),
                                               AsOid(r[col::kNspOwner]), AclOfValue(r[col::kNspAcl])});
  });
  builder.ReadClasses();
  builder.ReadColumns();
  builder.ReadStatistics();
  builder.ReadIndexesAndSequences();
  builder.ReadConstraints();
  builder.Publish();
  builder.Table(kPgProcOid).ForEach([&](const Row& r) {
    FunctionInfo f = FunctionFromRow(r);
    if (const NamespaceEntry* ns = snap->FindNamespace(f.namespace_oid)) f.schema = ns->name;
    snap->functions_.push_back(std::make_shared<const FunctionInfo>(std::move(f)));
  });
  std::sort(snap->functions_.begin(), snap->functions_.end(),
            [](const auto& a, const auto& b) { return a->oid < b->oid; });
  return snap;
}

const NamespaceEntry* CatalogSnapshot::FindNamespace(std::string_view name) const {
  for (const NamespaceEntry& ns : namespaces_) {
    if (ns.name == name) return &ns;
  }
  return nullptr;
}

const NamespaceEntry* CatalogSnapshot::FindNamespace(Oid oid) const {
  for (const NamespaceEntry& ns : namespaces_) {
    if (ns.oid == oid) return &ns;
  }
  return nullptr;
}

std::shared_ptr<const TableInfo> CatalogSnapshot::FindTable(Oid namespace_oid, std::string_view name) const {
  auto it = relation_names_.find(std::make_pair(namespace_oid, std::string(name)));
  return it == relation_names_.end() ? nullptr : FindTable(it->second);
}

std::shared_ptr<const TableInfo> CatalogSnapshot::FindTable(Oid oid) const {
  auto it = by_oid_.find(oid);
  return it == by_oid_.end() ? nullptr : it->second;
}

std::optional<Oid> CatalogSnapshot::FindRelationOid(Oid namespace_oid, std::string_view name) const {
  auto it = relation_names_.find(std::make_pair(namespace_oid, std::string(name)));
  return it == relation_names_.end() ? std::nullopt : std::optional<Oid>(it->second);
}

std::optional<std::pair<Oid, std::string>> CatalogSnapshot::RelationName(Oid oid) const {
  auto it = relation_by_oid_.find(oid);
  return it == relation_by_oid_.end() ? std::nullopt : std::optional(it->second);
}

std::vector<std::shared_ptr<const TableInfo>> CatalogSnapshot::TablesIn(Oid namespace_oid) const {
  std::vector<std::shared_ptr<const TableInfo>> out;
  for (auto it = relation_names_.lower_bound(std::make_pair(namespace_oid, std::string()));
       it != relation_names_.end() && it->first.first == namespace_oid; ++it) {
    if (auto t = FindTable(it->second)) out.push_back(t);
  }
  return out;
}

std::optional<std::pair<std::shared_ptr<const TableInfo>, IndexInfo>> CatalogSnapshot::FindIndex(
    Oid namespace_oid, std::string_view name) const {
  auto it = relation_names_.find(std::make_pair(namespace_oid, std::string(name)));
  if (it == relation_names_.end()) return std::nullopt;
  auto owner = index_table_.find(it->second);
  if (owner == index_table_.end()) return std::nullopt;
  auto table = FindTable(owner->second);
  for (const IndexInfo& index : table->indexes) {
    if (index.oid == it->second) return std::make_pair(table, index);
  }
  return std::nullopt;
}

std::optional<SequenceInfo> CatalogSnapshot::FindSequence(Oid oid) const {
  auto it = sequences_.find(oid);
  return it == sequences_.end() ? std::nullopt : std::optional<SequenceInfo>(it->second);
}

std::optional<SequenceInfo> CatalogSnapshot::FindSequence(Oid namespace_oid, std::string_view name) const {
  auto it = relation_names_.find(std::make_pair(namespace_oid, std::string(name)));
  return it == relation_names_.end() ? std::nullopt : FindSequence(it->second);
}

std::vector<SequenceInfo> CatalogSnapshot::SequencesOwnedBy(Oid table_oid) const {
  std::vector<SequenceInfo> out;
  for (const auto& [oid, seq] : sequences_) {
    if (seq.owned_by_table == table_oid) out.push_back(seq);
  }
  return out;
}

bool CatalogSnapshot::HasRelation(Oid namespace_oid, std::string_view name) const {
  return relation_names_.contains(std::make_pair(namespace_oid, std::string(name)));
}

std::optional<std::pair<Oid, std::string>> CatalogSnapshot::ConstraintByOid(Oid oid) const {
  auto it = constraint_by_oid_.find(oid);
  return it == constraint_by_oid_.end() ? std::nullopt : std::optional(it->second);
}

bool CatalogSnapshot::HasConstraint(Oid namespace_oid, std::string_view name) const {
  return constraint_names_.contains(std::make_pair(namespace_oid, std::string(name)));
}

}  // namespace lumadb::catalog
