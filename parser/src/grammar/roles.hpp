#pragma once
// CREATE/ALTER/DROP ROLE, GRANT/REVOKE, ALTER ... OWNER TO (gram.y CreateRoleStmt, AlterRoleStmt,
// DropRoleStmt, GrantStmt, RevokeStmt, GrantRoleStmt, RevokeRoleStmt, AlterOwnerStmt).

#include "ddl_common.hpp"
#include "select.hpp"

namespace lumadb::parser::grammar {

/// gram.y RoleSpec: CURRENT_USER / CURRENT_ROLE / SESSION_USER or a name ("public" is told apart by the
/// transformer, as gram.y does after folding).
struct role_current_user : sor<LUMADB_KW("current_user"), LUMADB_KW("current_role")>, Node {};
struct role_session_user : LUMADB_KW("session_user"), Node {};
struct role_spec : sor<role_current_user, role_session_user, col_id>, Node {};
struct role_list : list<role_spec, comma> {};

// ---- CREATE / ALTER / DROP ROLE -----------------------------------------------------------------------

struct role_password_null : LUMADB_KW("null"), Node {};
struct role_password : seq<opt<LUMADB_KW("encrypted")>, LUMADB_KW("password"), sor<string_literal, role_password_null>>,
                       Node {};
struct role_valid_until : seq<LUMADB_KW("valid"), LUMADB_KW("until"), string_literal>, Node {};
struct role_conn_limit : seq<LUMADB_KW("connection"), LUMADB_KW("limit"), opt<op_tok<sign_op>>, number_literal>,
                         Node {};
struct role_in_role : seq<LUMADB_KW("in"), sor<LUMADB_KW("role"), LUMADB_KW("group")>, role_list>, Node {};
struct role_members : seq<sor<LUMADB_KW("role"), LUMADB_KW("user")>, role_list>, Node {};
struct role_admin : seq<LUMADB_KW("admin"), role_list>, Node {};
struct role_sysid : seq<LUMADB_KW("sysid"), number_literal> {};
/// SUPERUSER, NOLOGIN, ...: any word; the transformer checks it (42601 "unrecognized role option").
struct role_flag : seq<col_label>, Node {};
struct role_option : sor<role_password, role_valid_until, role_conn_limit, role_in_role, role_members, role_admin,
                         role_sysid, role_flag> {};
struct role_options : seq<opt<LUMADB_KW("with")>, star<role_option>> {};

struct role_kind : sor<LUMADB_WORD("role"), LUMADB_WORD("user"), LUMADB_WORD("group")>, Node {};
struct create_role : seq<tok<role_kind>, col_id, role_options>, Node {};
struct role_rename : seq<LUMADB_KW("rename"), LUMADB_KW("to"), col_id>, Node {};
struct alter_role : seq<sor<LUMADB_KW("role"), LUMADB_KW("user")>, role_spec, sor<role_rename, role_options>>, Node {};
struct drop_role_stmt : seq<LUMADB_KW("drop"), sor<LUMADB_KW("role"), LUMADB_KW("user"), LUMADB_KW("group")>,
                            opt<if_exists>, list<col_id, comma>>,
                        Node {};

// ---- GRANT / REVOKE -----------------------------------------------------------------------------------

struct privilege_word : sor<LUMADB_WORD("select"), LUMADB_WORD("references"), LUMADB_WORD("create"), col_id>, Node {};
struct privilege_columns : seq<lparen, name_list, rparen> {};
struct privilege : seq<tok<privilege_word>, opt<privilege_columns>>, Node {};
struct all_privileges : seq<LUMADB_KW("all"), opt<LUMADB_KW("privileges")>, opt<privilege_columns>>, Node {};
struct privilege_list : sor<all_privileges, list<privilege, comma>> {};

struct grant_object_kind
    : sor<LUMADB_WORD("table"), LUMADB_WORD("sequence"), LUMADB_WORD("schema"), LUMADB_WORD("database")>,
      Node {};
struct grant_all_in_schema : seq<LUMADB_KW("all"), tok<sor<LUMADB_WORD("tables"), LUMADB_WORD("sequences")>>,
                                 LUMADB_KW("in"), LUMADB_KW("schema")>,
                             Node {};
struct grant_target
    : seq<LUMADB_KW("on"), sor<grant_all_in_schema, opt<tok<grant_object_kind>>>, list<qualified_name, comma>>,
      Node {};
struct with_grant_option : seq<LUMADB_KW("with"), sor<LUMADB_KW("grant"), LUMADB_KW("admin")>, LUMADB_KW("option")>,
                           Node {};
struct option_for : seq<sor<LUMADB_KW("grant"), LUMADB_KW("admin")>, LUMADB_KW("option"), LUMADB_KW("for")>, Node {};
struct granted_by : seq<LUMADB_KW("granted"), LUMADB_KW("by"), role_spec>, Node {};

struct grant_stmt : seq<LUMADB_KW("grant"), privilege_list, opt<grant_target>, LUMADB_KW("to"), role_list,
                        opt<with_grant_option>, opt<granted_by>>,
                    Node {};
struct revoke_stmt : seq<LUMADB_KW("revoke"), opt<option_for>, privilege_list, opt<grant_target>, LUMADB_KW("from"),
                         role_list, opt<granted_by>, opt<drop_behavior>>,
                     Node {};

// ---- ALTER ... OWNER TO -------------------------------------------------------------------------------

struct owner_object_kind : sor<LUMADB_WORD("table"), LUMADB_WORD("sequence"), LUMADB_WORD("view"),
                               LUMADB_WORD("schema"), LUMADB_WORD("database")>,
                           Node {};
struct alter_owner : seq<tok<owner_object_kind>, qualified_name, LUMADB_KW("owner"), LUMADB_KW("to"), role_spec>,
                     Node {};

}  // namespace lumadb::parser::grammar
