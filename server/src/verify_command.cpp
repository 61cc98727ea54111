#include "server/verify_command.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "catalog/catalog.h"
#include "catalog/cluster.h"
#include "common/error.h"
#include "common/index_key.h"
#include "common/row_codec.h"
#include "server/data_dir_lock.h"
#include "storage/btree.h"
#include "storage/disk_manager.h"
#include "storage/heap_file.h"
#include "storage/slotted_page.h"
#include "storage/storage_engine.h"
#include "txn/transaction_manager.h"

namespace lumadb::server {
namespace {

namespace fs = std::filesystem;

/// At most this many undecodable tuples are listed per table; the rest are counted in one line.
constexpr int kMaxTupleProblemsPerTable = 10;
/// At most this many heap/index disagreements are listed per index.
constexpr int kMaxIndexProblems = 10;

/// The magic u32 (little-endian) at the end of every B+tree page's special area (storage/src/btree_page.h):
/// such pages have their own layout, checked by BTree::Verify instead of the slotted-page validation.
constexpr uint32_t kBTreePageMagic = 0x4C425452;
bool IsBTreePage(const char* page) {
  uint32_t magic = 0;
  std::memcpy(&magic, page + storage::kPageSize - 8, sizeof magic);
  return magic == kBTreePageMagic;
}

/// An index entry as verify compares them: key bytes, then the TID.
struct IndexEntry {
  std::string key;
  storage::Rid rid;
  bool operator<(const IndexEntry& o) const {
    if (key != o.key) return key < o.key;
    return rid.page != o.rid.page ? rid.page < o.rid.page : rid.slot < o.rid.slot;
  }
  bool operator==(const IndexEntry& o) const { return key == o.key && rid == o.rid; }
};

std::string TidText(storage::Rid rid) {
  return "(" + std::to_string(rid.page) + "," + std::to_string(rid.slot + 1) + ")";
}

/// A relation file name is its relfilenode: all digits. Other files (lumadb_nextoid, ...) are not pages.
bool IsRelationFileName(const std::string& name, uint32_t* rel) {
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), *rel);
  return ec == std::errc() && end == name.data() + name.size() && !name.empty();
}

/// The position of a column in a catalog relation's rows; the bootstrap schemas define these names.
size_t ColumnIndex(const catalog::TableInfo& table, std::string_view name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return i;
  }
  throw std::runtime_error("catalog relation \"" + table.name + "\" has no column \"" + std::string(name) + "\"");
}

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  for (const catalog::ColumnInfo& c : table.columns) types.push_back(c.type.id);
  return types;
}

std::string Quoted(const catalog::TableInfo& table) {
  return "\"" + table.schema + "." + table.name + "\"";
}

/// Runs the checks of one verification and collects the report.
class Verifier {
 public:
  explicit Verifier(const VerifyCommand& command) : command_(command) {}

  VerifyReport Run() {
    std::unique_ptr<catalog::Cluster> cluster = OpenCluster();
    CheckRelationFiles();
    if (cluster != nullptr) CheckCatalogs(*cluster);
    return std::move(report_);
  }

 private:
  /// Opens the directory as the server does (crash recovery included) and writes back what recovery
  /// changed, so the page scan below sees the recovered files. Null (with a problem) if it cannot.
  std::unique_ptr<catalog::Cluster> OpenCluster() {
    try {
      auto cluster = std::make_unique<catalog::Cluster>(command_.data_dir, command_.buffer_pages);
      cluster->Flush();
      return cluster;
    } catch (const std::exception& e) {
      Problem(std::string("could not open the data directory: ") + e.what());
      return nullptr;
    }
  }

  void Problem(std::string text) { report_.problems.push_back(std::move(text)); }

  /// Checks every page of global/<rel> and base/<db>/<rel> straight from the files, bypassing the buffer
  /// pool, so what is checked is exactly what is on disk.
  void CheckRelationFiles() {
    const fs::path& dir = command_.data_dir;
    CheckFilesIn(dir / "global", 0);
    std::error_code ec;
    for (const fs::directory_entry& db : fs::directory_iterator(dir / "base", ec)) {
      uint32_t db_oid = 0;
      if (db.is_directory() && IsRelationFileName(db.path().filename().string(), &db_oid)) {
        CheckFilesIn(db.path(), db_oid);
      }
    }
    if (ec) Problem("could not read directory \"" + (dir / "base").string() + "\": " + ec.message());
  }

