// scaffold/staging: a period folder's files all-or-nothing, a killed commit rolled back.
#include <doctest/doctest.h>

#include "scaffold/staging.h"
#include "scratch_dir.h"

using namespace opslint;
using namespace opslint::test;

TEST_CASE("staging: a new folder appears whole; into an existing one, a killed commit is rolled back") {
  Scratch s("staging");
  const FolderFiles files{{"minutes.md", "m"}, {"actions.md", "a"}};
  CHECK_FALSE(commit_staged(s.dir / "2026-49", files));
  CHECK(slurp(s / "2026-49/minutes.md") == "m");
  CHECK(slurp(s / "2026-49/actions.md") == "a");
  CHECK_FALSE(has_temporary(s.dir));

  // What a run killed after linking actions.md into an existing folder leaves behind.
  fs::create_directories(s / "2026-50");
  put(s / "2026-50/notes.txt", "user's");
  fs::create_directories(s / ".2026-50.opslint-stage-Xy12Ab");
  put(s / ".2026-50.opslint-stage-Xy12Ab/actions.md", "a");
  put(s / ".2026-50.opslint-stage-Xy12Ab/minutes.md", "m");
  fs::create_hard_link(s / ".2026-50.opslint-stage-Xy12Ab/actions.md", s / "2026-50/actions.md");
  recover_staging(s.dir);
  CHECK_FALSE(fs::exists(s / "2026-50/actions.md"));
  CHECK(fs::exists(s / "2026-50/notes.txt"));
  CHECK_FALSE(has_temporary(s.dir));
  // Committing into the existing folder links the files in.
  CHECK_FALSE(commit_staged(s.dir / "2026-50", files));
  CHECK(slurp(s / "2026-50/minutes.md") == "m");
  CHECK(slurp(s / "2026-50/notes.txt") == "user's");
  CHECK_FALSE(has_temporary(s.dir));
  // A file someone else put there stops the commit, and what was linked goes again.
  fs::create_directories(s / "2026-51");
  put(s / "2026-51/minutes.md", "theirs");
  const auto err = commit_staged(s.dir / "2026-51", files);
  REQUIRE(err);
  CHECK(*err == s / "2026-51/minutes.md" + " already exists");
  CHECK_FALSE(fs::exists(s / "2026-51/actions.md"));
  CHECK(slurp(s / "2026-51/minutes.md") == "theirs");
  CHECK_FALSE(has_temporary(s.dir));
}
