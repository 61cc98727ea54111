#pragma once
// JSON members converted to typed values and records, as PostgreSQL 15's jsonfuncs.c populate_record_field
// and populate_record do for json[b]_populate_record[set] and json[b]_to_record[set].

#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/value.h"

namespace lumadb::json {

/// populate_record_field: the member `node` (null when absent) of a document of type `doc` (json or jsonb,
/// its text `source`) as a value of `type`: json/jsonb keep the member's JSON text, arrays come from JSON
/// arrays, other types read the member's text with their input function. An absent member or JSON null
/// is NULL. Throws 22P02 "expected JSON array" (hint naming `key`) for a non-array given to an array
/// type, and the type's input errors.
Value PopulateField(const JsonValue* node, std::string_view source, TypeId doc, TypeDesc type, const std::string& key);

/// populate_record over a record `base` (json[b]_populate_record): each field takes the object member
/// of its name (f1, f2, ... for ROW(...)'s anonymous fields), converted to the field's type; fields without
/// a member keep base's value. `object` null (a NULL document) gives base unchanged.
Value PopulateRecord(const Record& base, const JsonValue* object, std::string_view source, TypeId doc);

}  // namespace lumadb::json
