#include "common/record.h"

#include <cstring>

#include "common/error.h"
#include "common/value_binary.h"
#include "common/value_io.h"
#include "common/value_ops.h"

namespace lumadb {

namespace {

void PutInt32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

// record_out's test for a field needing quotes: empty, or holding a character that record_in would read
// as syntax (isspace in the C locale included).
bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || std::strchr(" \t\n\r\v\f", c) != nullptr) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string Record::FieldName(size_t i) const {
  if (names && i < names->size()) return (*names)[i];
  return "f" + std::to_string(i + 1);
}

Value MakeRecord(std::vector<Value> fields, std::shared_ptr<const std::vector<std::string>> names) {
  auto r = std::make_shared<Record>();
  r->fields = std::move(fields);
  r->names = std::move(names);
  return Value::OfRecord(std::move(r));
}

std::string FormatRecord(const Record& r) {
  std::string out = "(";
  for (size_t i = 0; i < r.fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    if (r.fields[i].is_null()) continue;
    const std::string text = FormatValue(r.fields[i]);
    const bool quote = NeedsQuotes(text);
    if (quote) out.push_back('"');
    for (char c : text) {
      if (c == '"' || c == '\\') out.push_back(c);
      out.push_back(c);
    }
    if (quote) out.push_back('"');
  }
  out.push_back(')');
  return out;
}

std::string SendRecord(const Record& r) {
  std::string out;
  PutInt32(&out, static_cast<uint32_t>(r.fields.size()));
  for (const Value& f : r.fields) {
    PutInt32(&out, static_cast<uint32_t>(f.type()));
    if (f.is_null()) {
      PutInt32(&out, 0xffffffffu);
      continue;
    }
    const std::string bytes = SendValue(f);
    PutInt32(&out, static_cast<uint32_t>(bytes.size()));
    out += bytes;
  }
  return out;
}

Value ReceiveRecord(std::string_view bytes) {
  size_t pos = 0;
  auto get32 = [&]() {
    if (bytes.size() - pos < 4) {
      throw DbError(sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message");
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[pos++]);
    return v;
  };
  const uint32_t count = get32();
  std::vector<Value> fields;
  for (uint32_t i = 0; i < count; ++i) {
    const auto type = static_cast<TypeId>(get32());
    const uint32_t length = get32();
    if (length == 0xffffffffu) {
      fields.push_back(Value::Null(type));
      continue;
    }
    if (bytes.size() - pos < length) {
      throw DbError(sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message");
    }
    const std::string_view field = bytes.substr(pos, length);
    pos += length;
    fields.push_back(type == TypeId::kRecord ? ReceiveRecord(field) : ReceiveValue({type, -1}, field));
  }
  return MakeRecord(std::move(fields));
}

int CompareRecords(const Record& a, const Record& b) {
  const size_t n = std::min(a.fields.size(), b.fields.size());
  for (size_t i = 0; i < n; ++i) {
    const Value& x = a.fields[i];
    const Value& y = b.fields[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      return x.is_null() ? 1 : -1;
    }
    const int c = CompareValues(x, y);
    if (c != 0) return c;
  }
  if (a.fields.size() != b.fields.size()) {
    throw DbError(sqlstate::kDatatypeMismatch, "cannot compare record types with different numbers of columns");
  }
  return 0;
}

size_t HashRecord(const Record& r) {
  size_t h = 0;
  for (const Value& f : r.fields) h = h * 31 + HashValue(f);
  return h;
}

bool RecordFieldsAll(const Record& r, bool all_non_null) {
  for (const Value& f : r.fields) {
    if (f.is_null() == all_non_null) return false;
  }
  return true;
}

}  // namespace lumadb
