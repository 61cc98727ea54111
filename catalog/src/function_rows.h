#pragma once
// pg_proc tuples: a FunctionInfo as its row and back (PostgreSQL 15's pg_proc.h column order). proargtypes is
// stored as oidvector prints ("23 25"), proargdefaults as the defaults' SQL text joined by ", ".

#include "catalog/catalog.h"
#include "common/value.h"

namespace lumadb::catalog {

/// The pg_proc row of f.
Row ProcRow(const FunctionInfo& f);

/// Reads a pg_proc row back (schema is left empty: the snapshot fills it). XX001 on a malformed row.
FunctionInfo FunctionFromRow(const Row& r);

}  // namespace lumadb::catalog