  void CheckFilesIn(const fs::path& dir, uint32_t db) {
    std::set<uint32_t> rels;  // sorted, so problems come out in a stable order
    std::error_code ec;
    for (const fs::directory_entry& f : fs::directory_iterator(dir, ec)) {
      uint32_t rel = 0;
      if (f.is_regular_file() && IsRelationFileName(f.path().filename().string(), &rel)) rels.insert(rel);
    }
    if (ec) Problem("could not read directory \"" + dir.string() + "\": " + ec.message());
    for (uint32_t rel : rels) CheckFile(storage::FileId{db, rel});
  }

  void CheckFile(storage::FileId file) {
    const std::string name = storage::DiskManager::RelativePath(file);
    std::ifstream in(command_.data_dir / name, std::ios::binary);
    if (!in) {
      Problem("could not open file \"" + name + "\"");
      return;
    }
    ++report_.files;
    std::vector<char> page(storage::kPageSize);
    storage::PageId block = 0;
    for (;; ++block) {
      in.read(page.data(), static_cast<std::streamsize>(page.size()));
      const std::streamsize got = in.gcount();
      if (got == 0) break;
      if (static_cast<size_t>(got) < page.size()) {
        Problem("file \"" + name + "\" ends with a partial page: block " + std::to_string(block) + " has " +
                std::to_string(got) + " of " + std::to_string(storage::kPageSize) + " bytes");
        break;
      }
      ++report_.pages;
      CheckPage(file, block, page.data(), name);
    }
  }

  void CheckPage(storage::FileId file, storage::PageId block, const char* page, const std::string& name) {
    const std::string where = "invalid page in block " + std::to_string(block) + " of relation " + name;
    if (!storage::VerifyPageChecksum(page)) {
      Problem(where + ": checksum mismatch");
      return;
    }
    if (IsBTreePage(page)) return;
    try {
      storage::ConstSlottedPage(page).Validate(file, block);
    } catch (const DbError&) {
      Problem(where + ": header or line pointer out of range");
    }
  }

  void CheckCatalogs(catalog::Cluster& cluster) {
    std::unique_ptr<txn::Transaction> txn = cluster.transactions().Begin(txn::IsolationLevel::kReadCommitted, true);
    try {
      for (const catalog::DatabaseInfo& db : cluster.ListDatabases(*txn)) {
        ++report_.databases;
        CheckDatabase(cluster, *txn, db);
      }
    } catch (const std::exception& e) {
      Problem(std::string("could not read the catalog: ") + e.what());
    }
    cluster.transactions().Abort(*txn);
  }

  /// pg_class rows have files, pg_attribute rows have pg_class rows, and every table's tuples decode.
  void CheckDatabase(catalog::Cluster& cluster, txn::Transaction& txn, const catalog::DatabaseInfo& db) {
    catalog::Catalog& cat = cluster.OpenDatabase(db);
    auto system_table = [&](std::string_view name) {
      auto table = cat.LookupTable(txn, "pg_catalog", name, {});
      if (table == nullptr) throw std::runtime_error("database \"" + db.name + "\" has no " + std::string(name));
      return table;
    };
    auto pg_namespace = system_table("pg_namespace");
    auto pg_class = system_table("pg_class");
    auto pg_attribute = system_table("pg_attribute");

    std::map<Oid, std::string> namespaces;
    for (const Row& r : ReadRows(cat, *pg_namespace)) {
      namespaces[static_cast<Oid>(r[ColumnIndex(*pg_namespace, "oid")].GetInt())] =
          r[ColumnIndex(*pg_namespace, "nspname")].GetString();
    }
    std::set<Oid> relations;
    for (const Row& r : ReadRows(cat, *pg_class)) {
      ++report_.relations;
      const Oid oid = static_cast<Oid>(r[ColumnIndex(*pg_class, "oid")].GetInt());
      const std::string& name = r[ColumnIndex(*pg_class, "relname")].GetString();
      const Oid nsp = static_cast<Oid>(r[ColumnIndex(*pg_class, "relnamespace")].GetInt());
      const bool is_index = r[ColumnIndex(*pg_class, "relkind")].GetString() == "i";
      relations.insert(oid);
      auto ns = namespaces.find(nsp);
      if (ns == namespaces.end()) {
        Problem("database \"" + db.name + "\": relation \"" + name + "\" (OID " + std::to_string(oid) +
                ") names namespace " + std::to_string(nsp) + ", which is not in pg_namespace");
        continue;
      }
      if (!is_index) {
        CheckRelation(cluster, cat, txn, db, ns->second, name);
      } else if (!cat.LookupIndex(txn, ns->second, name, {})) {
        // Index contents are checked with their tables (CheckIndexes); here only that the catalog knows it.
        Problem("database \"" + db.name + "\": index \"" + ns->second + "." + name +
                "\" is in pg_class but not in the catalog");
      }
    }
    const size_t attrelid = ColumnIndex(*pg_attribute, "attrelid");
    for (const Row& r : ReadRows(cat, *pg_attribute)) {
      const Oid rel = static_cast<Oid>(r[attrelid].GetInt());
      if (!relations.contains(rel)) {
        Problem("database \"" + db.name + "\": pg_attribute row \"" +
                r[ColumnIndex(*pg_attribute, "attname")].GetString() + "\" belongs to relation OID " +
                std::to_string(rel) + ", which is not in pg_class");
      }
    }
  }

