// The per-column estimators of PostgreSQL 15 utils/adt/selfuncs.c: get_variable_numdistinct,
// var_eq_const, var_eq_non_const, scalarineqsel (mcv_selectivity + ineq_histogram_selectivity with
// convert_to_scalar) and nulltestsel. LumaDB has no index endpoint probe (get_actual_variable_range), so
// histogram estimates are always clamped to a hundredth of a bin, as PostgreSQL does without one.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "common/value_ops.h"
#include "plan_util.h"
#include "planner/selectivity.h"
#include "planner/type_rules.h"

namespace lumadb::planner {
namespace {

double Clamp(double p) {
  return std::clamp(p, 0.0, 1.0);
}

/// A value of a numeric or datetime type on a double scale; nullopt for other types.
std::optional<double> NumericScalar(const Value& v) {
  switch (v.type()) {
    case TypeId::kBool:
      return v.GetBool() ? 1.0 : 0.0;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return static_cast<double>(v.GetInt());
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return v.GetFloat();
    case TypeId::kNumeric:
      return v.GetNumeric().ToDouble();
    default:
      return std::nullopt;
  }
}

/// convert_one_string_to_scalar / convert_one_bytea_to_scalar: the first max_len bytes as a fraction in
/// base (rangehi - rangelo + 1).
double StringScalar(std::string_view s, int rangelo, int rangehi, size_t max_len) {
  double base = rangehi - rangelo + 1;
  double num = 0.0;
  double denom = base;
  for (size_t i = 0; i < std::min(s.size(), max_len); ++i) {
    int ch = std::clamp(static_cast<int>(static_cast<unsigned char>(s[i])), rangelo - 1, rangehi + 1);
    num += (ch - rangelo) / denom;
    denom *= base;
  }
  return num;
}

/// convert_string_to_scalar (text in the C collation) and convert_bytea_to_scalar: the byte range seen in
/// the bounds, widened to whole letter/digit classes, then the common prefix of all three is dropped.
void StringsToScalar(std::string_view value, std::string_view lo, std::string_view hi, bool bytea, double* val,
                     double* low, double* high) {
  int rangelo = 0, rangehi = 255;
  if (!bytea) {
    rangelo = rangehi = hi.empty() ? 0 : static_cast<unsigned char>(hi[0]);
    for (std::string_view s : {lo, hi}) {
      for (unsigned char c : s) {
        rangelo = std::min<int>(rangelo, c);
        rangehi = std::max<int>(rangehi, c);
      }
    }
    for (auto [first, last] : {std::pair{'A', 'Z'}, std::pair{'a', 'z'}, std::pair{'0', '9'}}) {
      if (rangelo <= last && rangehi >= first) {
        rangelo = std::min<int>(rangelo, first);
        rangehi = std::max<int>(rangehi, last);
      }
    }
    if (rangehi - rangelo < 9) {
      rangelo = ' ';
      rangehi = 127;
    }
  }
  size_t common = 0;
  while (common < lo.size() && common < hi.size() && common < value.size() && lo[common] == hi[common] &&
         lo[common] == value[common]) {
    ++common;
  }
  size_t max_len = bytea ? 10 : 12;
  *val = StringScalar(value.substr(common), rangelo, rangehi, max_len);
  *low = StringScalar(lo.substr(common), rangelo, rangehi, max_len);
  *high = StringScalar(hi.substr(common), rangelo, rangehi, max_len);
}

/// convert_to_scalar: the constant and a bin's bounds on one double scale; false if the types have none.
bool ConvertToScalar(const Value& value, const Value& lo, const Value& hi, double* val, double* low, double* high) {
  auto v = NumericScalar(value), l = NumericScalar(lo), h = NumericScalar(hi);
  if (v && l && h) {
    *val = *v;
    *low = *l;
    *high = *h;
    return true;
  }
  bool bytea = value.type() == TypeId::kBytea && lo.type() == TypeId::kBytea;
  if (!bytea && !(IsStringType(value.type()) && IsStringType(lo.type()))) return false;
  StringsToScalar(value.GetString(), lo.GetString(), hi.GetString(), bytea, val, low, high);
  return true;
}

/// ineq_histogram_selectivity: the fraction of the histogram's population for which `col op constant`
/// holds, or -1 without a histogram.
double HistogramSelectivity(const ColumnEstimate& c, CompareOp op, const Value& constant) {
  const std::vector<Value>& hist = c.stats->histogram;
  if (hist.size() < 2) return -1.0;
  bool isgt = op == CompareOp::kGt || op == CompareOp::kGe;
  bool iseq = op == CompareOp::kLe || op == CompareOp::kGe;
  // Binary search for the first bound for which the comparison is false (true for > and >=).
  size_t lobound = 0, hibound = hist.size();
  while (lobound < hibound) {
    size_t probe = (lobound + hibound) / 2;
    bool ltcmp = CompareHolds(op, CompareValues(hist[probe], constant));
    if (isgt) ltcmp = !ltcmp;
    if (ltcmp) {
      lobound = probe + 1;
    } else {
      hibound = probe;
    }
  }
  double histfrac;  // the fraction for which col <= constant
  if (lobound == 0) {
    histfrac = 0.0;
  } else if (lobound >= hist.size()) {
    histfrac = 1.0;
  } else {
    size_t i = lobound;
    double eq_selec = 0;  // of col = constant, taken to be no MCV (the caller scales by the non-MCV share)
    if (i == 1 || isgt == iseq) {
      double otherdistinct = EstimateNumDistinct(c) - static_cast<double>(c.stats->mcv_freqs.size());
      if (otherdistinct > 1) eq_selec = 1.0 / otherdistinct;
    }
    double val, low, high, binfrac = 0.5;
    if (ConvertToScalar(constant, hist[i - 1], hist[i], &val, &low, &high) && high > low) {
      binfrac = val <= low ? 0.0 : val >= high ? 1.0 : (val - low) / (high - low);
      if (std::isnan(binfrac) || binfrac < 0.0 || binfrac > 1.0) binfrac = 0.5;
    }
    histfrac = (static_cast<double>(i - 1) + binfrac) / static_cast<double>(hist.size() - 1);
    // The first bound is the leftmost value of its bin: x <= first should come out as eq_selec, not 0.
    if (i == 1) histfrac += eq_selec * (1.0 - binfrac);
    if (isgt == iseq) histfrac -= eq_selec;  // < and >= exclude the constant itself
  }
  double hist_selec = isgt ? 1.0 - histfrac : histfrac;
  // The bounds are approximate and may be out of date: believe nothing closer than 1/100 of a bin to 0 or 1.
  double cutoff = 0.01 / static_cast<double>(hist.size() - 1);
  return std::clamp(hist_selec, cutoff, 1.0 - cutoff);
}

}  // namespace

ColumnEstimate RelationContext::Column(int column) const {
  ColumnEstimate c;
  if (!table || column < 0 || static_cast<size_t>(column) >= table->columns.size()) return c;
  const catalog::ColumnInfo& info = table->columns[column];
  c.type = info.type.id;
  c.rel_tuples = tuples;
  if (table->statistics) c.stats = table->statistics->Column(info.attnum);
  for (const catalog::IndexInfo& index : table->indexes) {
    if (index.unique && index.columns.size() == 1 && index.columns[0].attnum == info.attnum) c.unique = true;
  }
  return c;
}

double EstimateNumDistinct(const ColumnEstimate& c, bool* is_default) {
  if (is_default) *is_default = false;
  double stadistinct = 0.0, stanullfrac = 0.0;
  if (c.stats) {
    stadistinct = c.stats->n_distinct;
    stanullfrac = c.stats->null_frac;
  } else if (c.type == TypeId::kBool) {
    stadistinct = 2.0;
  }
  // A unique index proves the column unique, whatever possibly stale statistics say.
  if (c.unique) stadistinct = -1.0 * (1.0 - stanullfrac);
  auto clamp_rows = [](double rows) { return rows <= 1.0 ? 1.0 : std::rint(rows); };
  if (stadistinct > 0.0) return clamp_rows(stadistinct);
  if (c.rel_tuples <= 0.0) {
    if (is_default) *is_default = true;
    return kDefaultNumDistinct;
  }
  if (stadistinct < 0.0) return clamp_rows(-stadistinct * c.rel_tuples);
  // No data: a small table is taken to be all distinct, else the default (so the two meet at 200).
  if (c.rel_tuples < kDefaultNumDistinct) return clamp_rows(c.rel_tuples);
  if (is_default) *is_default = true;
  return kDefaultNumDistinct;
}

double EqualitySelectivity(const ColumnEstimate& c, const Value& constant, bool negate) {
  if (constant.is_null()) return 0.0;
  double nullfrac = c.stats ? c.stats->null_frac : 0.0;
  double selec;
  if (c.unique && c.rel_tuples >= 1.0) {
    selec = 1.0 / c.rel_tuples;
  } else if (c.stats) {
    const auto& values = c.stats->mcv_values;
    const auto& freqs = c.stats->mcv_freqs;
    auto match =
        std::find_if(values.begin(), values.end(), [&](const Value& v) { return CompareValues(v, constant) == 0; });
    if (match != values.end()) {
      selec = freqs[match - values.begin()];
    } else {
      // Not an MCV: the non-MCV, non-NULL rows shared evenly by the other distinct values, and no more
      // than the least common MCV.
      double sumcommon = 0.0;
      for (float f : freqs) sumcommon += f;
      selec = Clamp(1.0 - sumcommon - nullfrac);
      double otherdistinct = EstimateNumDistinct(c) - static_cast<double>(freqs.size());
      if (otherdistinct > 1) selec /= otherdistinct;
      if (!freqs.empty() && selec > freqs.back()) selec = freqs.back();
    }
  } else {
    selec = 1.0 / EstimateNumDistinct(c);
  }
  if (negate) selec = 1.0 - selec - nullfrac;
  return Clamp(selec);
}

double EqualityUnknownSelectivity(const ColumnEstimate& c, bool negate) {
  double nullfrac = c.stats ? c.stats->null_frac : 0.0;
  double selec;
  if (c.unique && c.rel_tuples >= 1.0) {
    selec = 1.0 / c.rel_tuples;
  } else if (c.stats) {
    // Any distinct value equally likely, whatever its frequency; at most the most common one's.
    selec = 1.0 - nullfrac;
    double ndistinct = EstimateNumDistinct(c);
    if (ndistinct > 1) selec /= ndistinct;
    if (!c.stats->mcv_freqs.empty() && selec > c.stats->mcv_freqs.front()) selec = c.stats->mcv_freqs.front();
  } else {
    selec = 1.0 / EstimateNumDistinct(c);
  }
  if (negate) selec = 1.0 - selec - nullfrac;
  return Clamp(selec);
}

double InequalitySelectivity(const ColumnEstimate& c, CompareOp op, const Value& constant) {
  if (constant.is_null()) return 0.0;
  if (!c.stats) return kDefaultIneqSel;
  double mcv_selec = 0.0, sumcommon = 0.0;
  for (size_t i = 0; i < c.stats->mcv_values.size(); ++i) {
    sumcommon += c.stats->mcv_freqs[i];
    if (CompareHolds(op, CompareValues(c.stats->mcv_values[i], constant))) mcv_selec += c.stats->mcv_freqs[i];
  }
  // The histogram covers the non-NULL values that are not MCVs; without one, assume half of those match.
  double hist_selec = HistogramSelectivity(c, op, constant);
  double selec = 1.0 - c.stats->null_frac - sumcommon;
  selec *= hist_selec >= 0.0 ? hist_selec : 0.5;
  return Clamp(selec + mcv_selec);
}

double NullTestSelectivity(const ColumnEstimate& c, bool is_null) {
  if (!c.stats) return is_null ? kDefaultUnkSel : kDefaultNotUnkSel;
  double nullfrac = c.stats->null_frac;
  return Clamp(is_null ? nullfrac : 1.0 - nullfrac);
}

}  // namespace lumadb::planner
