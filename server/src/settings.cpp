#include "server/settings.h"

#include <algorithm>
#include <stdexcept>

#include "common/error.h"
#include "server/setting_values.h"
#include "text_util.h"

namespace lumadb::server {

SettingKey::SettingKey(std::string_view name) {
  int index = FindSetting(name);
  if (index < 0) throw std::logic_error("SettingKey: no parameter " + std::string(name));
  index_ = static_cast<size_t>(index);
}

Settings::Settings() {
  for (const SettingDef& def : AllSettingDefs()) {
    entries_.push_back({std::string(def.boot_value), std::string(def.boot_value)});
  }
}

size_t Settings::IndexOf(std::string_view name) const {
  int index = FindSetting(name);
  if (index < 0) {
    throw DbError(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + std::string(name) + "\"");
  }
  return static_cast<size_t>(index);
}

void Settings::CheckSettable(const SettingDef& def, SettingSource source) const {
  std::string quoted = "parameter \"" + std::string(def.name) + "\"";
  switch (def.context) {
    case SettingContext::kInternal:
      throw DbError(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed");
    case SettingContext::kPostmaster:
      if (source != SettingSource::kServerStart) {
        throw DbError(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed without restarting the server");
      }
      break;
    case SettingContext::kSighup:
      if (source != SettingSource::kServerStart)
        throw DbError(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed now");
      break;
    case SettingContext::kBackend:
      if (source == SettingSource::kSession) {
        throw DbError(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be set after connection start");
      }
      break;
    case SettingContext::kSuperuser:
      // The startup packet is applied before the role is known; PostgreSQL checks it later, LumaDB not yet.
      if (source == SettingSource::kSession && !GetBool("is_superuser")) {
        throw DbError(sqlstate::kInsufficientPrivilege, "permission denied to set " + quoted);
      }
      break;
    case SettingContext::kUser:
      break;
  }
}

void Settings::SetDefault(std::string_view name, const std::string& value, SettingSource source) {
  size_t index = IndexOf(name);
  const SettingDef& def = AllSettingDefs()[index];
  CheckSettable(def, source);
  // A list given as one string ('"$user", public' from lumadb.conf, -c or pg_db_role_setting) is split
  // first, so its quoted identifiers are not quoted again.
  std::vector<std::string> items = def.list_quote ? SplitIdentifierList(value) : std::vector<std::string>{value};
  std::string canonical = ParseSettingValue(def, ToLower(name), items, entries_[index].value);
  Put(index, canonical);
  entries_[index].reset_value = std::move(canonical);
}

void Settings::SetInternal(std::string_view name, const std::string& value) { SetInternalAt(IndexOf(name), value); }

void Settings::SetInternal(SettingKey key, const std::string& value) { SetInternalAt(key.index(), value); }

void Settings::SetInternalAt(size_t index, const std::string& value) {
  Put(index, value);
  entries_[index].reset_value = value;
}

void Settings::Assign(size_t index, std::string value, bool local) {
  if (local && in_transaction_) {
    bool recorded =
        std::any_of(local_restore_.begin(), local_restore_.end(), [index](const auto& r) { return r.first == index; });
    if (!recorded) local_restore_.emplace_back(index, entries_[index].value);
  } else if (!local) {
    // A plain SET after SET LOCAL in the same transaction outlives it (guc.c GUC_SET over GUC_LOCAL).
    std::erase_if(local_restore_, [index](const auto& r) { return r.first == index; });
  }
  Put(index, std::move(value));
}

void Settings::Set(std::string_view name, const std::vector<std::string>& items, bool local) {
  size_t index = IndexOf(name);
  const SettingDef& def = AllSettingDefs()[index];
  CheckSettable(def, SettingSource::kSession);
  Assign(index, ParseSettingValue(def, ToLower(name), items, entries_[index].value), local);
}

void Settings::Reset(std::string_view name, bool local) {
  size_t index = IndexOf(name);
  CheckSettable(AllSettingDefs()[index], SettingSource::kSession);
  Assign(index, entries_[index].reset_value, local);
}

void Settings::ResetAll() {
  const auto& defs = AllSettingDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    // RESET ALL leaves the transaction characteristics and the role alone (GUC_NO_RESET_ALL), as PostgreSQL does.
    bool transaction_param = defs[i].name == "transaction_isolation" || defs[i].name == "transaction_read_only" ||
                             defs[i].name == "role" || defs[i].name == "session_authorization";
    bool settable = defs[i].context == SettingContext::kUser ||
                    (defs[i].context == SettingContext::kSuperuser && GetBool("is_superuser"));
    if (settable && !transaction_param) Assign(i, entries_[i].reset_value, false);
  }
}

std::string Settings::Show(std::string_view name) const {
  size_t index = IndexOf(name);
  return FormatSettingValue(AllSettingDefs()[index], entries_[index].value);
}

const std::string& Settings::Get(std::string_view name) const {
  return entries_[IndexOf(name)].value;
}

int64_t Settings::GetInt(std::string_view name) const {
  return std::stoll(Get(name));
}

int64_t Settings::GetInt(SettingKey key) const {
  return std::stoll(Get(key));
}

bool Settings::GetBool(std::string_view name) const {
  return Get(name) == "on";
}

std::vector<ShowAllRow> Settings::ShowAll() const {
  const auto& defs = AllSettingDefs();
  std::vector<ShowAllRow> rows;
  for (size_t i = 0; i < defs.size(); ++i) {
    if (!defs[i].show_all) continue;
    rows.push_back(
        {std::string(defs[i].name), FormatSettingValue(defs[i], entries_[i].value), std::string(defs[i].description)});
  }
  std::sort(rows.begin(), rows.end(),
            [](const ShowAllRow& a, const ShowAllRow& b) { return ToLower(a.name) < ToLower(b.name); });
  return rows;
}

std::vector<std::pair<std::string, std::string>> Settings::Reported() const {
  const auto& defs = AllSettingDefs();
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].report) out.emplace_back(std::string(defs[i].name), FormatSettingValue(defs[i], entries_[i].value));
  }
  return out;
}

void Settings::Put(size_t index, std::string value) {
  if (entries_[index].value == value) return;
  if (in_transaction_ && !txn_start_values_) {
    // Copied on the first change rather than at every transaction start: most transactions change nothing.
    std::vector<std::string> values;
    values.reserve(entries_.size());
    for (const Entry& e : entries_) values.push_back(e.value);
    txn_start_values_ = std::move(values);
  }
  entries_[index].value = std::move(value);
  ++version_;
}

void Settings::AtTransactionStart() {
  in_transaction_ = true;
  txn_start_values_.reset();
  local_restore_.clear();
  ResetTransactionCharacteristics();
}

void Settings::ResetTransactionCharacteristics() {
  static const SettingKey kIsolation("transaction_isolation");
  static const SettingKey kReadOnly("transaction_read_only");
  static const SettingKey kDefaultIsolation("default_transaction_isolation");
  static const SettingKey kDefaultReadOnly("default_transaction_read_only");
  Put(kIsolation.index(), Get(kDefaultIsolation));
  Put(kReadOnly.index(), Get(kDefaultReadOnly));
}

SettingsMark Settings::Mark() const {
  SettingsMark mark{{}, local_restore_};
  for (const Entry& e : entries_) mark.values.push_back(e.value);
  return mark;
}

void Settings::RollbackTo(const SettingsMark& mark) {
  for (size_t i = 0; i < entries_.size(); ++i) Put(i, mark.values[i]);
  local_restore_ = mark.local_restore;
}

void Settings::Reloaded(const Settings& before, const Settings& after) {
  const auto& defs = AllSettingDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    SettingContext context = defs[i].context;
    if (context != SettingContext::kSighup && context != SettingContext::kSuperuser &&
        context != SettingContext::kUser) {
      continue;
    }
    const std::string& old_default = before.entries_[i].value;
    const std::string& new_default = after.entries_[i].value;
    if (old_default == new_default || entries_[i].reset_value != old_default) continue;
    bool following = entries_[i].value == entries_[i].reset_value;
    entries_[i].reset_value = new_default;
    if (following) Put(i, new_default);
  }
}

void Settings::AtTransactionEnd(bool committed) {
  in_transaction_ = false;
  if (!committed && txn_start_values_) {
    for (size_t i = 0; i < entries_.size(); ++i) Put(i, (*txn_start_values_)[i]);
  } else {
    for (auto& [index, value] : local_restore_) Put(index, value);
  }
  txn_start_values_.reset();
  local_restore_.clear();
  ResetTransactionCharacteristics();
}

}  // namespace lumadb::server