  void CheckRelation(catalog::Cluster& cluster, catalog::Catalog& cat, txn::Transaction& txn,
                     const catalog::DatabaseInfo& db, const std::string& schema, const std::string& name) {
    auto table = cat.LookupTable(txn, schema, name, {});
    if (table == nullptr) {
      Problem("database \"" + db.name + "\": relation \"" + schema + "." + name +
              "\" is in pg_class but not in the catalog");
      return;
    }
    if (table->relkind != 'r') return;  // only tables have heap files so far
    if (!cluster.storage().FileExists(table->file)) {
      Problem("database \"" + db.name + "\": relation " + Quoted(*table) + " has no file \"" +
              storage::DiskManager::RelativePath(table->file) + "\"");
      return;
    }
    if (!decoded_.insert(table->file.Key()).second) return;  // a shared catalog, seen from another database
    CheckTuples(cat, *table);
    for (const catalog::IndexInfo& index : table->indexes) CheckIndex(cluster, cat, db, *table, index);
  }

  /// amcheck's bt_index_check plus heapallindexed: the tree's own structure, then every live heap tuple has
  /// exactly its entry and every entry points to a live tuple with that key.
  void CheckIndex(catalog::Cluster& cluster, catalog::Catalog& cat, const catalog::DatabaseInfo& db,
                  const catalog::TableInfo& table, const catalog::IndexInfo& index) {
    const std::string where = "index \"" + index.name + "\" of relation " + Quoted(table) + " (" +
                              storage::DiskManager::RelativePath(index.file) + ")";
    if (!cluster.storage().FileExists(index.file)) {
      Problem("database \"" + db.name + "\": " + where + " has no file");
      return;
    }
    ++report_.indexes;
    try {
      storage::BTree& tree = cat.Index(index);
      for (const std::string& p : tree.Verify()) Problem(where + ": " + p);
      std::vector<KeyColumnOrder> orders;
      for (const catalog::IndexColumn& c : index.columns) {
        orders.push_back({table.columns[c.attnum - 1].type.id, c.descending, c.nulls_first});
      }
      std::vector<IndexEntry> expected;
      const std::vector<TypeId> types = ColumnTypes(table);
      storage::HeapFile::Iterator it = cat.Heap(table).Scan();
      storage::Rid rid;
      std::vector<std::byte> bytes;
      while (it.Next(&rid, &bytes)) {
        Row row;
        try {
          row = DecodeRow(types, bytes);
        } catch (const DbError&) {
          continue;  // reported by CheckTuples
        }
        std::vector<Value> values;
        for (const catalog::IndexColumn& c : index.columns) values.push_back(row[c.attnum - 1]);
        expected.push_back({EncodeKey(values, orders), rid});
      }
      std::vector<IndexEntry> actual;
      storage::BTree::Cursor cursor = tree.Seek("");
      storage::BTree::Entry entry;
      while (cursor.Next(&entry)) actual.push_back({entry.key, entry.rid});
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
      std::vector<IndexEntry> missing, extra;
      std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
      std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
      for (size_t i = 1; i < actual.size(); ++i) {
        if (actual[i] == actual[i - 1]) extra.push_back(actual[i]);
      }
      int shown = 0;
      for (const IndexEntry& e : missing) {
        if (++shown > kMaxIndexProblems) break;
        Problem(where + ": heap tuple " + TidText(e.rid) + " has no index entry");
      }
      for (const IndexEntry& e : extra) {
        if (++shown > kMaxIndexProblems) break;
        Problem(where + ": entry for " + TidText(e.rid) + " points to no live tuple with its key");
      }
      if (shown > kMaxIndexProblems) {
        Problem(where + ": " + std::to_string(missing.size() + extra.size() - kMaxIndexProblems) +
                " more heap/index disagreements");
      }
      report_.index_entries += actual.size();
    } catch (const std::exception& e) {
      Problem("could not check " + where + ": " + e.what());
    }
  }

