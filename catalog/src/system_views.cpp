// The queries of pg_catalog's system views (see system_views.h). Types follow PostgreSQL 15 where LumaDB
// has them; "char" columns are char(1), oidvector/int2vector text, pg_node_tree text, aclitem[] text[].
#include "catalog/system_views.h"

#include <array>
#include <utility>

namespace lumadb::catalog {
namespace {

// pg_class with PostgreSQL 15's 33 columns. relam: heap for tables and materialized views, btree for
// indexes; relhastriggers: the table has or is referenced by a foreign key (PostgreSQL's RI triggers);
// relpersistence 't' in a temporary schema.
constexpr std::string_view kPgClass =
    R"(SELECT c.oid, c.relname, c.relnamespace, 0::oid AS reltype, 0::oid AS reloftype,
  c.relowner, CASE WHEN c.relkind IN ('r', 'm') THEN 2::oid WHEN c.relkind = 'i' THEN 403::oid ELSE 0::oid END AS relam,
  c.relfilenode, 0::oid AS reltablespace, c.relpages, c.reltuples, 0 AS relallvisible, 0::oid AS reltoastrelid,
  c.relhasindex, c.oid IN (1213, 1260, 1261, 1262, 2964, 12001) AS relisshared,
  CAST(CASE WHEN n.nspname LIKE 'pg\_temp\_%' THEN 't' ELSE 'p' END AS char) AS relpersistence,
  c.relkind, c.relnatts, c.relchecks, false AS relhasrules, k.relid IS NOT NULL AS relhastriggers,
  false AS relhassubclass, false AS relrowsecurity, false AS relforcerowsecurity, true AS relispopulated,
  CAST(CASE WHEN c.relkind IN ('r', 'm') AND c.oid >= 16384 THEN 'd' ELSE 'n' END AS char) AS relreplident,
  false AS relispartition, 0::oid AS relrewrite, 0::oid AS relfrozenxid, 0::oid AS relminmxid, c.relacl,
  c.reloptions, NULL::text AS relpartbound
FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN (SELECT conrelid AS relid FROM pg_catalog.pg_constraint WHERE contype = 'f'
             UNION SELECT confrelid FROM pg_catalog.pg_constraint WHERE contype = 'f') k ON k.relid = c.oid)";

// pg_attribute with PostgreSQL 15's 26 columns (attcompression and attgenerated are text: a char(1) ''
// reads as a blank, which psql shows as an unknown compression); the per-type ones (attbyval, attalign, attstorage,
// attcollation) come from the column's type as DefineRelation copies them. Indexes, which have no stored
// pg_attribute rows, get one per key column (index_create's ConstructTupleDescriptor: the table column's
// name and type).
constexpr std::string_view kPgAttribute = R"(SELECT a.attrelid, a.attname, a.atttypid, -1 AS attstattarget, a.attlen,
  a.attnum, CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 1 ELSE 0 END AS attndims, -1 AS attcacheoff,
  a.atttypmod, t.typbyval AS attbyval, t.typalign AS attalign, t.typstorage AS attstorage,
  ''::text AS attcompression, a.attnotnull, a.atthasdef, false AS atthasmissing, a.attidentity,
  ''::text AS attgenerated, a.attisdropped, true AS attislocal, 0 AS attinhcount, t.typcollation AS attcollation,
  a.attacl, NULL::text[] AS attoptions, NULL::text[] AS attfdwoptions, NULL::text AS attmissingval
FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
UNION ALL
SELECT i.indexrelid, a.attname, a.atttypid, -1, a.attlen, s::int2,
  CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 1 ELSE 0 END, -1, a.atttypmod, t.typbyval, t.typalign,
  t.typstorage, ''::text, false, false, false, ''::char, ''::text, false, true, 0, t.typcollation, NULL::text[],
  NULL::text[], NULL::text[], NULL::text
FROM pg_catalog.pg_index i, generate_series(1, i.indnatts) s, pg_catalog.pg_attribute a
  LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = i.indrelid AND a.attnum = (string_to_array(i.indkey, ' '))[s]::int2)";

constexpr std::string_view kPgIndex = R"(SELECT indexrelid, indrelid, indnatts, indnkeyatts, indisunique,
  false AS indnullsnotdistinct, indisprimary, false AS indisexclusion, true AS indimmediate, indisclustered,
  indisvalid, false AS indcheckxmin, true AS indisready, true AS indislive, indisreplident, indkey,
  NULL::text AS indcollation, NULL::text AS indclass, indoption, NULL::text AS indexprs, NULL::text AS indpred
