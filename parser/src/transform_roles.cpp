// Transformer: CREATE/ALTER/DROP ROLE, GRANT/REVOKE and ALTER ... OWNER TO (gram.y CreateRoleStmt,
// AlterRoleStmt, DropRoleStmt, GrantStmt, GrantRoleStmt, AlterOwnerStmt).

#include "common/error.h"
#include "grammar/statement.hpp"
#include "parser/ast_roles.h"
#include "transformer.h"

namespace lumadb::parser {

namespace g = grammar;

namespace {

// The words gram.y's CreateOptRoleElem accepts as an IDENT, and the option each sets.
struct RoleFlag {
  std::string_view word;
  std::string_view option;
  bool value;
};
constexpr RoleFlag kRoleFlags[] = {
    {"superuser", "superuser", true},
    {"nosuperuser", "superuser", false},
    {"createrole", "createrole", true},
    {"nocreaterole", "createrole", false},
    {"replication", "isreplication", true},
    {"noreplication", "isreplication", false},
    {"createdb", "createdb", true},
    {"nocreatedb", "createdb", false},
    {"login", "canlogin", true},
    {"nologin", "canlogin", false},
    {"bypassrls", "bypassrls", true},
    {"nobypassrls", "bypassrls", false},
    {"inherit", "inherit", true},
    {"noinherit", "inherit", false},
};

}  // namespace

ast::RoleSpec Transformer::RoleSpecOf(const PNode& n) const {
  ast::RoleSpec spec;
  spec.location = Loc(n);
  const PNode& c = *n.children.at(0);
  if (c.is_type<g::role_current_user>()) {
    spec.kind = ast::RoleSpec::Kind::kCurrentUser;
  } else if (c.is_type<g::role_session_user>()) {
    spec.kind = ast::RoleSpec::Kind::kSessionUser;
  } else {
    spec.name = Ident(c);
    if (spec.name == "public") spec.kind = ast::RoleSpec::Kind::kPublic;
  }
  return spec;
}

std::vector<ast::RoleOption> Transformer::RoleOptions(const PNode& n, size_t first) const {
  std::vector<ast::RoleOption> options;
  for (size_t i = first; i < n.children.size(); ++i) {
    const PNode& c = *n.children[i];
    ast::RoleOption option;
    option.location = Loc(c);
    if (c.is_type<g::role_flag>()) {
      std::string word = Ident(*c.children.at(0));
      const RoleFlag* found = nullptr;
      for (const RoleFlag& f : kRoleFlags) {
        if (f.word == word) found = &f;
      }
      if (!found) {
        throw DbError(sqlstate::kSyntaxError, "unrecognized role option \"" + word + "\"").Position(Pos(Loc(c)));
      }
      option.name = found->option;
      option.flag = found->value;
    } else if (c.is_type<g::role_password>()) {
      option.name = "password";
      if (!c.children.at(0)->is_type<g::role_password_null>()) option.value = StringValue(*c.children.at(0));
    } else if (c.is_type<g::role_valid_until>()) {
      option.name = "validUntil";
      option.value = StringValue(*c.children.at(0));
    } else if (c.is_type<g::role_conn_limit>()) {
      option.name = "connectionlimit";
      option.value = OptionValue(c);
    } else {
      option.name = c.is_type<g::role_in_role>() ? "addroleto"
                    : c.is_type<g::role_admin>() ? "adminmembers"
                                                 : "rolemembers";
      for (const auto& r : c.children) option.roles.push_back(RoleSpecOf(*r));
    }
    options.push_back(std::move(option));
  }
  return options;
}

ast::StatementPtr Transformer::CreateRole(const PNode& n) {
  auto stmt = std::make_unique<ast::CreateRoleStmt>();
  const std::string kind = Words(*n.children.at(0));
  stmt->type = kind == "user"    ? ast::CreateRoleStmt::Type::kUser
               : kind == "group" ? ast::CreateRoleStmt::Type::kGroup
                                 : ast::CreateRoleStmt::Type::kRole;
  stmt->name = Ident(*n.children.at(1));
  stmt->options = RoleOptions(n, 2);
  return stmt;
}

ast::StatementPtr Transformer::AlterRole(const PNode& n) {
  auto stmt = std::make_unique<ast::AlterRoleStmt>();
  stmt->role = RoleSpecOf(*n.children.at(0));
  if (n.children.size() > 1 && n.children[1]->is_type<g::role_rename>()) {
    stmt->new_name = Ident(*n.children[1]->children.at(0));
  } else {
    stmt->options = RoleOptions(n, 1);
  }
  return stmt;
}

ast::StatementPtr Transformer::AlterRoleSet(const PNode& n) {
  auto stmt = std::make_unique<ast::AlterRoleSetStmt>();
  stmt->is_database = n.is_type<g::alter_database_set>();
  for (const auto& c : n.children) {
    if (c->is_type<g::role_spec>()) {
      stmt->role = RoleSpecOf(*c);
    } else if (c->is_type<g::in_database>()) {
      stmt->database = Ident(*c->children.at(0));
    } else if (c->is_type<g::set_stmt>() || c->is_type<g::reset_stmt>()) {
      ast::StatementPtr set = c->is_type<g::set_stmt>() ? Set(*c) : ResetOrShow(*c);
      auto* variable = set->kind == ast::StmtKind::kVariableSet ? &set->As<ast::VariableSetStmt>() : nullptr;
      // gram.y SetResetClause takes set_rest: SET LOCAL, SET TRANSACTION and the like are not among them.
      if (variable == nullptr || variable->local || variable->name == "role" ||
          variable->name == "session_authorization") {
        const PNode& at = *c->children.front();
        throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"" + Words(at) + "\"").Position(Pos(Loc(at)));
      }
      set.release();
      stmt->set.reset(variable);
    } else if (stmt->is_database && stmt->database.empty()) {
      stmt->database = Ident(*c);
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::DropRole(const PNode& n) {
  auto stmt = std::make_unique<ast::DropRoleStmt>();
  for (const auto& c : n.children) {
    if (c->is_type<g::if_exists>()) {
      stmt->if_exists = true;
    } else {
      stmt->names.push_back(Ident(*c));
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::Grant(const PNode& n) {
  const bool is_grant = n.is_type<g::grant_stmt>();
  bool has_target = false;
  for (const auto& c : n.children) has_target = has_target || c->is_type<g::grant_target>();
  if (!has_target) return GrantRole(n, is_grant);
  auto stmt = std::make_unique<ast::GrantStmt>();
  stmt->is_grant = is_grant;
  for (const auto& c : n.children) {
    if (c->is_type<g::privilege>()) {
      ast::Privilege p{Words(*c->children.at(0)), {}, Loc(*c)};
      if (c->children.size() > 1) p.columns = NameList(*c->children[1]);
      stmt->privileges.push_back(std::move(p));
    } else if (c->is_type<g::all_privileges>()) {
      if (!c->children.empty()) stmt->all_columns = NameList(*c->children[0]);
    } else if (c->is_type<g::grant_target>()) {
      for (const auto& t : c->children) {
        if (t->is_type<g::grant_all_in_schema>()) {
          stmt->all_in_schema = true;
          if (Words(*t).find("sequences") != std::string::npos) stmt->object_type = ast::GrantObjectType::kSequence;
        } else if (t->is_type<g::grant_object_kind>()) {
          const std::string kind = Words(*t);
          stmt->object_type = kind == "sequence"   ? ast::GrantObjectType::kSequence
                              : kind == "schema"   ? ast::GrantObjectType::kSchema
                              : kind == "database" ? ast::GrantObjectType::kDatabase
                                                   : ast::GrantObjectType::kTable;
        } else {
          stmt->objects.push_back(QualName(*t));
        }
      }
    } else if (c->is_type<g::role_spec>()) {
      stmt->grantees.push_back(RoleSpecOf(*c));
    } else if (c->is_type<g::with_grant_option>() || c->is_type<g::option_for>()) {
      stmt->grant_option = true;
    } else if (c->is_type<g::granted_by>()) {
      stmt->granted_by = RoleSpecOf(*c->children.at(0));
    } else if (c->is_type<g::cascade_word>()) {
      stmt->cascade = true;
    }
  }
  return stmt;
}

// GRANT/REVOKE without ON: the privilege list names roles (gram.y GrantRoleStmt's privilege_list).
ast::StatementPtr Transformer::GrantRole(const PNode& n, bool is_grant) {
  auto stmt = std::make_unique<ast::GrantRoleStmt>();
  stmt->is_grant = is_grant;
  for (const auto& c : n.children) {
    if (c->is_type<g::privilege>()) {
      if (c->children.size() > 1) {
        throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"(\"").Position(Pos(Loc(*c->children[1])));
      }
      stmt->roles.push_back(Ident(*c->children.at(0)));
    } else if (c->is_type<g::all_privileges>()) {
      throw DbError(sqlstate::kSyntaxError, "syntax error at or near \"to\"").Position(Pos(Loc(*c)));
    } else if (c->is_type<g::role_spec>()) {
      stmt->grantees.push_back(RoleSpecOf(*c));
    } else if (c->is_type<g::with_grant_option>() || c->is_type<g::option_for>()) {
      stmt->admin_option = true;
    } else if (c->is_type<g::granted_by>()) {
      stmt->granted_by = RoleSpecOf(*c->children.at(0));
    }
  }
  return stmt;
}

ast::StatementPtr Transformer::AlterOwner(const PNode& n) {
  auto stmt = std::make_unique<ast::AlterOwnerStmt>();
  const std::string kind = Words(*n.children.at(0));
  using T = ast::AlterOwnerStmt::Type;
  stmt->type = kind == "sequence"   ? T::kSequence
               : kind == "view"     ? T::kView
               : kind == "schema"   ? T::kSchema
               : kind == "database" ? T::kDatabase
                                    : T::kTable;
  stmt->object = QualName(*n.children.at(1));
  stmt->new_owner = RoleSpecOf(*n.children.at(2));
  return stmt;
}

}  // namespace lumadb::parser
