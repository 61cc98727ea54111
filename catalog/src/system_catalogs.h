#pragma once
// The bootstrap schemas of the catalog relations, hard-coded as PostgreSQL's BKI files are: the catalog
// cannot describe itself before it exists. Each relation keeps PostgreSQL's name and OID and a subset of its
// columns, in PostgreSQL's order (src/include/catalog/pg_*.h), and lives in the file whose relfilenode equals
// its OID. pg_database and pg_authid are shared (one copy under <data>/global/).

#include <span>
#include <string_view>
#include <vector>

#include "catalog/statistics.h"
#include "common/types.h"

namespace lumadb::catalog {

inline constexpr Oid kPgNamespaceOid = 2615;
inline constexpr Oid kPgClassOid = 1259;
inline constexpr Oid kPgAttributeOid = 1249;
inline constexpr Oid kPgAttrdefOid = 2604;
inline constexpr Oid kPgConstraintOid = 2606;
inline constexpr Oid kPgDependOid = 2608;
inline constexpr Oid kPgIndexOid = 2610;
inline constexpr Oid kPgSequenceOid = 2224;
inline constexpr Oid kPgStatisticOid = kStatisticRelationId;
inline constexpr Oid kPgTypeOid = 1247;
/// pg_proc: the user-defined functions (built-in ones are the planner's registry, shown by its pg_proc view).
inline constexpr Oid kPgProcOid = 1255;
inline constexpr Oid kPgDatabaseOid = 1262;
inline constexpr Oid kPgAuthidOid = 1260;
inline constexpr Oid kPgAuthMembersOid = 1261;
/// pg_roles, a view of pg_authid in PostgreSQL; here a shared relation the role DDL keeps in step with
/// pg_authid (the password always shows as '********').
inline constexpr Oid kPgRolesOid = 12001;
inline constexpr Oid kPgDbRoleSettingOid = 2964;

/// The bootstrap superuser's OID (BOOTSTRAP_SUPERUSERID) and the two initial databases' OIDs (pg_database.dat).
inline constexpr Oid kBootstrapSuperuserId = 10;
inline constexpr Oid kTemplate1DatabaseOid = 1;
inline constexpr Oid kPostgresDatabaseOid = 5;

/// pg_database.encoding for UTF8 (pg_wchar.h's PG_UTF8).
inline constexpr int32_t kUtf8Encoding = 6;

/// A column of a catalog relation; catalog columns are NOT NULL unless `nullable` (BKI_FORCE_NULL).
struct SystemColumn {
  std::string_view name;
  TypeDesc type;
  bool nullable = false;
};

/// A catalog relation: OID (= relfilenode), name, whether it is shared, and its columns.
struct SystemRelation {
  Oid oid;
  std::string_view name;
  bool shared;
  std::span<const SystemColumn> columns;
};

/// Every catalog relation: the per-database ones first, then the two shared ones.
std::span<const SystemRelation> SystemRelations();

/// The catalog relation with this OID; XX000 if there is none.
const SystemRelation& SystemRelationById(Oid oid);

/// True if `rel` is a shared catalog relation (its file lives under global/, FileId.db == 0).
bool IsSharedRelation(Oid rel);

/// The column types of a catalog relation, as EncodeRow/DecodeRow take them.
std::vector<TypeId> ColumnTypes(const SystemRelation& rel);

/// Column positions (0-based) inside catalog tuples, named as PostgreSQL's Anum_* constants minus one.
namespace col {
enum PgNamespace { kNspOid, kNspName, kNspOwner, kNspAcl };
enum PgClass {
  kRelOid,
  kRelName,
  kRelNamespace,
  kRelOwner,
  kRelFilenode,
  kRelPages,
  kRelTuples,
  kRelHasIndex,
  kRelKind,
  kRelNatts,
  kRelChecks,
  kRelOptions,
  kRelAcl
};
enum PgAttribute {
  kAttRelid,
  kAttName,
  kAttTypid,
  kAttLen,
  kAttNum,
  kAttTypmod,
  kAttNotNull,
  kAttHasDef,
  kAttIdentity,
  kAttIsDropped,
  kAttAcl
};
enum PgAttrdef { kAdOid, kAdRelid, kAdNum, kAdBin };
enum PgConstraint {
  kConOid,
  kConName,
  kConNamespace,
  kConType,
  kConDeferrable,
  kConDeferred,
  kConValidated,
  kConRelid,
  kConTypid,
  kConIndid,
  kConParentid,
  kConFrelid,
  kConFupdtype,
  kConFdeltype,
  kConFmatchtype,
  kConKey,
  kConFkey,
  kConBin
};
enum PgDepend { kDepClassid, kDepObjid, kDepObjsubid, kDepRefclassid, kDepRefobjid, kDepRefobjsubid, kDepType };
enum PgIndex {
  kIndExrelid,
  kIndRelid,
  kIndNatts,
  kIndNkeyatts,
  kIndIsUnique,
  kIndIsPrimary,
  kIndIsClustered,
  kIndIsValid,
  kIndIsReplident,
  kIndKey,
  kIndOption
};
enum PgSequence { kSeqRelid, kSeqTypid, kSeqStart, kSeqIncrement, kSeqMax, kSeqMin, kSeqCache, kSeqCycle };
/// pg_statistic: five slots, each kind, operator, collation, numbers and values (kStaKind1 + slot, ...).
enum PgStatistic {
  kStaRelid,
  kStaAttnum,
  kStaInherit,
  kStaNullfrac,
  kStaWidth,
  kStaDistinct,
  kStaKind1,
  kStaOp1 = kStaKind1 + 5,
  kStaColl1 = kStaOp1 + 5,
  kStaNumbers1 = kStaColl1 + 5,
  kStaValues1 = kStaNumbers1 + 5,
  kStaColumnCount = kStaValues1 + 5
};
enum PgType {
  kTypOid,
  kTypName,
  kTypNamespace,
  kTypOwner,
  kTypLen,
  kTypByVal,
  kTypType,
  kTypCategory,
  kTypIsPreferred,
  kTypIsDefined,
  kTypDelim,
  kTypRelid,
  kTypElem,
  kTypArray,
  kTypAlign,
  kTypStorage,
  kTypNotNull,
  kTypBaseType,
  kTypTypmod,
  kTypNdims,
  kTypCollation,
  kTypDefault,
  kTypColumnCount
};
/// pg_proc in PostgreSQL 15's column order (pg_proc.h).
enum PgProc {
  kProOid,
  kProName,
  kProNamespace,
  kProOwner,
  kProLang,
  kProCost,
  kProRows,
  kProVariadic,
  kProSupport,
  kProKind,
  kProSecDef,
  kProLeakproof,
  kProIsStrict,
  kProRetSet,
  kProVolatile,
  kProParallel,
  kProNargs,
  kProNargDefaults,
  kProRetType,
  kProArgTypes,
  kProAllArgTypes,
  kProArgModes,
  kProArgNames,
  kProArgDefaults,
  kProTrfTypes,
  kProSrc,
  kProBin,
  kProSqlBody,
  kProConfig,
  kProAcl,
  kProColumnCount
};
enum PgDatabase { kDatOid, kDatName, kDatDba, kDatEncoding, kDatIsTemplate, kDatAllowConn, kDatAcl };
enum PgAuthid {
  kRolOid,
  kRolName,
  kRolSuper,
  kRolInherit,
  kRolCreateRole,
  kRolCreateDb,
  kRolCanLogin,
  kRolReplication,
  kRolBypassRls,
  kRolConnLimit,
  kRolPassword,
  kRolValidUntil
};
enum PgAuthMembers { kAmRoleId, kAmMember, kAmGrantor, kAmAdminOption };
enum PgRoles { kRolesName, kRolesConfig = 11, kRolesOid = 12 };
enum PgDbRoleSetting { kSetDatabase, kSetRole, kSetConfig };
}  // namespace col

}  // namespace lumadb::catalog
