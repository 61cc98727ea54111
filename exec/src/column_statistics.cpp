// compute_scalar_stats and analyze_mcv_list of PostgreSQL 15 commands/analyze.c, over Values. The
// variables keep PostgreSQL's names so the two can be read side by side; stanullfrac and stadistinct are
// float (float4 in VacAttrStats), which the MCV decision sees rounded as PostgreSQL's does.
#include "exec/column_statistics.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/value_ops.h"

namespace lumadb::exec {
namespace {

/// A sampled value that is sorted: its value and its index among such values in sample order (ScalarItem).
struct ScalarItem {
  const Value* value;
  int tupno;
};

/// A candidate MCV: how often it occurs and where its run starts among the sorted items (ScalarMCVItem).
struct McvItem {
  int count;
  int first;
};

/// Base-10000 digits of a numeric's text form (make_result strips leading and trailing zero digits).
size_t NumericDigits(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  size_t point = text.find('.');
  std::string whole(text.substr(0, point));
  std::string fraction(point == std::string_view::npos ? std::string_view() : text.substr(point + 1));
  whole.insert(0, (4 - whole.size() % 4) % 4, '0');
  fraction.append((4 - fraction.size() % 4) % 4, '0');
  std::string all = whole + fraction;
  size_t first = all.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  size_t last = all.find_last_not_of('0');
  return last / 4 - first / 4 + 1;
}

/// The bytes of a varlena value without its header.
size_t VarlenaDataSize(const Value& v) {
  if (v.type() != TypeId::kNumeric) return v.GetString().size();
  const Numeric& n = v.GetNumeric();
  return 2 + (n.IsSpecial() ? 0 : 2 * NumericDigits(n.ToString()));  // NumericShort header + digits
}

/// analyze_mcv_list: how many of the candidate MCVs (counts, most common first) are significantly more
/// common than the values left out would be estimated to be.
int AnalyzeMcvList(const std::vector<McvItem>& track, int num_mcv, double stadistinct, double stanullfrac,
                   int samplerows, double totalrows) {
  // The entire table was sampled: keep the whole list (this also avoids dividing by zero below).
  if (samplerows == totalrows || totalrows <= 1.0) return num_mcv;
  double ndistinct_table = stadistinct < 0 ? -stadistinct * totalrows : stadistinct;
  double sumcount = 0.0;
  for (int i = 0; i < num_mcv - 1; ++i) sumcount += track[i].count;
  while (num_mcv > 0) {
    // The selectivity the least common value would get if it were not in the list (cf. eqsel).
    double selec = std::clamp(1.0 - sumcount / samplerows - stanullfrac, 0.0, 1.0);
    double otherdistinct = ndistinct_table - (num_mcv - 1);
    if (otherdistinct > 1) selec /= otherdistinct;
    // Keep it if the lower end of a continuity-corrected Wald interval (hypergeometric: sampling without
    // replacement) of its sample count is above that.
    double N = totalrows;
    double n = samplerows;
    double K = N * track[num_mcv - 1].count / n;
    double variance = n * K * (N - K) * (N - n) / (N * N * (N - 1));
    if (track[num_mcv - 1].count > selec * samplerows + 2 * std::sqrt(variance) + 0.5) break;
    if (--num_mcv == 0) break;
    sumcount -= track[num_mcv - 1].count;
  }
  return num_mcv;
}

/// The Haas-Stokes (Duj1) estimate of distinct non-NULL values, n*d / (n - f1 + f1*n/N), over non-NULLs.
double HaasStokes(int ndistinct, int nmultiple, int toowide_cnt, int samplerows, int null_cnt, float stanullfrac,
                  double totalrows) {
  int f1 = ndistinct - nmultiple + toowide_cnt;
  int d = f1 + nmultiple;
  double n = samplerows - null_cnt;
  double N = totalrows * (1.0 - stanullfrac);
  double stadistinct = N > 0 ? (n * d) / ((n - f1) + f1 * n / N) : 0;
  // Clamp to a sane range in case of roundoff error.
  if (stadistinct < d) stadistinct = d;
  if (stadistinct > N) stadistinct = N;
  return std::floor(stadistinct + 0.5);
}

/// Up to num_hist evenly spaced values of the sorted items, MCV runs left out (first and last included).
std::vector<Value> Histogram(const std::vector<ScalarItem>& values, std::vector<McvItem> mcvs, int num_hist) {
  std::sort(mcvs.begin(), mcvs.end(), [](const McvItem& a, const McvItem& b) { return a.first < b.first; });
  std::vector<const Value*> rest;
  size_t j = 0;
  for (int src = 0; src < static_cast<int>(values.size());) {
    if (j < mcvs.size() && src >= mcvs[j].first) {
      src = mcvs[j].first + mcvs[j].count;
      ++j;
      continue;
    }
    rest.push_back(values[src++].value);
  }
  // values[i * (nvals - 1) / (num_hist - 1)], stepped without overflow as analyze.c does.
  int nvals = static_cast<int>(rest.size());
  int delta = (nvals - 1) / (num_hist - 1);
  int deltafrac = (nvals - 1) % (num_hist - 1);
  std::vector<Value> bounds;
  for (int i = 0, pos = 0, posfrac = 0; i < num_hist; ++i) {
    bounds.push_back(*rest[pos]);
    pos += delta;
    posfrac += deltafrac;
    if (posfrac >= num_hist - 1) {
      ++pos;
      posfrac -= num_hist - 1;
    }
  }
  return bounds;
}

}  // namespace

int32_t StoredWidth(const Value& v) {
  int16_t length = TypeLength(v.type());
  if (length > 0) return length;
  size_t data = VarlenaDataSize(v);
  // A short (1-byte) varlena header holds sizes up to 127 bytes, header included (VARATT_SHORT_MAX).
  return static_cast<int32_t>(data + (data + 1 <= 127 ? 1 : 4));
}

std::optional<catalog::ColumnStatistics> ComputeColumnStatistics(int16_t attnum, TypeDesc type,
                                                                 const std::vector<Value>& sample, double total_rows,
                                                                 int statistics_target) {
  const int samplerows = static_cast<int>(sample.size());
  if (samplerows == 0) return std::nullopt;
  const bool is_varwidth = TypeLength(type.id) < 0;
  int null_cnt = 0, nonnull_cnt = 0, toowide_cnt = 0;
  double total_width = 0;
  std::vector<ScalarItem> values;
  for (const Value& v : sample) {
    if (v.is_null()) {
      ++null_cnt;
      continue;
    }
    ++nonnull_cnt;
    if (is_varwidth) {
      total_width += StoredWidth(v);
      if (VarlenaDataSize(v) + 4 > kWidthThreshold) {
        ++toowide_cnt;
        continue;
      }
    }
    values.push_back({&v, static_cast<int>(values.size())});
  }
  catalog::ColumnStatistics stats;
  stats.attnum = attnum;
  float stanullfrac = static_cast<float>(static_cast<double>(null_cnt) / samplerows);
  stats.null_frac = stanullfrac;
  stats.avg_width = !is_varwidth      ? TypeLength(type.id)
                    : nonnull_cnt > 0 ? static_cast<int32_t>(total_width / nonnull_cnt)
                                      : 0;
  if (type.id == TypeId::kJson) {
    // A type without = or < gets compute_trivial_stats: null fraction and width, distinct count unknown.
    stats.n_distinct = 0.0f;
    return stats;
  }
  if (values.empty()) {
    // Only NULLs (distinct count unknown), or only too-wide values (assumed distinct).
    stats.n_distinct = nonnull_cnt > 0 ? static_cast<float>(-1.0 * (1.0 - stanullfrac)) : 0.0f;
    return stats;
  }

  std::sort(values.begin(), values.end(), [](const ScalarItem& a, const ScalarItem& b) {
    int c = CompareValues(*a.value, *b.value);
    return c != 0 ? c < 0 : a.tupno < b.tupno;
  });
  // Count duplicates run by run, keeping the num_mcv most common repeated values (ties: first found).
  const int values_cnt = static_cast<int>(values.size());
  int num_mcv = statistics_target;
  const int num_bins = statistics_target;
  std::vector<McvItem> track;
  double corr_xysum = 0;
  int ndistinct = 0, nmultiple = 0, dups_cnt = 0;
  for (int i = 0; i < values_cnt; ++i) {
    corr_xysum += static_cast<double>(i) * values[i].tupno;
    ++dups_cnt;
    if (i + 1 < values_cnt && CompareValues(*values[i].value, *values[i + 1].value) == 0) continue;
    ++ndistinct;
    if (dups_cnt > 1) {
      ++nmultiple;
      if (static_cast<int>(track.size()) < num_mcv || dups_cnt > track.back().count) {
        if (static_cast<int>(track.size()) < num_mcv) track.push_back({});
        size_t j = track.size() - 1;
        for (; j > 0 && dups_cnt > track[j - 1].count; --j) track[j] = track[j - 1];
        track[j] = {dups_cnt, i + 1 - dups_cnt};
      }
    }
    dups_cnt = 0;
  }

  float stadistinct;
  if (nmultiple == 0) {
    stadistinct = static_cast<float>(-1.0 * (1.0 - stanullfrac));  // no repeated value: a unique column
  } else if (toowide_cnt == 0 && nmultiple == ndistinct) {
    stadistinct = static_cast<float>(ndistinct);  // every value repeated: assume these are all of them
  } else {
    stadistinct = static_cast<float>(
        HaasStokes(ndistinct, nmultiple, toowide_cnt, samplerows, null_cnt, stanullfrac, total_rows));
  }
  // More than 10% of the rows distinct: assume the count scales with the table.
  if (stadistinct > 0.1 * total_rows) stadistinct = static_cast<float>(-(stadistinct / total_rows));
  stats.n_distinct = stadistinct;

  const int track_cnt = static_cast<int>(track.size());
  if (track_cnt == ndistinct && toowide_cnt == 0 && stadistinct > 0 && track_cnt <= num_mcv) {
    num_mcv = track_cnt;  // the list is complete and fits
  } else {
    num_mcv = std::min(num_mcv, track_cnt);
    if (num_mcv > 0) num_mcv = AnalyzeMcvList(track, num_mcv, stadistinct, stanullfrac, samplerows, total_rows);
  }
  for (int i = 0; i < num_mcv; ++i) {
    stats.mcv_values.push_back(*values[track[i].first].value);
    stats.mcv_freqs.push_back(static_cast<float>(static_cast<double>(track[i].count) / samplerows));
  }

  // A histogram needs at least two distinct values outside the MCV list.
  int num_hist = std::min(ndistinct - num_mcv, num_bins + 1);
  if (num_hist >= 2) {
    stats.histogram = Histogram(values, std::vector<McvItem>(track.begin(), track.begin() + num_mcv), num_hist);
  }
  if (values_cnt > 1) {
    // x and y are both 0..values_cnt-1, so the correlation coefficient reduces to this.
    double n = values_cnt;
    double corr_xsum = (n - 1) * n / 2.0;
    double corr_x2sum = (n - 1) * n * (2 * n - 1) / 6.0;
    stats.correlation =
        static_cast<float>((n * corr_xysum - corr_xsum * corr_xsum) / (n * corr_x2sum - corr_xsum * corr_xsum));
  }
  return stats;
}

}  // namespace lumadb::exec
