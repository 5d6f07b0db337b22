// The event walk behind yaml_guard(): the expanded size of every anchored node, known when the node
// closes, so that each alias costs what its expansion would, without expanding anything.
#include "config/yaml_guard.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>
#include <vector>

namespace opslint {
namespace {

struct Stop {
  YamlProblem problem;
};

class Budget final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw Stop{{mark, "a second YAML document (after '---'); the configuration is one document"}};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_name_ = name; }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) return;  // yaml-cpp reports an unknown alias itself
    if (!it->second.size)
      throw Stop{{mark, fmt::format("the alias '*{}' refers to a node that contains it (a recursive alias)",
                                    it->second.name)}};
    alias(mark, *it->second.size);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    std::string name;
    std::optional<uint64_t> size;  // nodes in its expansion; unset while the node is open
  };
  struct Open {
    YAML::anchor_t anchor;
    uint64_t size;
  };

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name(anchor, 1);
    visit(mark, 1);
    if (!stack_.empty()) stack_.back().size += 1;
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name(anchor, std::nullopt);
    visit(mark, 1);
    stack_.push_back({anchor, 1});
  }
  void close() {
    const Open done = stack_.back();
    stack_.pop_back();
    if (done.anchor) anchors_[done.anchor].size = done.size;
    if (!stack_.empty()) stack_.back().size += done.size;
  }
  void alias(const YAML::Mark& mark, uint64_t size) {
    visit(mark, size);
    if (!stack_.empty()) stack_.back().size += size;
  }
  void name(YAML::anchor_t anchor, std::optional<uint64_t> size) {
    if (anchor) anchors_[anchor] = {std::move(pending_name_), size};
    pending_name_.clear();
  }
  // A walk of the document visits `nodes` more nodes here.
  void visit(const YAML::Mark& mark, uint64_t nodes) {
    visited_ += nodes;
    if (visited_ > kMaxConfigNodes)
      throw Stop{{mark, fmt::format("the configuration expands to more than {} nodes (aliases counted each time they are used)",
                                    kMaxConfigNodes)}};
  }

  int documents_ = 0;
  uint64_t visited_ = 0;
  std::string pending_name_;
  std::map<YAML::anchor_t, Anchor> anchors_;
  std::vector<Open> stack_;
};

}  // namespace

std::optional<YamlProblem> yaml_guard(const std::string& text) {
  std::istringstream in(text);
  Budget budget;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(budget)) {
    }
  } catch (const Stop& s) {
    return s.problem;
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace opslint
