// The per-thread arena cmark-gfm parses with: large and growing buffers, reuse across documents, threads.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "markdown/document.h"

using namespace opslint;

TEST_CASE("cmark arena: large and growing allocations, documents in a row and on other threads") {
  // A 200 KB cell and item make cmark grow buffers far past one arena block; the second and the
  // threaded parses reuse (and must not see) the first one's memory.
  const std::string big(200 * 1000, 'x');
  const std::string text = "## Actions\n\n| Action | Owner |\n|---|---|\n| " + big + " | @a |\n\n- [ ] " + big + "\n";
  auto check = [&](const Document& d) {
    REQUIRE(d.sections.size() == 2);
    REQUIRE(d.sections[1].tables.size() == 1);
    REQUIRE(d.sections[1].tables[0].rows.size() == 1);
    CHECK(d.sections[1].tables[0].rows[0].cells.at(0) == big);
    REQUIRE(d.sections[1].items.size() == 1);
    CHECK(d.sections[1].items[0].text == big);
  };
  check(parse_document("a.md", text));
  check(parse_document("a.md", text));
  std::vector<Document> docs(4);
  {
    std::vector<std::jthread> threads;
    for (auto& d : docs) threads.emplace_back([&] { d = parse_document("b.md", text); });
  }
  for (const auto& d : docs) check(d);
}
