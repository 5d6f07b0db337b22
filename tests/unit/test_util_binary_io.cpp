// The cache records' varints, flag bits and counts: exact round trips, damage refused.
#include <doctest/doctest.h>

#include "util/binary_io.h"

using namespace opslint;

TEST_CASE("binary_io: varints round-trip in the fewest bytes") {
  for (const uint32_t v : {0u, 1u, 127u, 128u, 300u, 16383u, 16384u, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
    Writer w;
    w.uvar(v);
    const size_t expected = v < (1u << 7) ? 1 : v < (1u << 14) ? 2 : v < (1u << 21) ? 3 : v < (1u << 28) ? 4 : 5;
    CHECK(w.bytes().size() == expected);
    Reader r(w.bytes());
    CHECK(r.uvar() == v);
    CHECK(r.done());
  }
}

TEST_CASE("binary_io: overlong, over-32-bit and cut varints are damage") {
  for (const std::string_view bad : {std::string_view("\x80\x00", 2), std::string_view("\xFF\xFF\xFF\xFF\x10"),
                                     std::string_view("\x80\x80\x80\x80\x80\x01"), std::string_view("\x80"),
                                     std::string_view()}) {
    Reader r(bad);
    CHECK(r.uvar() == 0);
    CHECK_FALSE(r.ok());
  }
}

TEST_CASE("binary_io: flag bits, counts and strings") {
  Writer w;
  w.u8(5);
  w.vstr("abc");
  w.uvar(3);
  w.bytes().append("xyz");
  Reader r(w.bytes());
  CHECK(r.bits(3) == 5);
  CHECK(r.vview() == "abc");
  CHECK(r.vcount(1) == 3);
  CHECK(r.take(3) == "xyz");
  CHECK(r.done());
  Reader high(w.bytes());
  CHECK(high.bits(2) == 0);  // bit 2 is set: not a two-bit value
  CHECK_FALSE(high.ok());
  Reader many(std::string_view(w.bytes()).substr(5));  // the count 3, then only three bytes
  CHECK(many.vcount(2) == 0);
  CHECK_FALSE(many.ok());
  Reader cut(std::string_view(w.bytes()).substr(0, 4));
  cut.u8();
  CHECK(cut.vview().empty());
  CHECK_FALSE(cut.ok());
}

TEST_CASE("binary_io: a framed file opens only with its magic, its format and an intact checksum") {
  constexpr char kMagic[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 't', 'e', 's', 't', '\n', '\0', '\0', '\0'};
  constexpr char kOther[16] = {'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'o', 't', 'h', 'e', 'r', '\n', '\0', '\0'};
  Writer w = framed_writer(kMagic, 7);
  w.u64(42);
  w.str("records");
  seal_frame(w);
  const std::string file = w.bytes();
  REQUIRE(file.size() == 16 + 4 + 8 + 4 + 7 + 8);

  auto r = open_frame(file, kMagic, 7);
  REQUIRE(r);
  CHECK(r->u64() == 42);
  CHECK(r->str() == "records");
  CHECK(r->done());  // the checksum is not part of the records

  CHECK_FALSE(open_frame(file, kOther, 7));  // another cache's file
  CHECK_FALSE(open_frame(file, kMagic, 8));  // an older or newer format
  for (size_t i = 0; i < file.size(); ++i) {  // any byte damaged
    std::string damaged = file;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    CHECK_FALSE(open_frame(damaged, kMagic, 7));
  }
  for (size_t n = 0; n < file.size(); ++n) CHECK_FALSE(open_frame(file.substr(0, n), kMagic, 7));  // cut short
}