FROM pg_catalog.pg_index)";

// pg_constraint with PostgreSQL 15's 26 columns (conkey and confkey as int2[]).
constexpr std::string_view kPgConstraint = R"(SELECT oid, conname, connamespace, contype, condeferrable, condeferred,
  convalidated, conrelid, contypid, conindid, conparentid, confrelid, confupdtype, confdeltype, confmatchtype,
  true AS conislocal, 0 AS coninhcount, false AS connoinherit, conkey::int2[] AS conkey, confkey::int2[] AS confkey,
  NULL::oid[] AS conpfeqop, NULL::oid[] AS conppeqop, NULL::oid[] AS conffeqop, NULL::int2[] AS confdelsetcols,
  NULL::oid[] AS conexclop, conbin
FROM pg_catalog.pg_constraint)";

// A view's query is stored as its pg_attrdef row of attnum 0 (catalog/README.md), which PostgreSQL has not.
constexpr std::string_view kPgAttrdef = "SELECT oid, adrelid, adnum, adbin FROM pg_catalog.pg_attrdef WHERE adnum > 0";

// LumaDB compares strings bytewise: every database has the C locale.
constexpr std::string_view kPgDatabase = R"(SELECT oid, datname, datdba, encoding, 'c'::char AS datlocprovider,
  datistemplate, datallowconn, -1 AS datconnlimit, 0::oid AS datfrozenxid, 0::oid AS datminmxid,
  1663::oid AS dattablespace, 'C'::text AS datcollate, 'C'::text AS datctype, NULL::text AS daticulocale,
  NULL::text AS datcollversion, datacl
FROM pg_catalog.pg_database)";

// Rows of pg_am.dat.
constexpr std::string_view kPgAm =
    R"(SELECT * FROM (VALUES (2::oid, 'heap'::name, 'heap_tableam_handler'::name, 't'::char),
  (403::oid, 'btree'::name, 'bthandler'::name, 'i'::char), (405::oid, 'hash'::name, 'hashhandler'::name, 'i'::char),
  (783::oid, 'gist'::name, 'gisthandler'::name, 'i'::char), (2742::oid, 'gin'::name, 'ginhandler'::name, 'i'::char),
  (4000::oid, 'spgist'::name, 'spghandler'::name, 'i'::char), (3580::oid, 'brin'::name, 'brinhandler'::name, 'i'::char))
  AS am(oid, amname, amhandler, amtype))";

// Rows of pg_tablespace.dat (relations live in pg_default, the shared catalogs in pg_global).
constexpr std::string_view kPgTablespace = R"(SELECT * FROM (VALUES (1663::oid, 'pg_default'::name, 10::oid,
  NULL::text[], NULL::text[]), (1664::oid, 'pg_global'::name, 10::oid, NULL::text[], NULL::text[]))
  AS ts(oid, spcname, spcowner, spcacl, spcoptions))";

// Rows of pg_collation.dat: the C locale's.
constexpr std::string_view kPgCollation = R"(SELECT * FROM (VALUES
  (100::oid, 'default'::name, 11::oid, 10::oid, 'd'::char, true, -1, NULL::text, NULL::text, NULL::text, NULL::text),
  (950::oid, 'C'::name, 11::oid, 10::oid, 'c'::char, true, -1, 'C'::text, 'C'::text, NULL::text, NULL::text),
  (951::oid, 'POSIX'::name, 11::oid, 10::oid, 'c'::char, true, -1, 'POSIX'::text, 'POSIX'::text, NULL::text, NULL::text))
  AS co(oid, collname, collnamespace, collowner, collprovider, collisdeterministic, collencoding, collcollate,
        collctype, colliculocale, collversion))";

// Catalogs of features LumaDB does not have: no rows.
constexpr std::string_view kPgInherits = R"(SELECT 0::oid AS inhrelid, 0::oid AS inhparent, 0 AS inhseqno,
  false AS inhdetachpending WHERE false)";
constexpr std::string_view kPgPolicy = R"(SELECT 0::oid AS oid, ''::name AS polname, 0::oid AS polrelid,
  ''::char AS polcmd, false AS polpermissive, NULL::oid[] AS polroles, NULL::text AS polqual,
  NULL::text AS polwithcheck WHERE false)";
