#pragma once
// The column list of a COPY (copy.c CopyGetAttnums) and the FORCE_* column checks of BeginCopyFrom /
// BeginCopyTo.

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "exec/copy.h"

namespace lumadb::exec {

/// The table column indexes a COPY reads or writes: every column when `names` is empty. Throws 42703
/// `column "x" of relation "t" does not exist` and 42701 `column "x" specified more than once`.
std::vector<int> CopyColumns(const catalog::TableInfo& table, const std::vector<std::string>& names);

/// The names of `table`'s columns `indexes`.
std::vector<std::string> ColumnNames(const catalog::TableInfo& table, const std::vector<int>& indexes);

/// FORCE_QUOTE / FORCE_NOT_NULL / FORCE_NULL columns must be table columns (42703) that the COPY reads
/// or writes (42P10 `FORCE_NOT_NULL column "x" not referenced by COPY`).
void CheckForcedColumns(const catalog::TableInfo& table, const std::vector<int>& targets, const CopyOptions& options);

}  // namespace lumadb::exec
