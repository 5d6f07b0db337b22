// The parse cache's packs and the check memo's file: what is put is found by the next reader;
// damaged, truncated or foreign files are ignored, never trusted.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "engine/check_memo.h"
#include "git/parse_cache.h"
#include "util/binary_io.h"

using namespace opslint;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
  const fs::path d = fs::temp_directory_path() / fmt::format("opslint-unit-{}-{}", name, ::getpid());
  fs::remove_all(d);
  return d;
}

size_t packs_in(const fs::path& d) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(d))
    if (e.path().extension() == ".pack") ++n;
  return n;
}

void damage(const fs::path& file, size_t at) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(at));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(at));
  f.put(static_cast<char>(c ^ 0x20));
}

}  // namespace

TEST_CASE("parse cache: entries written by one run are found by the next, for the same fingerprint only") {
  const fs::path d = fresh_dir("parse-cache");
  const std::string id(20, '\x11');
  const std::string k1 = ParseCache::key(id, 0, "ops/weekly/2026-47/minutes.md");
  const std::string k2 = ParseCache::key(id, 1, "ops/weekly/2026-47/minutes.md");
  CHECK(k1 != k2);  // the same blob in another role parses differently
  {
    ParseCache c(d.string(), 42);
    CHECK_FALSE(c.find(k1));
    c.add(k1, "head one", "parsed one");
    c.add(k2, "", std::string(1000, 'x'));
    c.flush();
  }
  CHECK(packs_in(d) == 1);
  {
    ParseCache c(d.string(), 42);
    REQUIRE(c.find(k1));
    CHECK(c.find(k1)->head == "head one");
    CHECK(c.find(k1)->body == "parsed one");
    CHECK(ParseCache::intact(*c.find(k1)));
    CHECK(c.find(k2)->head.empty());
    CHECK(c.find(k2)->body.size() == 1000);
    CHECK(c.hits() == 6);
    c.flush();  // nothing new: nothing written
  }
  CHECK(packs_in(d) == 1);
  ParseCache other(d.string(), 43);
  CHECK_FALSE(other.find(k1));

  SUBCASE("a pack with a damaged index is skipped") {
    for (const auto& e : fs::directory_iterator(d)) damage(e.path(), 50);
    ParseCache c(d.string(), 42);
    CHECK_FALSE(c.find(k1));
  }
  SUBCASE("a damaged body is found, and known to be damaged") {
    for (const auto& e : fs::directory_iterator(d)) damage(e.path(), fs::file_size(e.path()) - 1005);
    ParseCache c(d.string(), 42);
    REQUIRE(c.find(k1));
    CHECK_FALSE(ParseCache::intact(*c.find(k1)));
    CHECK(c.find(k1)->head == "head one");
    CHECK(ParseCache::intact(*c.find(k2)));
  }
  SUBCASE("a damaged header is skipped") {
    for (const auto& e : fs::directory_iterator(d)) damage(e.path(), 33);
    ParseCache c(d.string(), 42);
    CHECK_FALSE(c.find(k1));
  }
  SUBCASE("a truncated pack is skipped") {
    for (const auto& e : fs::directory_iterator(d)) fs::resize_file(e.path(), fs::file_size(e.path()) - 3);
    ParseCache c(d.string(), 42);
    CHECK_FALSE(c.find(k1));
  }
  fs::remove_all(d);
}

TEST_CASE("parse cache: many packs are compacted into one holding what the run used") {
  const fs::path d = fresh_dir("parse-compact");
  const std::string id(20, '\x22');
  for (int i = 0; i < 12; ++i) {
    ParseCache c(d.string(), 7);
    for (int j = 0; j < i; ++j) CHECK(c.find(ParseCache::key(id, 0, std::to_string(j))));
    c.add(ParseCache::key(id, 0, std::to_string(i)), "h" + std::to_string(i), "v" + std::to_string(i));
    c.flush();
    CHECK(packs_in(d) <= 8);
  }
  ParseCache c(d.string(), 7);
  for (int j = 0; j < 12; ++j) {
    REQUIRE(c.find(ParseCache::key(id, 0, std::to_string(j))));
    CHECK(c.find(ParseCache::key(id, 0, std::to_string(j)))->head == "h" + std::to_string(j));
    CHECK(c.find(ParseCache::key(id, 0, std::to_string(j)))->body == "v" + std::to_string(j));
    CHECK(ParseCache::intact(*c.find(ParseCache::key(id, 0, std::to_string(j)))));
  }
  fs::remove_all(d);
}

TEST_CASE("check memo: findings come back only for the same unit, inputs and fingerprint") {
  const fs::path d = fresh_dir("check-memo");
  const std::string file = (d / "checks-v1" / "index").string();
  const Finding f{"OPS301", Severity::Error, "ops/a.md", {3, 1}, "action A1 has no owner", "2026-47", "2026-47/A1"};
  {
    CheckMemo m(file, 9);
    CHECK_FALSE(m.find("actions", 1));
    m.put("actions", 1, {f});
    m.put("minutes/x", 2, {});
    m.flush();
  }
  {
    CheckMemo m(file, 9);
    auto got = m.find("actions", 1);
    REQUIRE(got);
    REQUIRE(got->size() == 1);
    CHECK((*got)[0].message == f.message);
    CHECK((*got)[0].pos.line == 3);
    CHECK((*got)[0].severity == Severity::Error);
    CHECK((*got)[0].subject == f.subject);
    CHECK(m.find("minutes/x", 2));
    CHECK_FALSE(m.find("actions", 2));
    CHECK(m.hits() == 2);
  }
  CHECK_FALSE(CheckMemo(file, 10).find("actions", 1));
  damage(file, 30);
  CHECK_FALSE(CheckMemo(file, 9).find("actions", 1));
  fs::remove_all(d);
}

TEST_CASE("check memo: a sealed file whose findings do not decode answers nothing (found by fuzz_cache)") {
  const fs::path d = fresh_dir("check-memo-sealed");
  fs::create_directories(d);
  const std::string file = (d / "index").string();
  // The frame (util/binary_io.h) with a correct checksum around one unit whose findings claim one
  // finding and hold four bytes: contains() once said yes and find() then said no, and a run that
  // trusted contains() left that unit's records deferred.
  Writer w = framed_writer({'o', 'p', 's', 'l', 'i', 'n', 't', '-', 'c', 'h', 'e', 'c', 'k', 's', '\n', '\0'}, 2);
  w.u64(9);
  w.u32(1);
  w.str("actions");
  w.u64(1);
  w.str(std::string("\x01\x00\x00\x00", 4));
  seal_frame(w);
  std::ofstream(file, std::ios::binary) << w.bytes();
  CheckMemo m(file, 9);
  CHECK_FALSE(m.contains("actions", 1));
  CHECK_FALSE(m.find("actions", 1));
  fs::remove_all(d);
}
