#include "catalog/acl.h"

#include <algorithm>
#include <cctype>

#include "common/error.h"

namespace lumadb::catalog {

namespace {

constexpr std::string_view kRightsLetters = "arwdDxtXUCTc";  // ACL_ALL_RIGHTS_STR, bit i = letter i

struct PrivilegeName {
  std::string_view name;
  AclMode bit;
};
constexpr PrivilegeName kPrivilegeNames[] = {
    {"insert", kAclInsert},     {"select", kAclSelect},         {"update", kAclUpdate},        {"delete", kAclDelete},
    {"truncate", kAclTruncate}, {"references", kAclReferences}, {"trigger", kAclTrigger},      {"execute", kAclExecute},
    {"usage", kAclUsage},       {"create", kAclCreate},         {"temporary", kAclCreateTemp}, {"temp", kAclCreateTemp},
    {"connect", kAclConnect},
};

// putid(): a name is double-quoted when it holds anything but alphanumerics and '_' (or is empty).
std::string QuoteId(std::string_view name) {
  bool plain = !name.empty();
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

[[noreturn]] void BadItem(std::string_view text, std::string_view why) {
  throw DbError(sqlstate::kInvalidTextRepresentation, std::string(why))
      .Detail("aclitem: \"" + std::string(text) + "\"");
}

// getid(): a possibly quoted name starting at text[pos]; advances pos past it.
std::string GetId(std::string_view text, size_t& pos) {
  std::string out;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"') {
      if (quoted && pos + 1 < text.size() && text[pos + 1] == '"') {
        out += '"';
        ++pos;
        continue;
      }
      quoted = !quoted;
      continue;
    }
    if (!quoted && (c == '=' || c == '/')) break;
    out += c;
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

AclMode AllRights(AclObject object) {
  switch (object) {
    case AclObject::kTable:
      return kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger;
    case AclObject::kSequence:
      return kAclUsage | kAclSelect | kAclUpdate;
    case AclObject::kColumn:
      return kAclInsert | kAclSelect | kAclUpdate | kAclReferences;
    case AclObject::kSchema:
      return kAclUsage | kAclCreate;
    case AclObject::kDatabase:
      return kAclCreate | kAclCreateTemp | kAclConnect;
  }
  return 0;
}

Acl DefaultAcl(AclObject object, std::string_view owner) {
  Acl acl;
  if (object == AclObject::kDatabase) acl.push_back({"", std::string(owner), kAclCreateTemp | kAclConnect, 0});
  if (object != AclObject::kColumn) acl.push_back({std::string(owner), std::string(owner), AllRights(object), 0});
  return acl;
}

std::string FormatAclItem(const AclItem& item) {
  std::string out = item.grantee.empty() ? std::string() : QuoteId(item.grantee);
  out += '=';
  for (size_t i = 0; i < kRightsLetters.size(); ++i) {
    AclMode bit = AclMode{1} << i;
    if (item.privileges & bit) out += kRightsLetters[i];
    if (item.grant_options & bit) out += '*';
  }
  return out + "/" + QuoteId(item.grantor);
}

AclItem ParseAclItem(std::string_view text) {
  AclItem item;
  size_t pos = 0;
  item.grantee = GetId(text, pos);
  if (pos >= text.size() || text[pos] != '=') BadItem(text, "missing \"=\" sign");
  for (++pos; pos < text.size() && text[pos] != '/'; ++pos) {
    char c = text[pos];
    if (c == '*') BadItem(text, "invalid mode character: must be one of \"arwdDxtXUCTc\"");
    size_t i = kRightsLetters.find(c);
    if (i == std::string_view::npos) BadItem(text, "invalid mode character: must be one of \"arwdDxtXUCTc\"");
    item.privileges |= AclMode{1} << i;
    if (pos + 1 < text.size() && text[pos + 1] == '*') {
      item.grant_options |= AclMode{1} << i;
      ++pos;
    }
  }
  if (pos >= text.size()) BadItem(text, "a name must follow the \"/\" sign");
  ++pos;
  item.grantor = GetId(text, pos);
  return item;
}

std::vector<std::string> AclToStrings(const Acl& acl) {
  std::vector<std::string> out;
  for (const AclItem& item : acl) out.push_back(FormatAclItem(item));
  return out;
}

Acl AclFromStrings(const std::vector<std::string>& items) {
  Acl acl;
  for (const std::string& s : items) acl.push_back(ParseAclItem(s));
  return acl;
}

void AclUpdate(Acl& acl, bool grant, const std::string& grantee, const std::string& grantor, AclMode privileges,
               bool with_grant_option, bool grant_option_only) {
  auto it = std::find_if(acl.begin(), acl.end(),
                         [&](const AclItem& i) { return i.grantee == grantee && i.grantor == grantor; });
  if (grant) {
    if (it == acl.end()) it = acl.insert(acl.end(), AclItem{grantee, grantor, 0, 0});
    it->privileges |= privileges;
    if (with_grant_option) it->grant_options |= privileges;
    return;
  }
  if (it == acl.end()) return;
  it->grant_options &= ~privileges;
  if (!grant_option_only) it->privileges &= ~privileges;
  if (it->privileges == 0) acl.erase(it);
}

AclMode AclMask(const Acl& acl, const std::vector<std::string>& roles, AclMode mask, AclMode* options) {
  AclMode result = 0;
  AclMode grantable = 0;
  for (const AclItem& item : acl) {
    bool applies = item.grantee.empty() || std::find(roles.begin(), roles.end(), item.grantee) != roles.end();
    if (!applies) continue;
    result |= item.privileges & mask;
    if (!item.grantee.empty()) grantable |= item.grant_options & mask;  // PUBLIC cannot hold grant options
  }
  if (options) *options = grantable;
  return result;
}

bool AclRenameRole(Acl& acl, std::string_view from, std::string_view to) {
  bool changed = false;
  for (AclItem& item : acl) {
    if (item.grantee == from) item.grantee = std::string(to), changed = true;
    if (item.grantor == from) item.grantor = std::string(to), changed = true;
  }
  // Two items may now share grantee and grantor: merge them, as aclnewowner() does.
  for (size_t i = 0; i < acl.size(); ++i) {
    for (size_t j = i + 1; j < acl.size();) {
      if (acl[j].grantee == acl[i].grantee && acl[j].grantor == acl[i].grantor) {
        acl[i].privileges |= acl[j].privileges;
        acl[i].grant_options |= acl[j].grant_options;
        acl.erase(acl.begin() + static_cast<std::ptrdiff_t>(j));
      } else {
        ++j;
      }
    }
  }
  return changed;
}

bool AclMentions(const Acl& acl, std::string_view role) {
  return std::any_of(acl.begin(), acl.end(), [&](const AclItem& i) { return i.grantee == role || i.grantor == role; });
}

std::optional<AclMode> PrivilegeByName(std::string_view name) {
  std::string lower = Lower(name);
  for (const PrivilegeName& p : kPrivilegeNames) {
    if (p.name == lower) return p.bit;
  }
  return std::nullopt;
}

AclMode ParsePrivilegeString(std::string_view text, AclObject object, bool* grant_option) {
  AclMode result = 0;
  *grant_option = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view part =
        text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::string word = Lower(part);
    word.erase(0, word.find_first_not_of(" \t\n"));
    word.erase(word.find_last_not_of(" \t\n") + 1);
    constexpr std::string_view kSuffix = " with grant option";
    if (word.size() > kSuffix.size() && word.ends_with(kSuffix)) {
      *grant_option = true;
      word.resize(word.size() - kSuffix.size());
      word.erase(word.find_last_not_of(" \t\n") + 1);
    }
    auto bit = PrivilegeByName(word);
    if (!bit || !(AllRights(object) & *bit)) {
      throw DbError(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + std::string(part) + "\"");
    }
    result |= *bit;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return result;
}

}  // namespace lumadb::catalog
