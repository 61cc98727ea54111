#include "catalog_snapshot.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "bootstrap.h"
#include "catalog_table.h"
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

CatalogTable Table(storage::StorageEngine& storage, Oid db, Oid rel) {
  return CatalogTable(storage.Heap(storage::FileId{db, rel}), SystemRelationById(rel));
}

/// Parses the fillfactor out of reloptions text such as "{fillfactor=70}".
int FillfactorOf(const Value& reloptions) {
  constexpr std::string_view kKey = "fillfactor=";
  if (reloptions.is_null()) return 100;
  const std::string& text = reloptions.GetString();
  size_t at = text.find(kKey);
  if (at == std::string::npos) return 100;
  int fillfactor = 100;
  std::from_chars(text.data() + at + kKey.size(), text.data() + text.size(), fillfactor);
  return fillfactor;
}

}  // namespace

std::shared_ptr<const CatalogSnapshot> CatalogSnapshot::Load(storage::StorageEngine& storage, Oid db) {
  auto snap = std::make_shared<CatalogSnapshot>();
  Table(storage, db, kPgNamespaceOid).ForEach([&](const Row& r) {
    snap->namespaces_.push_back(
        NamespaceEntry{AsOid(r[col::kNspOid]), r[col::kNspName].GetString(), AsOid(r[col::kNspOwner])});
  });

  std::unordered_map<Oid, TableInfo> tables;
  Table(storage, db, kPgClassOid).ForEach([&](const Row& r) {
    TableInfo t;
    t.oid = AsOid(r[col::kRelOid]);
    t.name = r[col::kRelName].GetString();
    t.namespace_oid = AsOid(r[col::kRelNamespace]);
    const NamespaceEntry* ns = snap->FindNamespace(t.namespace_oid);
    t.schema = ns ? ns->name : std::string();
    t.relkind = r[col::kRelKind].GetString().at(0);
    Oid filenode = AsOid(r[col::kRelFilenode]);
    t.file = storage::FileId{IsSharedRelation(t.oid) ? 0 : db, filenode};
    t.fillfactor = FillfactorOf(r[col::kRelOptions]);
    tables.emplace(t.oid, std::move(t));
  });
  Table(storage, db, kPgAttributeOid).ForEach([&](const Row& r) {
    auto it = tables.find(AsOid(r[col::kAttRelid]));
    if (it == tables.end() || r[col::kAttIsDropped].GetBool()) return;
    ColumnInfo c;
    c.name = r[col::kAttName].GetString();
    c.type = TypeDesc{static_cast<TypeId>(AsOid(r[col::kAttTypid])), static_cast<int32_t>(r[col::kAttTypmod].GetInt())};
    c.attnum = AsInt2(r[col::kAttNum]);
    c.not_null = r[col::kAttNotNull].GetBool();
    it->second.columns.push_back(std::move(c));
  });
  Table(storage, db, kPgAttrdefOid).ForEach([&](const Row& r) {
    auto it = tables.find(AsOid(r[col::kAdRelid]));
    if (it == tables.end()) return;
    int16_t attnum = AsInt2(r[col::kAdNum]);
    for (ColumnInfo& c : it->second.columns) {
      if (c.attnum == attnum) c.default_expr = r[col::kAdBin].GetString();
    }
  });
  Table(storage, db, kPgConstraintOid).ForEach([&](const Row& r) {
    Oid ns = AsOid(r[col::kConNamespace]);
    snap->constraint_names_.emplace(ns, r[col::kConName].GetString());
    auto it = tables.find(AsOid(r[col::kConRelid]));
    if (it == tables.end()) return;
    it->second.keys.push_back(KeyConstraint{r[col::kConName].GetString(), r[col::kConType].GetString() == "p",
                                            ParseKey(r[col::kConKey].GetString())});
  });

  for (auto& [oid, t] : tables) {
    std::sort(t.columns.begin(), t.columns.end(),
              [](const ColumnInfo& a, const ColumnInfo& b) { return a.attnum < b.attnum; });
    // PostgreSQL lists the primary key first (it is created first); keep creation order otherwise.
    std::stable_sort(t.keys.begin(), t.keys.end(),
                     [](const KeyConstraint& a, const KeyConstraint& b) { return a.primary && !b.primary; });
    auto info = std::make_shared<const TableInfo>(std::move(t));
    snap->by_name_.emplace(std::make_pair(info->namespace_oid, info->name), info);
    snap->by_oid_.emplace(oid, info);
  }
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
  auto it = by_name_.find(std::make_pair(namespace_oid, std::string(name)));
  return it == by_name_.end() ? nullptr : it->second;
}

std::shared_ptr<const TableInfo> CatalogSnapshot::FindTable(Oid oid) const {
  auto it = by_oid_.find(oid);
  return it == by_oid_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<const TableInfo>> CatalogSnapshot::TablesIn(Oid namespace_oid) const {
  std::vector<std::shared_ptr<const TableInfo>> out;
  for (auto it = by_name_.lower_bound(std::make_pair(namespace_oid, std::string()));
       it != by_name_.end() && it->first.first == namespace_oid; ++it) {
    out.push_back(it->second);
  }
  return out;
}

bool CatalogSnapshot::HasConstraint(Oid namespace_oid, std::string_view name) const {
  return constraint_names_.contains(std::make_pair(namespace_oid, std::string(name)));
}

}  // namespace lumadb::catalog
