#pragma once
// Sequence options and CREATE SEQUENCE (gram.y SeqOptList/SeqOptElem, CreateSeqStmt); the same options
// follow GENERATED ... AS IDENTITY and ALTER SEQUENCE.

#include "ddl_common.hpp"

namespace lumadb::parser::grammar {

/// gram.y NumericOnly: a signed number (the transformer requires a bigint, as defGetInt64 does).
struct seq_number : seq<opt<op_tok<sign_op>>, number_literal>, Node {};

struct seq_as : seq<LUMADB_KW("as"), type_name>, Node {};
struct seq_cache : seq<LUMADB_KW("cache"), seq_number>, Node {};
struct seq_cycle : seq<LUMADB_KW("cycle")>, Node {};
struct seq_no_cycle : seq<LUMADB_KW("no"), LUMADB_KW("cycle")>, Node {};
struct seq_increment : seq<LUMADB_KW("increment"), opt<LUMADB_KW("by")>, seq_number>, Node {};
struct seq_maxvalue : seq<LUMADB_KW("maxvalue"), seq_number>, Node {};
struct seq_minvalue : seq<LUMADB_KW("minvalue"), seq_number>, Node {};
struct seq_no_maxvalue : seq<LUMADB_KW("no"), LUMADB_KW("maxvalue")>, Node {};
struct seq_no_minvalue : seq<LUMADB_KW("no"), LUMADB_KW("minvalue")>, Node {};
struct seq_owned_by : seq<LUMADB_KW("owned"), LUMADB_KW("by"), any_name>, Node {};
struct seq_start : seq<LUMADB_KW("start"), opt<LUMADB_KW("with")>, seq_number>, Node {};
struct seq_restart : seq<LUMADB_KW("restart"), opt<opt<LUMADB_KW("with")>, seq_number>>, Node {};
struct seq_option : sor<seq_as, seq_cache, seq_cycle, seq_no_cycle, seq_no_maxvalue, seq_no_minvalue, seq_increment,
                        seq_maxvalue, seq_minvalue, seq_owned_by, seq_start, seq_restart> {};
struct seq_option_list : plus<seq_option>, Node {};

/// CREATE [TEMP|TEMPORARY|UNLOGGED] SEQUENCE [IF NOT EXISTS] name [options] (after CREATE).
struct create_sequence : seq<opt<sor<LUMADB_KW("temporary"), LUMADB_KW("temp"), LUMADB_KW("unlogged")>>,
                             LUMADB_KW("sequence"), opt<if_not_exists>, qualified_name, opt<seq_option_list>>,
                         Node {};

}  // namespace lumadb::parser::grammar
