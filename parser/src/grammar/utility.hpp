#pragma once
// Transaction control, SET, RESET, SHOW, CHECKPOINT (gram.y TransactionStmt, VariableSetStmt,
// VariableResetStmt, VariableShowStmt, CheckPointStmt).

#include "select.hpp"

namespace lumadb::parser::grammar {

// ---- transactions -------------------------------------------------------------------------------------

struct iso_level : sor<seq<LUMADB_KW("read"), sor<LUMADB_KW("uncommitted"), LUMADB_KW("committed")>>,
                       seq<LUMADB_KW("repeatable"), LUMADB_KW("read")>, LUMADB_KW("serializable")> {};
/// One transaction mode; the transformer keeps its words lower-cased, single-spaced.
struct tx_mode : sor<seq<LUMADB_KW("isolation"), LUMADB_KW("level"), iso_level>,
                     seq<LUMADB_KW("read"), sor<LUMADB_KW("only"), LUMADB_KW("write")>>,
                     seq<LUMADB_KW("not"), LUMADB_KW("deferrable")>, LUMADB_KW("deferrable")>,
                 Node {};
struct tx_modes : seq<tx_mode, star<opt<comma>, tx_mode>> {};
struct work_or_transaction : sor<LUMADB_KW("work"), LUMADB_KW("transaction")> {};
struct chain_word : LUMADB_WORD("chain"), Node {};
struct and_chain : seq<LUMADB_KW("and"), sor<seq<LUMADB_KW("no"), LUMADB_KW("chain")>, tok<chain_word>>> {};

struct begin_stmt
    : seq<sor<seq<LUMADB_KW("begin"), opt<work_or_transaction>>, seq<LUMADB_KW("start"), LUMADB_KW("transaction")>>,
          opt<tx_modes>>,
      Node {};
struct commit_stmt : seq<sor<LUMADB_KW("commit"), LUMADB_KW("end")>, opt<work_or_transaction>, opt<and_chain>>, Node {};
struct savepoint_name : seq<col_id>, Node {};
struct rollback_to : seq<LUMADB_KW("to"), opt<LUMADB_KW("savepoint")>, savepoint_name>, Node {};
struct rollback_stmt
    : seq<sor<LUMADB_KW("rollback"), LUMADB_KW("abort")>, opt<work_or_transaction>, sor<rollback_to, opt<and_chain>>>,
      Node {};
struct savepoint_stmt : seq<LUMADB_KW("savepoint"), savepoint_name>, Node {};
struct release_stmt : seq<LUMADB_KW("release"), opt<LUMADB_KW("savepoint")>, savepoint_name>, Node {};

// ---- SET / RESET / SHOW -------------------------------------------------------------------------------

struct var_name : seq<col_id, star<dot, col_id>>, Node {};
struct var_value : sor<seq<opt<op_tok<sign_op>>, number_literal>, string_literal, col_label>, Node {};
struct set_default : seq<LUMADB_KW("default")>, Node {};
struct local_word : LUMADB_WORD("local"), Node {};
/// SET TIME ZONE INTERVAL '+05:30' [HOUR TO MINUTE] (gram.y zone_value's ConstInterval forms).
struct zone_interval_field : sor<LUMADB_KW("year"), LUMADB_KW("month"), LUMADB_KW("day"), LUMADB_KW("hour"),
                                 LUMADB_KW("minute"), LUMADB_KW("second")>,
                             Node {};
struct zone_interval
    : seq<LUMADB_KW("interval"), string_literal, opt<zone_interval_field, opt<LUMADB_KW("to"), zone_interval_field>>>,
      Node {};
struct set_time_zone
    : seq<LUMADB_KW("time"), LUMADB_KW("zone"), sor<set_default, LUMADB_KW("local"), zone_interval, var_value>>,
      Node {};
struct set_names : seq<LUMADB_KW("names"), sor<set_default, var_value>>, Node {};
struct set_generic : seq<var_name, sor<LUMADB_KW("to"), equals>, sor<set_default, list<var_value, comma>>>, Node {};
/// SET ROLE name | NONE and SET SESSION AUTHORIZATION name | DEFAULT (gram.y set_rest_more): the
/// settings "role" and "session_authorization".
struct set_role : seq<LUMADB_KW("role"), var_value>, Node {};
struct set_session_auth : seq<LUMADB_KW("session"), LUMADB_KW("authorization"), sor<set_default, var_value>>, Node {};
struct set_transaction : seq<LUMADB_KW("transaction"), tx_modes>, Node {};
struct set_session_characteristics
    : seq<LUMADB_KW("session"), LUMADB_KW("characteristics"), LUMADB_KW("as"), LUMADB_KW("transaction"), tx_modes>,
      Node {};
struct set_stmt : seq<LUMADB_KW("set"), sor<set_transaction, set_session_characteristics, set_session_auth,
                                            seq<opt<sor<LUMADB_KW("session"), tok<local_word>>>,
                                                sor<set_time_zone, set_names, set_role, set_generic>>>>,
                  Node {};

struct all_target : LUMADB_WORD("all"), Node {};
struct time_zone_target : seq<LUMADB_KW("time"), LUMADB_KW("zone")>, Node {};
struct isolation_target : seq<LUMADB_KW("transaction"), LUMADB_KW("isolation"), LUMADB_KW("level")>, Node {};
struct session_auth_target : seq<LUMADB_KW("session"), LUMADB_KW("authorization")>, Node {};
struct reset_stmt : seq<LUMADB_KW("reset"), sor<tok<all_target>, time_zone_target, session_auth_target, var_name>>,
                    Node {};
struct show_stmt : seq<LUMADB_KW("show"), sor<tok<all_target>, time_zone_target, isolation_target, var_name>>, Node {};

// ---- CHECKPOINT ---------------------------------------------------------------------------------------

struct checkpoint_stmt : seq<LUMADB_KW("checkpoint")>, Node {};

}  // namespace lumadb::parser::grammar