  /// Decodes every live tuple of a table with its column types.
  void CheckTuples(catalog::Catalog& cat, const catalog::TableInfo& table) {
    const std::string file = storage::DiskManager::RelativePath(table.file);
    const std::vector<TypeId> types = ColumnTypes(table);
    int bad = 0;
    try {
      storage::HeapFile::Iterator it = cat.Heap(table).Scan();
      storage::Rid rid;
      std::vector<std::byte> bytes;
      while (it.Next(&rid, &bytes)) {
        try {
          DecodeRow(types, bytes);
          ++report_.tuples;
        } catch (const DbError& e) {
          if (++bad <= kMaxTupleProblemsPerTable) {
            Problem("tuple (" + std::to_string(rid.page) + "," + std::to_string(rid.slot + 1) + ") of relation " +
                    Quoted(table) + " (" + file + ") does not decode: " + e.message());
          }
        }
      }
    } catch (const DbError& e) {
      Problem("could not scan relation " + Quoted(table) + " (" + file + "): " + e.message());
    }
    if (bad > kMaxTupleProblemsPerTable) {
      Problem("relation " + Quoted(table) + " (" + file + "): " + std::to_string(bad - kMaxTupleProblemsPerTable) +
              " more tuples do not decode");
    }
  }

  /// Every row of a catalog relation. Throws (caught by CheckCatalogs) if one does not decode: the
  /// catalog cannot be checked any further then.
  std::vector<Row> ReadRows(catalog::Catalog& cat, const catalog::TableInfo& table) {
    const std::vector<TypeId> types = ColumnTypes(table);
    std::vector<Row> rows;
    storage::HeapFile::Iterator it = cat.Heap(table).Scan();
    storage::Rid rid;
    std::vector<std::byte> bytes;
    while (it.Next(&rid, &bytes)) rows.push_back(DecodeRow(types, bytes));
    return rows;
  }

  const VerifyCommand& command_;
  VerifyReport report_;
  std::set<uint64_t> decoded_;  // FileId keys of the tables whose tuples were decoded
};

}  // namespace

VerifyReport VerifyDataDirectory(const VerifyCommand& command) {
  if (!catalog::Cluster::Exists(command.data_dir)) {
    throw std::runtime_error("directory \"" + command.data_dir.string() + "\" is not a LumaDB data directory");
  }
  const DataDirLock lock(command.data_dir);  // no server may start (or run) on it meanwhile
  return Verifier(command).Run();
}

int RunVerify(const VerifyCommand& command) {
  const VerifyReport report = VerifyDataDirectory(command);
  std::cout << "data directory \"" << command.data_dir.string() << "\"\n"
            << "  relation files: " << report.files << ", pages checked: " << report.pages << "\n"
            << "  databases: " << report.databases << ", relations: " << report.relations
            << ", tuples decoded: " << report.tuples << "\n"
            << "  indexes: " << report.indexes << ", index entries checked: " << report.index_entries << "\n";
  for (const std::string& problem : report.problems) std::cout << "problem: " << problem << "\n";
  if (report.ok()) {
    std::cout << "verify: OK, no problems found" << std::endl;
    return 0;
  }
  std::cout << "verify: FAILED, " << report.problems.size() << " problem(s) found" << std::endl;
  return 1;
}

}  // namespace lumadb::server