constexpr std::string_view kPgPublication = R"(SELECT 0::oid AS oid, ''::name AS pubname, 0::oid AS pubowner,
  false AS puballtables, false AS pubinsert, false AS pubupdate, false AS pubdelete, false AS pubtruncate,
  false AS pubviaroot WHERE false)";
constexpr std::string_view kPgPublicationNamespace =
    "SELECT 0::oid AS oid, 0::oid AS pnpubid, 0::oid AS pnnspid WHERE false";
constexpr std::string_view kPgPublicationRel = R"(SELECT 0::oid AS oid, 0::oid AS prpubid, 0::oid AS prrelid,
  NULL::text AS prqual, NULL::int2[] AS prattrs WHERE false)";
constexpr std::string_view kPgStatisticExt = R"(SELECT 0::oid AS oid, 0::oid AS stxrelid, ''::name AS stxname,
  0::oid AS stxnamespace, 0::oid AS stxowner, 0 AS stxstattarget, NULL::text AS stxkeys, NULL::text[] AS stxkind,
  NULL::text AS stxexprs WHERE false)";
constexpr std::string_view kPgTrigger = R"(SELECT 0::oid AS oid, 0::oid AS tgrelid, 0::oid AS tgparentid,
  ''::name AS tgname, 0::oid AS tgfoid, 0::int2 AS tgtype, ''::char AS tgenabled, false AS tgisinternal,
  0::oid AS tgconstrrelid, 0::oid AS tgconstrindid, 0::oid AS tgconstraint, false AS tgdeferrable,
  false AS tginitdeferred, 0::int2 AS tgnargs, NULL::text AS tgattr, NULL::bytea AS tgargs, NULL::text AS tgqual,
  NULL::name AS tgoldtable, NULL::name AS tgnewtable WHERE false)";
constexpr std::string_view kPgDescription = R"(SELECT 0::oid AS objoid, 0::oid AS classoid, 0 AS objsubid,
  ''::text AS description WHERE false)";
constexpr std::string_view kPgShdescription =
    "SELECT 0::oid AS objoid, 0::oid AS classoid, ''::text AS description WHERE false";
constexpr std::string_view kPgExtension = R"(SELECT 0::oid AS oid, ''::name AS extname, 0::oid AS extowner,
  0::oid AS extnamespace, false AS extrelocatable, ''::text AS extversion, NULL::oid[] AS extconfig,
  NULL::text[] AS extcondition WHERE false)";
constexpr std::string_view kPgEnum = R"(SELECT 0::oid AS oid, 0::oid AS enumtypid, 0::float4 AS enumsortorder,
  ''::name AS enumlabel WHERE false)";
constexpr std::string_view kPgPartitionedTable = R"(SELECT 0::oid AS partrelid, ''::char AS partstrat,
  0::int2 AS partnatts, 0::oid AS partdefid, NULL::text AS partattrs, NULL::text AS partclass,
  NULL::text AS partcollation, NULL::text AS partexprs WHERE false)";

constexpr std::array<std::pair<std::string_view, std::string_view>, 21> kViews = {{
    {"pg_class", kPgClass},
    {"pg_attribute", kPgAttribute},
    {"pg_index", kPgIndex},
    {"pg_constraint", kPgConstraint},
    {"pg_attrdef", kPgAttrdef},
    {"pg_database", kPgDatabase},
    {"pg_am", kPgAm},
    {"pg_tablespace", kPgTablespace},
    {"pg_collation", kPgCollation},
    {"pg_inherits", kPgInherits},
    {"pg_policy", kPgPolicy},
    {"pg_publication", kPgPublication},
    {"pg_publication_namespace", kPgPublicationNamespace},
    {"pg_publication_rel", kPgPublicationRel},
    {"pg_statistic_ext", kPgStatisticExt},
    {"pg_trigger", kPgTrigger},
    {"pg_description", kPgDescription},
    {"pg_shdescription", kPgShdescription},
    {"pg_extension", kPgExtension},
    {"pg_enum", kPgEnum},
    {"pg_partitioned_table", kPgPartitionedTable},
}};

}  // namespace

std::optional<std::string_view> SystemViewQuery(std::string_view name) {
  for (const auto& [view, query] : kViews) {
    if (view == name) return query;
  }
  return std::nullopt;
}

}  // namespace lumadb::catalog
