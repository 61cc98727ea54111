#include "object_names.h"

namespace lumadb::catalog {
namespace {

/// pg_mbcliplen for UTF-8: the longest prefix of at most `limit` bytes that ends on a character boundary.
size_t ClipUtf8(std::string_view s, size_t limit) {
  if (limit >= s.size()) return s.size();
  while (limit > 0 && (static_cast<unsigned char>(s[limit]) & 0xC0) == 0x80) --limit;
  return limit;
}

}  // namespace

std::string MakeObjectName(std::string_view name1, std::string_view name2, std::string_view label) {
  size_t overhead = 0;
  if (!name2.empty()) overhead += 1;
  if (!label.empty()) overhead += label.size() + 1;
  size_t avail = kMaxIdentifierLength - overhead;
  size_t name1_chars = name1.size();
  size_t name2_chars = name2.size();
  while (name1_chars + name2_chars > avail) {
    if (name1_chars > name2_chars) {
      --name1_chars;
    } else {
      --name2_chars;
    }
  }
  std::string out(name1.substr(0, ClipUtf8(name1, name1_chars)));
  if (!name2.empty()) {
    out += '_';
    out += name2.substr(0, ClipUtf8(name2, name2_chars));
  }
  if (!label.empty()) {
    out += '_';
    out += label;
  }
  return out;
}

std::string ChooseUniqueName(std::string_view name1, std::string_view name2, std::string_view label,
                             const std::function<bool(const std::string&)>& taken) {
  std::string mod_label(label);
  for (int pass = 1;; ++pass) {
    std::string name = MakeObjectName(name1, name2, mod_label);
    if (!taken(name)) return name;
    mod_label = std::string(label) + std::to_string(pass);
  }
}

std::string JoinColumnNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '_';
    out += name.substr(0, kMaxIdentifierLength);
    if (out.size() >= kMaxIdentifierLength + 1) break;
  }
  return out;
}

}  // namespace lumadb::catalog
