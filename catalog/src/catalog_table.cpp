#include "catalog_table.h"

#include "common/row_codec.h"
#include "txn/transaction.h"

namespace lumadb::catalog {

void CatalogTable::Insert(txn::Transaction& txn, const Row& row) {
  heap_.Insert(txn.log(), EncodeRow(types_, row));
}

void CatalogTable::ForEach(const std::function<void(const Row&)>& fn) const {
  auto it = heap_.Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) fn(DecodeRow(types_, bytes));
}

std::vector<std::pair<storage::Rid, Row>> CatalogTable::Collect() const {
  std::vector<std::pair<storage::Rid, Row>> rows;
  auto it = heap_.Scan();
  storage::Rid rid;
  std::vector<std::byte> bytes;
  while (it.Next(&rid, &bytes)) rows.emplace_back(rid, DecodeRow(types_, bytes));
  return rows;
}

int CatalogTable::DeleteIf(txn::Transaction& txn, const std::function<bool(const Row&)>& pred) {
  int count = 0;
  for (const auto& [rid, row] : Collect()) {
    if (!pred(row)) continue;
    heap_.Delete(txn.log(), rid);
    ++count;
  }
  return count;
}

int CatalogTable::UpdateIf(txn::Transaction& txn, const std::function<bool(const Row&)>& pred,
                           const std::function<void(Row&)>& change) {
  int count = 0;
  for (auto& [rid, row] : Collect()) {
    if (!pred(row)) continue;
    change(row);
    heap_.Update(txn.log(), rid, EncodeRow(types_, row));
    ++count;
  }
  return count;
}

}  // namespace lumadb::catalog
