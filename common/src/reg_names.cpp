#include "common/reg_names.h"

#include <cctype>
#include <cstring>

#include "common/error.h"

namespace lumadb {

namespace {

thread_local RegNameResolver* resolver = nullptr;

bool IsAllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsKnownType(Oid oid) {
  auto t = static_cast<TypeId>(oid);
  return t == TypeId::kUnknown || std::strcmp(TypeName(t), "-") != 0;
}

}  // namespace

void SetRegNameResolver(RegNameResolver* r) {
  resolver = r;
}

RegNameResolver* CurrentRegNameResolver() {
  return resolver;
}

Oid ParseRegOid(TypeId type, std::string_view text) {
  // regclassin and regtypein take a bare number as an OID and "-" as 0 before any name lookup.
  if (text == "-") return 0;
  if (IsAllDigits(text)) {
    unsigned long long v = std::strtoull(std::string(text).c_str(), nullptr, 10);
    if (text.size() > 10 || v > UINT32_MAX) {
      throw DbError(sqlstate::kNumericValueOutOfRange,
                    "value \"" + std::string(text) + "\" is out of range for type oid");
    }
    return static_cast<Oid>(v);
  }
  if (resolver == nullptr) {
    throw DbError(sqlstate::kFeatureNotSupported,
                  std::string("cannot look up ") + TypeName(type) + " names outside a session");
  }
  if (type == TypeId::kRegtype) return static_cast<Oid>(resolver->TypeByName(text));
  return resolver->RelationOid(text);
}

std::string FormatRegOid(TypeId type, Oid oid) {
  if (oid == 0) return "-";
  if (type == TypeId::kRegtype) {
    return IsKnownType(oid) ? FormatType({static_cast<TypeId>(oid), -1}) : std::to_string(oid);
  }
  if (resolver != nullptr) {
    if (auto name = resolver->RelationName(oid)) return *name;
  }
  return std::to_string(oid);
}

std::string QuoteIdentifier(std::string_view ident) {
  bool safe = !ident.empty() && (std::islower(static_cast<unsigned char>(ident[0])) || ident[0] == '_');
  for (char c : ident) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      safe = false;
    }
  }
  if (safe) return std::string(ident);
  std::string out = "\"";
  for (char c : ident) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace lumadb
