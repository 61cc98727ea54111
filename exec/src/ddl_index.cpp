// CREATE INDEX, REINDEX and the bulk build both (and ALTER TABLE ADD PRIMARY KEY) use (indexcmds.c
// DefineIndex, index.c index_build, nbtsort.c): one heap scan under a table lock that keeps writers out,
// keys encoded into one arena, one sort by (key, TID) (index_build_entries.h), a duplicate check on
// neighbours, BTree::BulkLoad reading the sorted entries in place.

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "common/row_codec.h"
#include "ddl.h"
#include "ddl_constraints.h"
#include "index_build_entries.h"
#include "index_keys.h"
#include "permissions.h"
#include "planner/binder.h"
#include "storage/btree.h"
#include "storage/heap_file.h"
#include "txn/transaction.h"

namespace lumadb::exec {

namespace {

uint64_t RidKey(storage::Rid rid) {
  return (static_cast<uint64_t>(rid.page) << 16) | rid.slot;
}

std::vector<TypeId> ColumnTypes(const catalog::TableInfo& table) {
  std::vector<TypeId> types;
  types.reserve(table.columns.size());
  for (const auto& c : table.columns) types.push_back(c.type.id);
  return types;
}

}  // namespace

void BuildIndex(SessionContext& ctx, const catalog::TableInfo& table, const catalog::IndexInfo& index) {
  storage::HeapFile& heap = ctx.catalog.Heap(table);
  const std::vector<TypeId> types = ColumnTypes(table);
  std::vector<bool> key_columns(types.size());  // only these are decoded: rows may be much wider than keys
  for (const auto& c : index.columns) key_columns[c.attnum - 1] = true;
  IndexBuildEntries entries;
  std::unordered_set<uint64_t> no_unique_check;  // NULL keys and tuples this transaction deleted
  std::vector<storage::BTree::Entry> deleted_by_us;
  const size_t max_key = storage::BTree::MaxKeySize();

  storage::HeapFile::Iterator it = heap.Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  bool deleted = false;
  // Mark-deleted tuples can only be this transaction's own (other writers wait for our table lock):
  // they get an entry scheduled for removal at commit, so a rollback finds the index complete.
  while (it.Next(&rid, &bytes, &deleted)) {
    Row row = DecodeRow(types, bytes, key_columns);
    const size_t start = entries.arena()->size();
    AppendIndexKey(table, index, row, entries.arena());
    const size_t key_size = entries.arena()->size() - start;
    if (key_size > max_key) {
      throw DbError(sqlstate::kProgramLimitExceeded, "index row size " + std::to_string(key_size + 16) +
                                                         " exceeds btree version 4 maximum " + std::to_string(max_key) +
                                                         " for index \"" + index.name + "\"");
    }
    entries.AddAppended(start, rid);
    if (index.unique && (deleted || KeyHasNull(index, row))) no_unique_check.insert(RidKey(rid));
    if (deleted) deleted_by_us.push_back({std::string(entries.key(entries.size() - 1)), rid});
  }
  entries.Sort();
  if (index.unique) {
    for (size_t i = 1; i < entries.size(); ++i) {
      const storage::Rid a = entries.rid(i - 1);
      const storage::Rid b = entries.rid(i);
      if (entries.key(i - 1) != entries.key(i) || no_unique_check.contains(RidKey(a)) ||
          no_unique_check.contains(RidKey(b))) {
        continue;
      }
      std::vector<std::byte> tuple;
      heap.Get(b, &tuple);
      throw DbError(sqlstate::kUniqueViolation, "could not create unique index \"" + index.name + "\"")
          .Detail(KeyDescription(table, index, DecodeRow(types, tuple)) + " is duplicated.");
    }
  }
  storage::BTree& tree = ctx.catalog.Index(index);
  if (entries.size() == 0) {
    tree.Initialize(ctx.txn.log());
  } else {
    tree.BulkLoad(ctx.txn.log(), entries);
  }
  for (const auto& e : deleted_by_us) tree.DeleteOnCommit(ctx.txn.log(), e.key, e.rid);
}

std::string ExecuteCreateIndex(const ast::CreateIndexStmt& stmt, std::string_view query_text, SessionContext& ctx,
                               ResultSink& sink) {
  if (stmt.method != "btree") {
    static const char* const kPgMethods[] = {"hash", "gist", "gin", "spgist", "brin"};
    bool known =
        std::any_of(std::begin(kPgMethods), std::end(kPgMethods), [&](const char* m) { return stmt.method == m; });
    if (!known) {
      throw DbError(sqlstate::kUndefinedObject, "access method \"" + stmt.method + "\" does not exist");
    }
    throw DbError(sqlstate::kFeatureNotSupported, "access method \"" + stmt.method + "\" is not supported");
  }
  if (stmt.has_expression) throw DbError(sqlstate::kFeatureNotSupported, "index expressions are not supported");
  if (stmt.has_include) throw DbError(sqlstate::kFeatureNotSupported, "INCLUDE columns are not supported");
  if (stmt.has_where) throw DbError(sqlstate::kFeatureNotSupported, "partial indexes are not supported");

  auto table = TableOrThrow(ctx, stmt.table);
  CheckRelationOwner(ctx, *table);
  // ShareLock: writers (IX) wait, readers go on; the new index is invisible to others until commit.
  LockTableMode(ctx, table->oid, false);
  table = ctx.catalog.TableByOid(ctx.txn, table->oid);
  if (!stmt.name.empty() && stmt.if_not_exists &&
      (ctx.catalog.LookupIndex(ctx.txn, table->schema, stmt.name, {}) ||
       ctx.catalog.LookupTable(ctx.txn, table->schema, stmt.name, {}) ||
       ctx.catalog.LookupSequence(ctx.txn, table->schema, stmt.name, {}))) {
    sink.Notice(Severity::kNotice, sqlstate::kDuplicateTable,
                "relation \"" + stmt.name + "\" already exists, skipping");
    return "CREATE INDEX";
  }
  catalog::IndexDef def;
  def.name = stmt.name;
  def.unique = stmt.unique;
  for (const auto& elem : stmt.columns) {
    int16_t attnum = AttnumByName(table->columns, elem.column);
    if (attnum == 0) {
      throw DbError(sqlstate::kUndefinedColumn, "column \"" + elem.column + "\" does not exist")
          .Position(planner::CharPosition(query_text, elem.location));
    }
    def.columns.push_back({attnum, elem.descending, elem.nulls_first.value_or(elem.descending)});
  }
  catalog::IndexInfo index = ctx.catalog.CreateIndex(ctx.txn, *table, def);
  BuildIndex(ctx, *table, index);
  return "CREATE INDEX";
}

std::string ExecuteReindex(const ast::ReindexStmt& stmt, SessionContext& ctx) {
  std::shared_ptr<const catalog::TableInfo> table;
  std::vector<catalog::IndexInfo> indexes;
  if (stmt.is_table) {
    table = TableOrThrow(ctx, stmt.name);
  } else {
    auto found = ctx.catalog.LookupIndex(ctx.txn, stmt.name.schema, stmt.name.name, ctx.search_path);
    if (!found) {
      std::string shown = stmt.name.schema.empty() ? stmt.name.name : stmt.name.schema + "." + stmt.name.name;
      throw DbError(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist");
    }
    table = found->first;
    indexes.push_back(found->second);
  }
  // Exclusive: scans of other transactions must not read an index file that is replaced at commit.
  LockTableMode(ctx, table->oid, true);
  table = ctx.catalog.TableByOid(ctx.txn, table->oid);
  if (stmt.is_table) indexes = table->indexes;
  for (const auto& old : indexes) {
    catalog::IndexInfo renewed = ctx.catalog.RenewIndexFile(ctx.txn, old);
    BuildIndex(ctx, *table, renewed);
  }
  return "REINDEX";
}

}  // namespace lumadb::exec
