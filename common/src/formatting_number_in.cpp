// to_number's reading side: NUM_processor in the from-char direction (NUM_numpart_from_char,
// NUM_eat_non_data_chars) of PostgreSQL 15's formatting.c, in the C locale.
#include <cctype>
#include <cstring>

#include "common/error.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

struct Reader {
  NumDesc* num;
  std::string_view in;
  size_t pos = 0;
  std::string number = " ";  // sign slot, then the digits read
  int read_pre = 0;
  int read_post = 0;
  bool read_dec = false;
  bool num_in = false;

  bool Has(int f) const { return (num->flag & f) != 0; }
  bool Overload() const { return pos >= in.size(); }            // OVERLOAD_TEST
  bool Amount(size_t s) const { return pos + s <= in.size(); }  // AMOUNT_TEST
  char Cur() const { return pos < in.size() ? in[pos] : '\0'; }
};

void EatNonData(Reader& r, int n) {
  while (n-- > 0) {
    if (r.Overload()) break;
    if (std::strchr("0123456789.,+-", r.Cur()) != nullptr) break;
    r.pos += Utf8Length(r.Cur());
  }
}

void NumPartFromChar(Reader& r, int id) {
  bool isread = false;
  if (r.Overload()) return;
  if (r.Cur() == ' ') r.pos++;
  if (r.Overload()) return;
  if (r.number[0] == ' ' && (id == NUM_0 || id == NUM_9) && r.read_pre + r.read_post == 0) {
    if (r.Has(kNumLSign) && r.num->lsign == kLsignPre) {
      if (r.Cur() == '-' || r.Cur() == '+') r.number[0] = r.in[r.pos++];
    } else if (r.Cur() == '-' || (r.Has(kNumBracket) && r.Cur() == '<')) {
      r.number[0] = '-';
      r.pos++;
    } else if (r.Cur() == '+') {
      r.number[0] = '+';
      r.pos++;
    }
  }
  if (r.Overload()) return;
  if (std::isdigit(static_cast<unsigned char>(r.Cur()))) {
    if (r.read_dec && r.read_post == r.num->post) return;
    r.number += r.Cur();
    if (r.read_dec)
      ++r.read_post;
    else
      ++r.read_pre;
    isread = true;
  } else if (r.Has(kNumDecimal) && !r.read_dec && r.Cur() == '.') {
    r.number += '.';
    r.read_dec = true;
    isread = true;
  }
  if (r.Overload()) return;
  if (r.number[0] == ' ' && r.read_pre + r.read_post > 0) {
    if (r.Has(kNumLSign) && isread && r.pos + 1 < r.in.size() &&
        !std::isdigit(static_cast<unsigned char>(r.in[r.pos + 1]))) {
      char next = r.in[r.pos + 1];
      if (next == '-' || next == '+') {
        r.pos++;
        r.number[0] = next;
      }
    } else if (!isread && !r.Has(kNumLSign) && (r.Has(kNumPlus) || r.Has(kNumMinus))) {
      if (r.Cur() == '-' || r.Cur() == '+') r.number[0] = r.Cur();
    }
  }
}

}  // namespace

std::string NumFromChar(const std::vector<FormatNode>& nodes, NumDesc* num, std::string_view input) {
  if (num->flag & kNumEeee) throw DbError(sqlstate::kFeatureNotSupported, "\"EEEE\" not supported for input");
  if (num->flag & kNumRoman) throw DbError(sqlstate::kFeatureNotSupported, "\"RN\" not supported for input");
  if (num->zero_start) --num->zero_start;
  Reader r{num, input};
  for (const FormatNode& n : nodes) {
    if (r.Overload()) break;
    if (n.type != FormatNode::Type::kAction) {
      r.pos += Utf8Length(r.Cur());
      continue;
    }
    switch (n.key->id) {
      case NUM_9:
      case NUM_0:
      case NUM_DEC:
      case NUM_D:
        NumPartFromChar(r, n.key->id);
        break;
      case NUM_COMMA:
      case NUM_G:
        if (!r.num_in && r.Has(kNumFillMode)) continue;
        if (r.Cur() != ',') continue;
        break;
      case NUM_L:
        EatNonData(r, 1);
        continue;
      case NUM_th:
      case NUM_TH:
        if (r.Has(kNumRoman) || r.Has(kNumDecimal)) continue;
        EatNonData(r, 2);
        continue;
      case NUM_MI:
      case NUM_PL:
      case NUM_SG: {
        char c = r.Cur();
        bool takes = (n.key->id != NUM_PL && c == '-') || (n.key->id != NUM_MI && c == '+');
        if (!takes) {
          EatNonData(r, 1);
          continue;
        }
        r.number[0] = c;
        break;
      }
      default:
        continue;
    }
    r.pos++;
  }
  if (r.number.back() == '.') r.number.pop_back();
  num->post = r.read_post;
  return r.number;
}

}  // namespace lumadb::formatting
