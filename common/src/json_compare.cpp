// jsonb ordering, hashing and containment (PostgreSQL 15 jsonb_util.c compareJsonbContainers,
// JsonbHashScalarValue, JsonbDeepContains).
#include <functional>
#include <span>

#include "common/json.h"
#include "common/stack_depth.h"

namespace lumadb::json {

namespace {

bool IsScalar(const JsonValue& v) {
  return v.kind != JsonKind::kArray && v.kind != JsonKind::kObject;
}

template <typename T>
int Cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int CompareScalars(const JsonValue& a, const JsonValue& b) {
  switch (a.kind) {
    case JsonKind::kString:
      return Cmp3(a.text, b.text);  // varstr_cmp under the C collation: bytewise
    case JsonKind::kNumber:
      return a.number.Compare(b.number);
    case JsonKind::kBool:
      return Cmp3(a.boolean, b.boolean);
    default:
      return 0;
  }
}

// Two values below the top level: kinds in jbvType order, containers by size first, then member by member
// (keys and values alternate, in stored key order).
int CompareNested(const JsonValue& a, const JsonValue& b) {
  CheckStackDepth();
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (IsScalar(a)) return CompareScalars(a, b);
  if (a.items.size() != b.items.size()) return a.items.size() > b.items.size() ? 1 : -1;
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (a.kind == JsonKind::kObject) {
      if (int c = Cmp3(a.keys[i], b.keys[i])) return c;
    }
    if (int c = CompareNested(a.items[i], b.items[i])) return c;
  }
  return 0;
}

bool ScalarEquals(const JsonValue& a, const JsonValue& b) {
  return a.kind == b.kind && CompareScalars(a, b) == 0;
}

bool DeepContains(const JsonValue& val, const JsonValue& cont);

// Arrays are sets here: each scalar of `cont` equals some element of `val`, each container is contained
// in some element of `val` of its kind.
bool ArrayContains(std::span<const JsonValue> val, std::span<const JsonValue> cont) {
  for (const JsonValue& c : cont) {
    bool found = false;
    for (const JsonValue& v : val) {
      found = IsScalar(c) ? ScalarEquals(v, c) : v.kind == c.kind && DeepContains(v, c);
      if (found) break;
    }
    if (!found) return false;
  }
  return true;
}

bool DeepContains(const JsonValue& val, const JsonValue& cont) {
  CheckStackDepth();
  if (val.kind != cont.kind) return false;
  if (val.kind == JsonKind::kArray) return ArrayContains(val.items, cont.items);
  if (val.kind != JsonKind::kObject) return ScalarEquals(val, cont);
  if (val.items.size() < cont.items.size()) return false;
  for (size_t i = 0; i < cont.keys.size(); ++i) {
    const JsonValue* lhs = val.Find(cont.keys[i]);
    if (lhs == nullptr || !DeepContains(*lhs, cont.items[i])) return false;
  }
  return true;
}

size_t Combine(size_t seed, size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

int CompareJsonb(const JsonValue& a, const JsonValue& b) {
  // A top-level scalar is stored as a one-element "raw scalar" array: it sorts as an array, below a real
  // array of one element, and the element count still decides first (so [] sorts below null).
  const JsonKind ka = IsScalar(a) ? JsonKind::kArray : a.kind;
  const JsonKind kb = IsScalar(b) ? JsonKind::kArray : b.kind;
  if (ka != kb) return ka < kb ? -1 : 1;
  if (ka == JsonKind::kObject) return CompareNested(a, b);
  const bool raw_a = IsScalar(a), raw_b = IsScalar(b);
  const size_t na = raw_a ? 1 : a.items.size(), nb = raw_b ? 1 : b.items.size();
  int res = 0;
  if (raw_a != raw_b) res = raw_a ? -1 : 1;
  if (na != nb) res = na > nb ? 1 : -1;
  if (res != 0) return res;
  if (raw_a) return CompareNested(a, b);
  for (size_t i = 0; i < na; ++i) {
    if (int c = CompareNested(a.items[i], b.items[i])) return c;
  }
  return 0;
}

size_t HashJsonb(const JsonValue& v) {
  size_t h = static_cast<size_t>(v.kind) + 1;
  switch (v.kind) {
    case JsonKind::kString:
      return Combine(h, std::hash<std::string>()(v.text));
    case JsonKind::kNumber:
      return Combine(h, v.number.Hash());
    case JsonKind::kBool:
      return Combine(h, v.boolean ? 1 : 2);
    case JsonKind::kNull:
      return h;
    default:
      break;
  }
  for (size_t i = 0; i < v.items.size(); ++i) {
    if (v.kind == JsonKind::kObject) h = Combine(h, std::hash<std::string>()(v.keys[i]));
    h = Combine(h, HashJsonb(v.items[i]));
  }
  return h;
}

bool JsonbContains(const JsonValue& a, const JsonValue& b) {
  if ((a.kind == JsonKind::kObject) != (b.kind == JsonKind::kObject)) return false;
  if (a.kind == JsonKind::kObject) return DeepContains(a, b);
  // A top-level array contains a top-level scalar it has as an element; a scalar contains no array.
  if (IsScalar(a) && !IsScalar(b)) return false;
  const std::span<const JsonValue> va = IsScalar(a) ? std::span<const JsonValue>(&a, 1) : a.items;
  const std::span<const JsonValue> vb = IsScalar(b) ? std::span<const JsonValue>(&b, 1) : b.items;
  return ArrayContains(va, vb);
}

}  // namespace lumadb::json
