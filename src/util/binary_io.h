// Little-endian binary records for the caches under the git dir: a writer, a bounds-checked
// reader that never trusts what it reads, and the checksum that guards every cache file.
#pragma once
#include <git2.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "util/hash.h"

namespace opslint {

// A little-endian integer of `n` (at most 8) bytes at `p`: one load on a little-endian machine.
inline uint64_t load_le(const char* p, size_t n) {
  uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, n);
  } else {
    for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

// The file's checksum: FNV-1a over 8-byte little-endian words, each step folded (so every input bit
// reaches the low bits), then the tail bytes. It detects damage, as byte-wise FNV-1a did, with an
// eighth of the steps: a warm run reads megabytes.
inline uint64_t checksum(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    h = (h ^ load_le(s.data() + i, 8)) * 1099511628211ull;
    h ^= h >> 32;
  }
  return fnv1a(s.substr(i), h);
}

class Writer {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) {
    for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void u64(uint64_t v) {
    for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
  }
  void str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void oid(const git_oid& id) { out_.append(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ); }
  // A LEB128 varint: one byte below 128, five at most. For compact records of small numbers.
  void uvar(uint32_t v) {
    for (; v >= 0x80; v >>= 7) u8(static_cast<uint8_t>(v | 0x80));
    u8(static_cast<uint8_t>(v));
  }
  // A string with a varint length.
  void vstr(std::string_view s) {
    uvar(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Every read is bounds-checked; the first failure poisons the reader.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && pos_ == in_.size(); }
  uint8_t u8() {
    if (!need(1)) return 0;
    return static_cast<uint8_t>(in_[pos_++]);
  }
  uint32_t u32() { return static_cast<uint32_t>(le(4)); }
  uint64_t u64() { return le(8); }
  bool flag() {
    const uint8_t v = u8();
    if (v > 1) ok_ = false;
    return v == 1;
  }
  std::string str() { return std::string(view()); }
  // A string's bytes, borrowed from the input.
  std::string_view view() { return take(u32()); }
  // The next `n` bytes, borrowed from the input.
  std::string_view take(size_t n) {
    if (!need(n)) return {};
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  git_oid oid() {
    git_oid id{};
    if (!need(GIT_OID_RAWSZ)) return id;
    std::memcpy(id.id, in_.data() + pos_, GIT_OID_RAWSZ);
    pos_ += GIT_OID_RAWSZ;
    return id;
  }
  // A count of items that each take at least `min_bytes`: more than the rest could hold is damage.
  uint32_t count(size_t min_bytes) {
    const uint32_t n = u32();
    if (ok_ && static_cast<uint64_t>(n) * min_bytes > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }
  void fail() { ok_ = false; }
  // A varint as Writer::uvar writes it; an overlong or over-32-bit encoding is damage.
  uint32_t uvar() {
    if (ok_ && pos_ < in_.size() && static_cast<unsigned char>(in_[pos_]) < 0x80)
      return static_cast<unsigned char>(in_[pos_++]);
    uint64_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      const uint8_t b = u8();
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!ok_ || b < 0x80) {
        if (b == 0 || v > UINT32_MAX) break;  // damage, or an overlong encoding
        return static_cast<uint32_t>(v);
      }
    }
    ok_ = false;
    return 0;
  }
  // A byte that may only have the low `n` bits set (flags, enums below 2^n).
  uint8_t bits(int n) {
    const uint8_t v = u8();
    if (v >> n) ok_ = false;
    return ok_ ? v : 0;
  }
  // A string with a varint length, borrowed from the input.
  std::string_view vview() { return take(uvar()); }
  // What is left, borrowed from the input.
  std::string_view rest() { return take(in_.size() - pos_); }
  // A varint count of items that each take at least `min_bytes`, checked as count() does.
  uint32_t vcount(size_t min_bytes) {
    const uint32_t n = uvar();
    if (ok_ && static_cast<uint64_t>(n) * min_bytes > in_.size() - pos_) ok_ = false;
    return ok_ ? n : 0;
  }

 private:
  // A little-endian integer of `n` bytes, with one bounds check.
  uint64_t le(size_t n) {
    if (!need(n)) return 0;
    const uint64_t v = load_le(in_.data() + pos_, n);
    pos_ += n;
    return v;
  }
  bool need(size_t n) {
    if (!ok_ || in_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// The frame of a cache file (the check memo, the history cache): 16 magic bytes and a format
// number, the caller's records, then the checksum of everything before it.
inline Writer framed_writer(const char (&magic)[16], uint32_t format) {
  Writer w;
  w.bytes().append(magic, sizeof magic);
  w.u32(format);
  return w;
}
// Appends the checksum: the file's bytes are complete.
inline void seal_frame(Writer& w) { w.u64(checksum(w.bytes())); }
// A reader of the records after the format number, when `bytes` starts with `magic` and `format`
// and its checksum holds; otherwise nothing (a missing, foreign, older or damaged file).
inline std::optional<Reader> open_frame(std::string_view bytes, const char (&magic)[16], uint32_t format) {
  if (bytes.size() < sizeof magic + 4 + 8 || bytes.compare(0, sizeof magic, magic, sizeof magic) != 0)
    return std::nullopt;
  const std::string_view body = bytes.substr(0, bytes.size() - 8);
  if (Reader(bytes.substr(body.size())).u64() != checksum(body)) return std::nullopt;
  Reader r(body.substr(sizeof magic));
  if (r.u32() != format) return std::nullopt;
  return r;
}

}  // namespace opslint
