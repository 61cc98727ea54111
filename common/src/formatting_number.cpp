// Number pictures: NUMDesc_prepare and the to_char direction of NUM_processor (NUM_numpart_to_char) of
// PostgreSQL 15's formatting.c, in the C locale.
#include <cstring>

#include "common/error.h"
#include "formatting_internal.h"

namespace lumadb::formatting {

namespace {

[[noreturn]] void PictureError(const std::string& message) {
  throw DbError(sqlstate::kSyntaxError, message);
}

void Describe(NumDesc& num, const FormatNode& n) {
  if ((num.flag & kNumEeee) && n.key->id != NUM_E) PictureError("\"EEEE\" must be the last pattern used");
  auto has = [&](int f) { return (num.flag & f) != 0; };
  switch (n.key->id) {
    case NUM_9:
      if (has(kNumBracket)) PictureError("\"9\" must be ahead of \"PR\"");
      if (has(kNumMulti)) {
        ++num.multi;
        break;
      }
      if (has(kNumDecimal))
        ++num.post;
      else
        ++num.pre;
      break;
    case NUM_0:
      if (has(kNumBracket)) PictureError("\"0\" must be ahead of \"PR\"");
      if (!has(kNumZero) && !has(kNumDecimal)) {
        num.flag |= kNumZero;
        num.zero_start = num.pre + 1;
      }
      if (!has(kNumDecimal))
        ++num.pre;
      else
        ++num.post;
      num.zero_end = num.pre + num.post;
      break;
    case NUM_B:
      if (num.pre == 0 && num.post == 0 && !has(kNumZero)) num.flag |= kNumBlank;
      break;
    case NUM_D:
      num.flag |= kNumLDecimal;
      [[fallthrough]];
    case NUM_DEC:
      if (has(kNumDecimal)) PictureError("multiple decimal points");
      if (has(kNumMulti)) PictureError("cannot use \"V\" and decimal point together");
      num.flag |= kNumDecimal;
      break;
    case NUM_FM:
      num.flag |= kNumFillMode;
      break;
    case NUM_S:
      if (has(kNumLSign)) PictureError("cannot use \"S\" twice");
      if (has(kNumPlus) || has(kNumMinus) || has(kNumBracket)) {
        PictureError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      }
      if (!has(kNumDecimal)) {
        num.lsign = kLsignPre;
        num.pre_lsign_num = num.pre;
        num.flag |= kNumLSign;
      } else if (num.lsign == kLsignNone) {
        num.lsign = kLsignPost;
        num.flag |= kNumLSign;
      }
      break;
    case NUM_MI:
      if (has(kNumLSign)) PictureError("cannot use \"S\" and \"MI\" together");
      num.flag |= kNumMinus | (has(kNumDecimal) ? kNumMinusPost : 0);
      break;
    case NUM_PL:
      if (has(kNumLSign)) PictureError("cannot use \"S\" and \"PL\" together");
      num.flag |= kNumPlus | (has(kNumDecimal) ? kNumPlusPost : 0);
      break;
    case NUM_SG:
      if (has(kNumLSign)) PictureError("cannot use \"S\" and \"SG\" together");
      num.flag |= kNumMinus | kNumPlus;
      break;
    case NUM_PR:
      if (has(kNumLSign) || has(kNumPlus) || has(kNumMinus)) {
        PictureError("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
      }
      num.flag |= kNumBracket;
      break;
    case NUM_rn:
    case NUM_RN:
      num.flag |= kNumRoman;
      break;
    case NUM_V:
      if (has(kNumDecimal)) PictureError("cannot use \"V\" and decimal point together");
      num.flag |= kNumMulti;
      break;
    case NUM_E:
      if (has(kNumEeee)) PictureError("cannot use \"EEEE\" twice");
      if (has(kNumBlank) || has(kNumFillMode) || has(kNumLSign) || has(kNumBracket) || has(kNumMinus) ||
          has(kNumPlus) || has(kNumRoman) || has(kNumMulti)) {
        throw DbError(sqlstate::kSyntaxError, "\"EEEE\" is incompatible with other formats")
            .Detail("\"EEEE\" may only be used together with digit and decimal point patterns.");
      }
      num.flag |= kNumEeee;
      break;
    default:
      break;
  }
}

// NUMProc: the state of one to_char layout.
struct Proc {
  NumDesc* num;
  std::string number;  // the digits, '\0'-terminated view through number_p
  size_t number_p = 0;
  std::string out;
  int sign = 0;
  bool sign_wrote = false;
  int num_count = 0;
  bool num_in = false;
  int num_curr = 0;
  int out_pre_spaces = 0;
  long last_relevant = -1;  // index into number, -1: none

  bool Has(int f) const { return (num->flag & f) != 0; }
  char Cur() const { return number_p < number.size() ? number[number_p] : '\0'; }
  char LastRelevant() const { return last_relevant >= 0 ? number[last_relevant] : '\0'; }
  // IS_PREDEC_SPACE: "0.1" under "9.9" prints " .1".
  bool PredecSpace() const {
    return !Has(kNumZero) && number_p == 0 && !number.empty() && number[0] == '0' && num->post != 0;
  }
};

void WriteSign(Proc& p) {
  if (p.Has(kNumLSign)) {
    if (p.num->lsign == kLsignPre) {
      p.out += p.sign == '-' ? '-' : '+';
      p.sign_wrote = true;
    }
  } else if (p.Has(kNumBracket)) {
    p.out += p.sign == '+' ? ' ' : '<';
    p.sign_wrote = true;
  } else if (p.sign == '+') {
    if (!p.Has(kNumFillMode)) p.out += ' ';
    p.sign_wrote = true;
  } else if (p.sign == '-') {
    p.out += '-';
    p.sign_wrote = true;
  }
}

// NUM_numpart_to_char for 9, 0, '.' and D.
void NumPart(Proc& p, int id) {
  if (p.Has(kNumRoman)) return;
  p.num_in = false;
  if (!p.sign_wrote && (p.num_curr >= p.out_pre_spaces || (p.Has(kNumZero) && p.num->zero_start == p.num_curr)) &&
      (!p.PredecSpace() || p.LastRelevant() == '.')) {
    WriteSign(p);
  }
  if (p.num_curr < p.out_pre_spaces && (p.num->zero_start > p.num_curr || !p.Has(kNumZero))) {
    if (!p.Has(kNumFillMode)) p.out += ' ';
  } else if (p.Has(kNumZero) && p.num_curr < p.out_pre_spaces && p.num->zero_start <= p.num_curr) {
    p.out += '0';
    p.num_in = true;
  } else {
    if (p.Cur() == '.') {
      if (p.LastRelevant() != '.' || p.Has(kNumFillMode)) p.out += '.';
    } else if (p.last_relevant >= 0 && static_cast<long>(p.number_p) > p.last_relevant && id != NUM_0) {
      // trailing zeros FM drops
    } else if (p.PredecSpace()) {
      if (!p.Has(kNumFillMode))
        p.out += ' ';
      else if (p.LastRelevant() == '.')
        p.out += '0';
    } else {
      p.out += p.Cur();
      p.num_in = true;
    }
    if (p.Cur()) ++p.number_p;
  }
  int end = p.num_count + (p.out_pre_spaces ? 1 : 0) + (p.Has(kNumDecimal) ? 1 : 0);
  if (p.last_relevant >= 0 && p.last_relevant == static_cast<long>(p.number_p)) end = p.num_curr;
  if (p.num_curr + 1 == end) {
    if (p.sign_wrote && p.Has(kNumBracket)) {
      p.out += p.sign == '+' ? ' ' : '>';
    } else if (p.Has(kNumLSign) && p.num->lsign == kLsignPost) {
      p.out += p.sign == '-' ? '-' : '+';
    }
  }
  ++p.num_curr;
}

}  // namespace

NumDesc NumDescribe(const std::vector<FormatNode>& nodes) {
  NumDesc num;
  for (const FormatNode& n : nodes) {
    if (n.type == FormatNode::Type::kAction) Describe(num, n);
  }
  return num;
}

std::string NumToChar(const std::vector<FormatNode>& nodes, NumDesc num, const std::string& number, int out_pre_spaces,
                      char sign) {
  Proc p;
  p.num = &num;
  p.number = number;
  if (num.zero_start) --num.zero_start;
  if (num.flag & kNumEeee) return number;
  if (num.flag & kNumRoman) {
    num.lsign = num.pre_lsign_num = num.post = num.pre = 0;
    num.flag = kNumRoman | (num.flag & kNumFillMode);
    out_pre_spaces = 0;
    sign = 0;
  }
  p.sign = sign;
  if (p.Has(kNumPlus) || p.Has(kNumMinus)) {
    p.sign_wrote = !(p.Has(kNumPlus) && !p.Has(kNumMinus));
  } else {
    if (p.sign != '-' && p.Has(kNumFillMode)) num.flag &= ~kNumBracket;
    p.sign_wrote = p.sign == '+' && p.Has(kNumFillMode) && !p.Has(kNumLSign);
    if (num.lsign == kLsignPre && num.pre == num.pre_lsign_num) num.lsign = kLsignPost;
  }
  p.num_count = num.post + num.pre - 1;
  p.out_pre_spaces = out_pre_spaces;
  if (p.Has(kNumFillMode) && p.Has(kNumDecimal)) {
    // get_last_relevant_decnum: the last non-zero digit after the point, else the point.
    size_t dot = number.find('.');
    if (dot != std::string::npos) {
      p.last_relevant = static_cast<long>(dot);
      for (size_t k = dot + 1; k < number.size(); ++k) {
        if (number[k] != '0') p.last_relevant = static_cast<long>(k);
      }
      if (num.zero_end > p.out_pre_spaces) {
        long last_zero = std::min<long>(static_cast<long>(number.size()) - 1, num.zero_end - p.out_pre_spaces);
        if (p.last_relevant < last_zero) p.last_relevant = last_zero;
      }
    }
  }
  if (!p.sign_wrote && p.out_pre_spaces == 0) ++p.num_count;
  for (const FormatNode& n : nodes) {
    if (n.type != FormatNode::Type::kAction) {
      p.out += n.character;
      continue;
    }
    switch (n.key->id) {
      case NUM_9:
      case NUM_0:
      case NUM_DEC:
      case NUM_D:
        NumPart(p, n.key->id);
        break;
      case NUM_COMMA:
      case NUM_G:
        if (!p.num_in) {
          if (!p.Has(kNumFillMode)) p.out += ' ';
        } else {
          p.out += ',';
        }
        break;
      case NUM_L:
        p.out += ' ';
        break;
      case NUM_RN:
      case NUM_rn: {
        std::string r = p.number;
        if (n.key->id == NUM_rn) {
          for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (!p.Has(kNumFillMode) && r.size() < 15) r.insert(0, 15 - r.size(), ' ');
        p.out += r;
        break;
      }
      case NUM_th:
      case NUM_TH:
        if (p.Has(kNumRoman) || p.number[0] == '#' || p.sign == '-' || p.Has(kNumDecimal)) break;
        p.out += OrdinalSuffix(p.number, n.key->id == NUM_TH);
        break;
      case NUM_MI:
        if (p.sign == '-')
          p.out += '-';
        else if (!p.Has(kNumFillMode))
          p.out += ' ';
        break;
      case NUM_PL:
        if (p.sign == '+')
          p.out += '+';
        else if (!p.Has(kNumFillMode))
          p.out += ' ';
        break;
      case NUM_SG:
        if (p.sign) p.out += static_cast<char>(p.sign);
        break;
      default:
        break;
    }
  }
  return p.out;
}

}  // namespace lumadb::formatting
