#pragma once
// Record values: PostgreSQL 15's anonymous composite datums (pg_type 'record', OID 2249) as a C++ object,
// built by ROW(...) and whole-row references. The text, binary and comparison functions follow
// src/backend/utils/adt/rowtypes.c (record_out, record_send, record_cmp, record_eq, hash_record).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/value.h"

namespace lumadb {

/// A record datum. Each field is a Value whose type is the field's (a NULL field still carries it).
/// `names` (shared by all the rows one expression builds) has one name per field, or is null for
/// ROW(...)'s anonymous fields, which PostgreSQL names f1, f2, ...
struct Record {
  std::vector<Value> fields;
  std::shared_ptr<const std::vector<std::string>> names;

  /// The name of field i (0-based): names[i], else "f<i+1>".
  std::string FieldName(size_t i) const;
};

/// A record Value of `fields`, named by `names` (may be null).
Value MakeRecord(std::vector<Value> fields, std::shared_ptr<const std::vector<std::string>> names = nullptr);

/// record_out: `(1,abc,"a b",)`: a NULL field is empty; a field is double-quoted (with " and \ doubled)
/// when it is empty or holds " \ ( ) , or white space.
std::string FormatRecord(const Record& r);

/// record_send: the field count (i32), then per field its type OID (u32), its length (i32, -1 for NULL)
/// and its binary form.
std::string SendRecord(const Record& r);

/// Reads SendRecord's bytes back (field names are not kept: they read f1, f2, ...), for spilled and
/// materialized rows; a client's binary record input stays 0A000 as in PostgreSQL. Throws 22P03 on
/// malformed bytes.
Value ReceiveRecord(std::string_view bytes);

/// array_recv for LumaDB's own stored bytes (spilled rows, a hash join's inner rows): as ReceiveArray, but
/// record elements are read back with ReceiveRecord (SEARCH/CYCLE's record[] path columns). Defined in
/// array_binary.cpp.
Value ReceiveStoredArray(TypeDesc type, std::string_view bytes);

/// record_cmp: fields compared left to right, NULL equal to NULL and greater than any value; 42804 "cannot
/// compare record types with different numbers of columns" when the shorter record is a prefix of the
/// longer; dissimilar field types throw CompareValues' 42883.
int CompareRecords(const Record& a, const Record& b);

/// hash_record: consistent with CompareRecords() == 0.
size_t HashRecord(const Record& r);

/// True when every field is NULL (a row's IS NULL, ExecEvalRowNull); with `all_non_null`, true when no
/// field is NULL (IS NOT NULL).
bool RecordFieldsAll(const Record& r, bool all_non_null);

}  // namespace lumadb
