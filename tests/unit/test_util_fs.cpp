// util/fs write_atomic: files replaced whole, devices and FIFOs written in place, links refused,
// stale temporaries removed, links out of a root refused; util/dir_lock.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "scratch_dir.h"
#include "util/dir_lock.h"
#include "util/fs.h"

using namespace opslint;
using namespace opslint::test;
namespace fs = std::filesystem;

TEST_CASE("write_atomic: creates, replaces, refuses to overwrite without replace, leaves no temporary") {
  Scratch s("basic");
  CHECK_FALSE(write_atomic(s / "a.txt", "one", false));
  CHECK(slurp(s / "a.txt") == "one");
  auto err = write_atomic(s / "a.txt", "two", false);
  REQUIRE(err);
  CHECK(*err == s / "a.txt" + " already exists; not overwriting it");
  CHECK_FALSE(write_atomic(s / "a.txt", "three", true));
  CHECK(slurp(s / "a.txt") == "three");
  CHECK_FALSE(has_temporary(s.dir));
  err = write_atomic(s / "missing/a.txt", "x", true);
  REQUIRE(err);
  CHECK(err->starts_with("cannot create a temporary file in"));
}

TEST_CASE("write_atomic: a device is written in place and keeps being a device") {
  auto err = write_atomic("/dev/full", "report\n", true);
  REQUIRE(err);
  CHECK(*err == "cannot write to /dev/full: No space left on device");
  struct stat st {};
  REQUIRE(::stat("/dev/full", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK_FALSE(write_atomic("/dev/null", "report\n", true));
}

TEST_CASE("write_atomic: a FIFO is written in place, its reader gets the bytes") {
  Scratch s("fifo");
  REQUIRE(::mkfifo((s / "pipe").c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = slurp(s / "pipe"); });
  const auto err = write_atomic(s / "pipe", "through the pipe\n", true);
  reader.join();
  CHECK_FALSE(err);
  CHECK(got == "through the pipe\n");
  CHECK(fs::is_fifo(fs::symlink_status(s / "pipe")));
}

TEST_CASE("write_atomic: a symbolic link is neither replaced nor written through, unless to a device") {
  Scratch s("symlink");
  put(s / "target.txt", "keep");
  fs::create_symlink(s / "target.txt", s / "link.txt");
  auto err = write_atomic(s / "link.txt", "new", true);
  REQUIRE(err);
  CHECK(err->find("is a symbolic link") != std::string::npos);
  CHECK(fs::is_symlink(fs::symlink_status(s / "link.txt")));
  CHECK(slurp(s / "target.txt") == "keep");
  fs::create_symlink("/dev/null", s / "null");
  CHECK_FALSE(write_atomic(s / "null", "gone", true));
  CHECK(fs::is_symlink(fs::symlink_status(s / "null")));
  fs::create_directory(s / "folder");
  err = write_atomic(s / "folder", "x", true);
  REQUIRE(err);
  CHECK(*err == s / "folder" + " is a folder");
}

TEST_CASE("write_atomic: a link among the folders that leads out of `inside` is refused, nothing created") {
  Scratch s("inside");
  Scratch out("outside");
  fs::create_directories(s / "repo/ops");
  fs::create_symlink(out.dir, s / "repo/ops/weekly");
  fs::create_symlink(s / "repo/ops", s / "repo/alias");  // stays inside: allowed
  const auto err = write_atomic(s / "repo/ops/weekly/x.md", "x", false, 0644, s / "repo");
  REQUIRE(err);
  CHECK(*err == "ops/weekly is a symbolic link to " + out.dir.string() +
                    ", outside the repository; refusing to write through it");
  CHECK(fs::is_empty(out.dir));
  CHECK_FALSE(write_atomic(s / "repo/alias/y.md", "y", false, 0644, s / "repo"));
  CHECK(slurp(s / "repo/ops/y.md") == "y");
  CHECK_FALSE(escapes_root(s / "repo", s / "repo/ops/new/deeper"));
}

TEST_CASE("remove_stale_temporaries: removes unlocked temporaries only") {
  Scratch s("stale");
  put(s / ".minutes.md.opslint-AbC123", "left by a killed run");
  put(s / ".actions.md.opslint-zzzzzz", "held by a live run");
  put(s / ".keep.opslint-notatemp", "not the pattern");
  put(s / "minutes.md", "user file");
  const int held = ::open((s / ".actions.md.opslint-zzzzzz").c_str(), O_RDONLY);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  CHECK(remove_stale_temporaries(s.dir.string()) == 1);
  CHECK_FALSE(fs::exists(s / ".minutes.md.opslint-AbC123"));
  CHECK(fs::exists(s / ".actions.md.opslint-zzzzzz"));
  CHECK(fs::exists(s / ".keep.opslint-notatemp"));
  CHECK(fs::exists(s / "minutes.md"));
  ::close(held);
  // The next write into the folder cleans up after the now-dead holder.
  CHECK_FALSE(write_atomic(s / "report.txt", "r", true));
  CHECK_FALSE(fs::exists(s / ".actions.md.opslint-zzzzzz"));
}

TEST_CASE("DirLock: a second holder waits for the first") {
  Scratch s("lock");
  DirLock first;
  REQUIRE_FALSE(DirLock::acquire(s.dir.string(), first));
  const int fd = ::open(s.dir.c_str(), O_RDONLY | O_DIRECTORY);
  CHECK(::flock(fd, LOCK_EX | LOCK_NB) != 0);
  ::close(fd);
  CHECK(DirLock::acquire((s.dir / "absent").string(), first));
}
