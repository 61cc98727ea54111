#pragma once
// Type names (gram.y Typename): the SQL-standard spellings with their special syntax, and generic names.

#include "lexical.hpp"

namespace lumadb::parser::grammar {

#define LUMADB_WORD(name) word<TAO_PEGTL_ISTRING(name)>

/// The SQL-standard type spellings; the transformer maps their words to PostgreSQL's internal names.
struct special_type
    : sor<seq<LUMADB_KW("double"), LUMADB_KW("precision")>,
          seq<sor<LUMADB_KW("character"), LUMADB_KW("char"), LUMADB_KW("bit")>, opt<LUMADB_KW("varying")>>,
          LUMADB_KW("varchar"), LUMADB_KW("timestamp"), LUMADB_KW("time"), LUMADB_KW("interval"), LUMADB_KW("integer"),
          LUMADB_KW("int"), LUMADB_KW("smallint"), LUMADB_KW("bigint"), LUMADB_KW("real"), LUMADB_KW("float"),
          LUMADB_KW("decimal"), LUMADB_KW("dec"), LUMADB_KW("numeric"), LUMADB_KW("boolean")>,
      Node {};

/// A possibly schema-qualified type name: text, pg_catalog.int4, "MyType".
struct generic_type : seq<type_func_name, opt<dot, col_label>>, Node {};

/// (n[, m]) after a type: varchar(10), numeric(10,2), timestamp(3).
struct type_modifiers : seq<lparen, list<number_literal, comma>, rparen>, Node {};

/// WITH TIME ZONE / WITHOUT TIME ZONE after time or timestamp.
struct with_tz : LUMADB_WORD("with"), Node {};
struct tz_suffix : seq<sor<tok<with_tz>, LUMADB_KW("without")>, LUMADB_KW("time"), LUMADB_KW("zone")>, Node {};

/// [] or [n] (any number of times), or the SQL-standard ARRAY / ARRAY[n] suffix.
struct array_suffix : sor<plus<punct<'['>, opt<number_literal>, punct<']'>>,
                          seq<LUMADB_KW("array"), opt<punct<'['>, number_literal, punct<']'>>>>,
                      Node {};

struct type_name : seq<sor<special_type, generic_type>, opt<type_modifiers>, opt<tz_suffix>, opt<array_suffix>>,
                   Node {};

}  // namespace lumadb::parser::grammar
