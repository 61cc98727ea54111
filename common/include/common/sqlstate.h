#pragma once
// SQLSTATE codes used by LumaDB, in the order and with the names of PostgreSQL's
// src/backend/utils/errcodes.txt (PostgreSQL 15, Appendix A "PostgreSQL Error Codes").

#include <string_view>

namespace lumadb {

/// A five-character SQLSTATE (PostgreSQL Appendix A). A literal type so codes can be constants.
struct SqlState {
  char code[6];
  constexpr std::string_view View() const { return std::string_view(code, 5); }
  constexpr bool operator==(const SqlState& o) const { return View() == o.View(); }
};

namespace sqlstate {
// Class 00 / 01: success and warnings
inline constexpr SqlState kSuccessfulCompletion{"00000"};
inline constexpr SqlState kWarning{"01000"};
inline constexpr SqlState kWarningPrivilegeNotRevoked{"01006"};
inline constexpr SqlState kWarningPrivilegeNotGranted{"01007"};
// Class 08: connection exception
inline constexpr SqlState kProtocolViolation{"08P01"};
// Class 0A: feature not supported
inline constexpr SqlState kFeatureNotSupported{"0A000"};
// Class 0L / 0P: invalid grantor, invalid role specification
inline constexpr SqlState kInvalidGrantOperation{"0LP01"};
// Class 21 / 22: cardinality and data exceptions
inline constexpr SqlState kCardinalityViolation{"21000"};
inline constexpr SqlState kStringDataRightTruncation{"22001"};
inline constexpr SqlState kNumericValueOutOfRange{"22003"};
inline constexpr SqlState kInvalidDatetimeFormat{"22007"};
inline constexpr SqlState kDatetimeFieldOverflow{"22008"};
inline constexpr SqlState kInvalidTimeZoneDisplacementValue{"22009"};
inline constexpr SqlState kIntervalFieldOverflow{"22015"};
inline constexpr SqlState kDivisionByZero{"22012"};
inline constexpr SqlState kInvalidRegularExpression{"2201B"};
inline constexpr SqlState kInvalidArgumentForPowerFunction{"2201F"};
inline constexpr SqlState kInvalidParameterValue{"22023"};
inline constexpr SqlState kArraySubscriptError{"2202E"};
inline constexpr SqlState kDataException{"22000"};
inline constexpr SqlState kNullValueNotAllowed{"22004"};
inline constexpr SqlState kInvalidTextRepresentation{"22P02"};
inline constexpr SqlState kInvalidEscapeSequence{"22025"};
inline constexpr SqlState kInvalidEscapeCharacter{"22019"};
inline constexpr SqlState kInvalidRowCountInLimitClause{"2201W"};
inline constexpr SqlState kInvalidRowCountInResultOffsetClause{"2201X"};
inline constexpr SqlState kUntranslatableCharacter{"22P05"};
inline constexpr SqlState kCharacterNotInRepertoire{"22021"};
inline constexpr SqlState kInvalidBinaryRepresentation{"22P03"};
inline constexpr SqlState kBadCopyFileFormat{"22P04"};
inline constexpr SqlState kDatatypeMismatchData{"2200G"};  // most_specific_type_mismatch
inline constexpr SqlState kSubstringError{"22011"};
inline constexpr SqlState kSequenceGeneratorLimitExceeded{"2200H"};
// Class 23: integrity constraint violation
inline constexpr SqlState kNotNullViolation{"23502"};
inline constexpr SqlState kUniqueViolation{"23505"};
inline constexpr SqlState kForeignKeyViolation{"23503"};
inline constexpr SqlState kCheckViolation{"23514"};
inline constexpr SqlState kDependentObjectsStillExist{"2BP01"};
// Class 25: invalid transaction state
inline constexpr SqlState kActiveSqlTransaction{"25001"};
inline constexpr SqlState kNoActiveSqlTransaction{"25P01"};
inline constexpr SqlState kInFailedSqlTransaction{"25P02"};
inline constexpr SqlState kReadOnlySqlTransaction{"25006"};
// Class 26 / 28 / 34 / 3B / 3D: names of statements, authorization, cursors, savepoints, databases
inline constexpr SqlState kInvalidSqlStatementName{"26000"};
inline constexpr SqlState kInvalidAuthorizationSpecification{"28000"};
inline constexpr SqlState kInvalidPassword{"28P01"};
inline constexpr SqlState kInvalidCursorName{"34000"};
inline constexpr SqlState kInvalidSavepointSpecification{"3B001"};
inline constexpr SqlState kInvalidCatalogName{"3D000"};
inline constexpr SqlState kInvalidSchemaName{"3F000"};
// Class 40: transaction rollback
inline constexpr SqlState kSerializationFailure{"40001"};
inline constexpr SqlState kDeadlockDetected{"40P01"};
// Class 42: syntax error or access rule violation
inline constexpr SqlState kSyntaxError{"42601"};
inline constexpr SqlState kInsufficientPrivilege{"42501"};
inline constexpr SqlState kGroupingError{"42803"};
inline constexpr SqlState kDatatypeMismatch{"42804"};
inline constexpr SqlState kCannotCoerce{"42846"};
inline constexpr SqlState kUndefinedFunction{"42883"};
inline constexpr SqlState kUndefinedColumn{"42703"};
inline constexpr SqlState kUndefinedTable{"42P01"};
inline constexpr SqlState kUndefinedObject{"42704"};
inline constexpr SqlState kUndefinedParameter{"42P02"};
inline constexpr SqlState kAmbiguousColumn{"42702"};
inline constexpr SqlState kAmbiguousFunction{"42725"};
inline constexpr SqlState kAmbiguousParameter{"42P08"};
inline constexpr SqlState kDuplicateColumn{"42701"};
inline constexpr SqlState kDuplicateDatabase{"42P04"};
inline constexpr SqlState kDuplicateTable{"42P07"};
inline constexpr SqlState kDuplicateSchema{"42P06"};
inline constexpr SqlState kDuplicateObject{"42710"};
inline constexpr SqlState kDuplicatePreparedStatement{"42P05"};
inline constexpr SqlState kDuplicateCursor{"42P03"};
inline constexpr SqlState kInvalidColumnReference{"42P10"};
inline constexpr SqlState kIndeterminateDatatype{"42P18"};
inline constexpr SqlState kInvalidForeignKey{"42830"};
inline constexpr SqlState kGeneratedAlways{"428C9"};
inline constexpr SqlState kInvalidTableDefinition{"42P16"};
inline constexpr SqlState kInvalidObjectDefinition{"42P17"};
inline constexpr SqlState kWrongObjectType{"42809"};
inline constexpr SqlState kInvalidName{"42602"};
inline constexpr SqlState kNameTooLong{"42622"};
inline constexpr SqlState kReservedName{"42939"};
// Class 44: WITH CHECK OPTION violation
inline constexpr SqlState kWithCheckOptionViolation{"44000"};
// Class 53 / 54 / 55 / 57: resources, limits, object state, operator intervention
inline constexpr SqlState kOutOfMemory{"53200"};
inline constexpr SqlState kTooManyConnections{"53300"};
inline constexpr SqlState kConfigurationLimitExceeded{"53400"};
inline constexpr SqlState kProgramLimitExceeded{"54000"};
inline constexpr SqlState kStatementTooComplex{"54001"};
inline constexpr SqlState kTooManyColumns{"54011"};
inline constexpr SqlState kTooManyArguments{"54023"};
inline constexpr SqlState kObjectNotInPrerequisiteState{"55000"};
inline constexpr SqlState kObjectInUse{"55006"};
inline constexpr SqlState kCantChangeRuntimeParam{"55P02"};
inline constexpr SqlState kLockNotAvailable{"55P03"};
inline constexpr SqlState kQueryCanceled{"57014"};
inline constexpr SqlState kAdminShutdown{"57P01"};
inline constexpr SqlState kCannotConnectNow{"57P03"};
// Class 58 / F0 / XX: system, configuration and internal errors
inline constexpr SqlState kIoError{"58030"};
inline constexpr SqlState kUndefinedFile{"58P01"};
inline constexpr SqlState kConfigFileError{"F0000"};
inline constexpr SqlState kDataCorrupted{"XX001"};
inline constexpr SqlState kInternalError{"XX000"};
}  // namespace sqlstate

}  // namespace lumadb
