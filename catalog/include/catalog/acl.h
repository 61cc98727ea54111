#pragma once
// Access control lists as PostgreSQL's utils/acl.h and adt/acl.c: privilege bits, aclitems in their text
// form ("alice=arw*/postgres", "=r/postgres" for PUBLIC), the defaults of acldefault() and the
// grant/revoke merge of aclupdate(). Items name roles by name (LumaDB has no aclitem type: relacl etc. are
// text[] holding exactly what aclitem[] prints), so catalog rows read back as PostgreSQL shows them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumadb::catalog {

/// PostgreSQL's AclMode bits (parsenodes.h), in the order of ACL_ALL_RIGHTS_STR "arwdDxtXUCTc".
using AclMode = uint32_t;
inline constexpr AclMode kAclInsert = 1 << 0;       // a
inline constexpr AclMode kAclSelect = 1 << 1;       // r
inline constexpr AclMode kAclUpdate = 1 << 2;       // w
inline constexpr AclMode kAclDelete = 1 << 3;       // d
inline constexpr AclMode kAclTruncate = 1 << 4;     // D
inline constexpr AclMode kAclReferences = 1 << 5;   // x
inline constexpr AclMode kAclTrigger = 1 << 6;      // t
inline constexpr AclMode kAclExecute = 1 << 7;      // X
inline constexpr AclMode kAclUsage = 1 << 8;        // U
inline constexpr AclMode kAclCreate = 1 << 9;       // C
inline constexpr AclMode kAclCreateTemp = 1 << 10;  // T
inline constexpr AclMode kAclConnect = 1 << 11;     // c

/// The kinds of object an ACL belongs to, for the defaults and the set of valid privileges.
enum class AclObject { kTable, kSequence, kColumn, kSchema, kDatabase };

/// Every privilege valid for `object` (ACL_ALL_RIGHTS_RELATION = arwdDxt, _SEQUENCE = rwU, _COLUMN = arwx,
/// _SCHEMA = UC, _DATABASE = CTc).
AclMode AllRights(AclObject object);

/// One aclitem: grantee "" is PUBLIC.
struct AclItem {
  std::string grantee;
  std::string grantor;
  AclMode privileges = 0;
  AclMode grant_options = 0;  // a subset of privileges
  bool operator==(const AclItem&) const = default;
};
using Acl = std::vector<AclItem>;

/// acldefault(): the owner holds every right; PUBLIC has CONNECT and TEMP on databases. (PostgreSQL 15's
/// public schema also grants PUBLIC USAGE; the catalog writes that as the schema's explicit ACL.)
Acl DefaultAcl(AclObject object, std::string_view owner);

/// aclitemout: `grantee=privs/grantor`, each privilege letter followed by '*' when grantable, names quoted
/// as putid() does (when they hold anything but letters, digits and '_').
std::string FormatAclItem(const AclItem& item);
/// aclitemin; throws 22P02 "invalid input syntax for type aclitem" style errors for malformed text.
AclItem ParseAclItem(std::string_view text);

/// The stored form (the elements of a text[] column) of an ACL and back.
std::vector<std::string> AclToStrings(const Acl& acl);
Acl AclFromStrings(const std::vector<std::string>& items);

/// aclupdate() for one grantee: adds (grant) or removes (revoke) `privileges` granted by `grantor`.
/// With grant_option_only, REVOKE removes only the grant options. Items left without privileges go.
void AclUpdate(Acl& acl, bool grant, const std::string& grantee, const std::string& grantor, AclMode privileges,
               bool with_grant_option, bool grant_option_only);

/// The privileges (and their grant options, as `options`) among `mask` the ACL gives to PUBLIC and to
/// any role in `roles` (the roles whose privileges the user has).
AclMode AclMask(const Acl& acl, const std::vector<std::string>& roles, AclMode mask, AclMode* options = nullptr);

/// Replaces every mention of role `from` by `to` (ALTER ROLE ... RENAME and the owner change of
/// ALTER ... OWNER TO, as aclnewowner() does for the owner). Returns whether anything changed.
bool AclRenameRole(Acl& acl, std::string_view from, std::string_view to);

/// Whether any item names `role` as grantee or grantor (DROP ROLE's dependency check).
bool AclMentions(const Acl& acl, std::string_view role);

/// The privilege bit named by GRANT's word ("select", "temporary", ...) or nullopt when unknown.
std::optional<AclMode> PrivilegeByName(std::string_view name);
/// The privilege words of has_table_privilege & co. ("SELECT", "UPDATE WITH GRANT OPTION", comma lists):
/// the bits, with `grant_option` set when WITH GRANT OPTION was asked. 22023 "unrecognized privilege
/// type: \"x\"" for an unknown word or one not valid for `object`.
AclMode ParsePrivilegeString(std::string_view text, AclObject object, bool* grant_option);

}  // namespace lumadb::catalog
