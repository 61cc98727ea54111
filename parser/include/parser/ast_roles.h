#pragma once
// AST of the role and privilege statements (gram.y CreateRoleStmt, AlterRoleStmt, DropRoleStmt,
// GrantStmt, GrantRoleStmt, AlterOwnerStmt).

#include <optional>
#include <string>
#include <vector>

#include "parser/ast.h"

namespace lumadb::ast {

/// A role as written where gram.y takes a RoleSpec: a name, PUBLIC, CURRENT_USER/CURRENT_ROLE or
/// SESSION_USER.
struct RoleSpec {
  enum class Kind { kName, kPublic, kCurrentUser, kSessionUser };
  Kind kind = Kind::kName;
  std::string name;  // kName only
  int32_t location = -1;
};

/// One option of CREATE/ALTER ROLE, with gram.y's normalized names: "superuser", "createdb",
/// "createrole", "inherit", "canlogin", "isreplication", "bypassrls" (flag set), "password"
/// (value, or no value for PASSWORD NULL), "validUntil", "connectionlimit" (value), "addroleto" (IN ROLE),
/// "rolemembers" (ROLE), "adminmembers" (ADMIN) (roles).
struct RoleOption {
  std::string name;
  bool flag = false;
  std::optional<std::string> value;
  std::vector<RoleSpec> roles;
  int32_t location = -1;
};

/// CREATE ROLE | USER | GROUP name [WITH] options. CREATE USER implies LOGIN.
struct CreateRoleStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kCreateRole;
  CreateRoleStmt() : Statement(kKind) {}
  enum class Type { kRole, kUser, kGroup };
  Type type = Type::kRole;
  std::string name;
  std::vector<RoleOption> options;
};

/// ALTER ROLE | USER name [WITH] options, or ALTER ROLE name RENAME TO new_name.
struct AlterRoleStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterRole;
  AlterRoleStmt() : Statement(kKind) {}
  RoleSpec role;
  std::vector<RoleOption> options;
  std::optional<std::string> new_name;  // RENAME TO
};

/// ALTER ROLE name | ALL [IN DATABASE db] SET/RESET ... and ALTER DATABASE db SET/RESET ... (gram.y
/// AlterRoleSetStmt, AlterDatabaseSetStmt): `set` is the SET or RESET (kSetValue, kSetDefault, kReset,
/// kResetAll) the role or database gets at login.
struct AlterRoleSetStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterRoleSet;
  AlterRoleSetStmt() : Statement(kKind) {}
  std::optional<RoleSpec> role;  // nullopt: ALTER ROLE ALL, or ALTER DATABASE
  std::string database;          // IN DATABASE / ALTER DATABASE; empty: every database
  bool is_database = false;      // ALTER DATABASE (its command tag)
  std::unique_ptr<VariableSetStmt> set;
};

/// DROP ROLE | USER | GROUP [IF EXISTS] a, b.
struct DropRoleStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kDropRole;
  DropRoleStmt() : Statement(kKind) {}
  std::vector<std::string> names;
  bool if_exists = false;
};

/// One privilege of GRANT/REVOKE: its name lower-cased ("select", "temporary", ...) and optional columns.
struct Privilege {
  std::string name;
  std::vector<std::string> columns;
  int32_t location = -1;
};

enum class GrantObjectType { kTable, kSequence, kSchema, kDatabase };

/// GRANT privileges ON objects TO roles [WITH GRANT OPTION] [GRANTED BY r] and REVOKE [GRANT OPTION
/// FOR] privileges ON objects FROM roles [GRANTED BY r] [CASCADE | RESTRICT] (gram.y GrantStmt).
struct GrantStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kGrant;
  GrantStmt() : Statement(kKind) {}
  bool is_grant = true;
  std::vector<Privilege> privileges;     // empty: ALL [PRIVILEGES]
  std::vector<std::string> all_columns;  // ALL (a, b)
  GrantObjectType object_type = GrantObjectType::kTable;
  bool all_in_schema = false;  // ON ALL TABLES|SEQUENCES IN SCHEMA: objects are schemas
  std::vector<QualifiedName> objects;
  std::vector<RoleSpec> grantees;
  bool grant_option = false;  // WITH GRANT OPTION, or REVOKE GRANT OPTION FOR
  std::optional<RoleSpec> granted_by;
  bool cascade = false;
};

/// GRANT role, ... TO role, ... [WITH ADMIN OPTION] and REVOKE [ADMIN OPTION FOR] role, ... FROM
/// role, ... (gram.y GrantRoleStmt).
struct GrantRoleStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kGrantRole;
  GrantRoleStmt() : Statement(kKind) {}
  bool is_grant = true;
  std::vector<std::string> roles;
  std::vector<RoleSpec> grantees;
  bool admin_option = false;
  std::optional<RoleSpec> granted_by;
};

/// ALTER TABLE|SEQUENCE|VIEW|SCHEMA|DATABASE name OWNER TO role (gram.y AlterOwnerStmt).
struct AlterOwnerStmt : Statement {
  static constexpr StmtKind kKind = StmtKind::kAlterOwner;
  AlterOwnerStmt() : Statement(kKind) {}
  enum class Type { kTable, kSequence, kView, kSchema, kDatabase };
  Type type = Type::kTable;
  QualifiedName object;
  RoleSpec new_owner;
};

}  // namespace lumadb::ast
