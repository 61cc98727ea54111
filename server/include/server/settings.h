#pragma once
// Settings: the configuration parameters of the server or of one session (PostgreSQL's GUC machinery,
// guc.c). The server builds one from the boot values, lumadb.conf and -c; each session copies it, applies
// its startup packet, then SET/RESET change it. Changes are transactional as in PostgreSQL: a rolled-back
// transaction restores the values it started with, and SET LOCAL lasts until the transaction ends.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/setting_defs.h"

namespace lumadb::server {

/// One row of SHOW ALL.
struct ShowAllRow {
  std::string name;
  std::string setting;
  std::string description;
};

/// The values in force at a savepoint (Settings::Mark), restored by ROLLBACK TO SAVEPOINT.
struct SettingsMark {
  std::vector<std::string> values;
  std::vector<std::pair<size_t, std::string>> local_restore;
};

/// Where a value comes from, which decides what may be changed (set_config_option's context check).
enum class SettingSource { kServerStart, kStartupPacket, kSession };

/// A parameter name resolved once to its slot, for values read on every statement: kept in a
/// function-local static, it spares the case-folding hash lookup of Get(name). The name must exist
/// (std::logic_error otherwise: a programming error, not a user's).
class SettingKey {
 public:
  explicit SettingKey(std::string_view name);
  size_t index() const { return index_; }

 private:
  size_t index_;
};

class Settings {
 public:
  /// All parameters at their boot values.
  Settings();

  /// Sets a value from the config file, -c (kServerStart) or the startup packet (kStartupPacket); it also
  /// becomes the value RESET returns to. Throws 42704 "unrecognized configuration parameter \"x\"",
  /// 55P02 "parameter \"x\" cannot be changed" (internal), 55P02 "parameter \"x\" cannot be changed without
  /// restarting the server" (postmaster, from a startup packet), and the 22023 value errors.
  void SetDefault(std::string_view name, const std::string& value, SettingSource source);

  /// Sets an internal parameter the server computes (is_superuser, session_authorization, port...),
  /// bypassing the context check. The name must exist.
  void SetInternal(std::string_view name, const std::string& value);
  /// The same through a resolved key (no lookup), for values the session refreshes per transaction.
  void SetInternal(SettingKey key, const std::string& value);

  /// SET [LOCAL] name = items. Throws 42704, 55P02 ("cannot be changed", "cannot be changed without
  /// restarting the server", "cannot be set after connection start") and the 22023 value errors.
  void Set(std::string_view name, const std::vector<std::string>& items, bool local);
  /// RESET name and SET name TO DEFAULT: back to the session's default (same errors as Set).
  void Reset(std::string_view name, bool local);
  /// RESET ALL: every session-settable parameter back to its default.
  void ResetAll();

  /// SHOW's display of a parameter ("128MB", "ISO, MDY"). Throws 42704.
  std::string Show(std::string_view name) const;
  /// The canonical value (integers in base units, e.g. "16384" for shared_buffers). Throws 42704.
  const std::string& Get(std::string_view name) const;
  int64_t GetInt(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  /// The same reads through a resolved key (no lookup).
  const std::string& Get(SettingKey key) const { return entries_[key.index()].value; }
  int64_t GetInt(SettingKey key) const;
  bool GetBool(SettingKey key) const { return Get(key) == "on"; }

  /// SHOW ALL rows, sorted by name ignoring case, without GUC_NO_SHOW_ALL parameters.
  std::vector<ShowAllRow> ShowAll() const;
  /// Canonical name and display value of every GUC_REPORT parameter (ParameterStatus).
  std::vector<std::pair<std::string, std::string>> Reported() const;
  /// A number that changes whenever any value changes, so a caller can skip rereading unchanged values
  /// (the session sends ParameterStatus and splits search_path only after a change).
  uint64_t version() const { return version_; }

  /// A transaction begins: remember the values to restore if it aborts.
  void AtTransactionStart();
  /// SAVEPOINT: the values to restore if the transaction rolls back to it.
  SettingsMark Mark() const;
  /// ROLLBACK TO SAVEPOINT, or an error inside one: back to the values at the mark, SET LOCAL included
  /// (guc.c AtEOSubXact_GUC). RELEASE needs nothing: the values then belong to the enclosing level.
  void RollbackTo(const SettingsMark& mark);
  /// The transaction ended: on abort restore the values it started with; either way undo SET LOCAL and
  /// reset transaction_isolation / transaction_read_only to their defaults.
  void AtTransactionEnd(bool committed);

  /// A configuration reload changed the server's settings from `before` to `after` (a backend's
  /// ProcessConfigFile): each sighup, superuser or user parameter this session took from the server (not
  /// from its startup packet) gets the new default, and the new value too unless the session SET it.
  /// Backend and postmaster parameters keep what the session started with.
  void Reloaded(const Settings& before, const Settings& after);

 private:
  struct Entry {
    std::string value;
    std::string reset_value;
  };
  size_t IndexOf(std::string_view name) const;
  void CheckSettable(const SettingDef& def, SettingSource source) const;
  /// transaction_isolation / transaction_read_only back to their default_ counterparts.
  void ResetTransactionCharacteristics();
  void Assign(size_t index, std::string value, bool local);
  void SetInternalAt(size_t index, const std::string& value);
  /// Every change of a value goes through here: it keeps version_ and the transaction-start copy.
  void Put(size_t index, std::string value);

  std::vector<Entry> entries_;  // parallel to AllSettingDefs()
  uint64_t version_ = 0;
  bool in_transaction_ = false;
  // The values when the transaction began, copied by the first change inside it (none: nothing changed).
  std::optional<std::vector<std::string>> txn_start_values_;
  std::vector<std::pair<size_t, std::string>> local_restore_;  // SET LOCAL: value before the first SET LOCAL
};

}  // namespace lumadb::server
