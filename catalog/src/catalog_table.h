#pragma once
// CatalogTable: typed access to one catalog relation's heap. Rows are Values in the relation's bootstrap
// column order, stored with the ordinary tuple format (common/row_codec.h), so the executor reads the same
// bytes when a user runs SELECT ... FROM pg_class.

#include <functional>
#include <vector>

#include "common/value.h"
#include "storage/heap_file.h"
#include "system_catalogs.h"

namespace lumadb::txn {
class Transaction;
}

namespace lumadb::catalog {

class CatalogTable {
 public:
  CatalogTable(storage::HeapFile& heap, const SystemRelation& rel) : heap_(heap), types_(ColumnTypes(rel)) {}

  /// Inserts a row as part of txn (undone if txn aborts).
  void Insert(txn::Transaction& txn, const Row& row);

  /// Calls fn for every live row, in TID order.
  void ForEach(const std::function<void(const Row&)>& fn) const;

  /// Deletes every row for which pred holds; returns how many.
  int DeleteIf(txn::Transaction& txn, const std::function<bool(const Row&)>& pred);

  /// Replaces every row for which pred holds by change(row); returns how many.
  int UpdateIf(txn::Transaction& txn, const std::function<bool(const Row&)>& pred,
               const std::function<void(Row&)>& change);

 private:
  /// Live rows with their TIDs, collected before any change so a change never meets its own output.
  std::vector<std::pair<storage::Rid, Row>> Collect() const;

  storage::HeapFile& heap_;
  std::vector<TypeId> types_;
};

}  // namespace lumadb::catalog
