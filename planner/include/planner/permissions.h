#pragma once
// What a bound statement needs on each relation it touches (PostgreSQL 15's RangeTblEntry requiredPerms /
// selectedCols / updatedCols, checked by ExecCheckRTPerms). The binder collects them; exec checks them
// before every execution (exec/permissions.h), so a prepared plan never outlives a REVOKE.

#include <memory>
#include <set>
#include <vector>

#include "catalog/acl.h"
#include "catalog/catalog.h"

namespace lumadb::planner {

struct RelationPermission {
  std::shared_ptr<const catalog::TableInfo> table;
  catalog::AclMode required = 0;  // kAclSelect, kAclInsert, kAclUpdate, kAclDelete
  std::set<int16_t> selected;     // attnums read (column privileges may stand in for table SELECT)
  std::set<int16_t> modified;     // attnums INSERT or UPDATE writes
  Oid check_as = 0;               // 0: the current user; else whose rights apply (a view's owner: checkAsUser)
};
using PermissionList = std::vector<RelationPermission>;

}  // namespace lumadb::planner
