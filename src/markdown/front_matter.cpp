// Front matter YAML read with libyaml's event API: a few hundred files per lint, so building a
// yaml-cpp node tree for each was a sixth of a static lint's instructions. Only what FrontMatter
// keeps is built: scalars, sequences of scalars, and "something else" for the rest.
#include "markdown/front_matter.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "markdown/yaml_handles.h"

namespace opslint {
namespace {

using Type = FrontMatterValue::Type;

// A node as FrontMatter sees it. Null is kept apart: a null key is skipped and a null sequence
// item makes the sequence Other (as yaml-cpp, which produced the fields before, treats them).
struct Node {
  enum class Kind { Null, Scalar, Sequence, Other } kind = Kind::Other;
  std::string scalar;
  std::vector<std::string> sequence;
  yaml_mark_t mark{};
};

// YAML 1.2 core schema nulls, plain (unquoted, untagged) only.
bool is_null(const yaml_event_t& e) {
  if (e.data.scalar.tag || e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  const std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// A node with no text, tag or anchor: what libyaml reports for "key:" with nothing after it.
bool is_empty_node(const yaml_event_t& e) {
  return e.type == YAML_SCALAR_EVENT && e.data.scalar.length == 0 && !e.data.scalar.tag && !e.data.scalar.anchor &&
         e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

std::string anchor_of(const char* a) { return a ? std::string(a) : std::string(); }

class Reader {
 public:
  explicit Reader(std::string_view yaml) : yaml_(yaml), parser_(yaml) {}

  void read(FrontMatter& fm) {
    if (!next() || !next()) return fail(fm);  // stream start, then document start or stream end
    if (event_->type == YAML_STREAM_END_EVENT) return;
    if (!next()) return fail(fm);
    const bool mapping = event_->type == YAML_MAPPING_START_EVENT;
    Node root;
    root.mark = event_->start_mark;
    if (mapping) {
      if (!read_pairs(fm)) return fail(fm);
    } else if (!read_node(root)) {
      return fail(fm);
    }
    if (!next()) return fail(fm);  // document end: the rest of the document must parse too
    // Then the stream's end or a second document (not read, as yaml-cpp did not); anything else
    // after a root flow collection ("{a: 1} b") is an error here.
    if (!next()) return fail(fm);
    if (!mapping && root.kind != Node::Kind::Null) {
      fm.error = "front matter must be a mapping of keys to values";
      fm.error_pos = position(root.mark);
    }
  }

 private:
  // The next event. Nesting is bounded: libyaml's scanner walks every open flow level on each
  // token, so "[[[[…" 100,000 deep would take minutes (quadratic) if read to its end.
  bool next() {
    if (!event_.parse(parser_)) {
      error_from_parser();
      return false;
    }
    const auto type = event_->type;
    if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
      if (++depth_ > kMaxDepth) {
        error_ = fmt::format("collections nested more than {} levels deep", kMaxDepth);
        error_byte_ = byte_offset(event_->start_mark.index);
        return false;
      }
    } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
      --depth_;
    }
    return true;
  }

  // The root mapping's pairs, from its start event to its end event.
  bool read_pairs(FrontMatter& fm) {
    const bool block = event_->data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE;
    if (!next()) return false;
    while (event_->type != YAML_MAPPING_END_EVENT) {
      Node key, value;
      const size_t key_byte = byte_offset(event_->start_mark.index);
      if (!read_node(key) || !next()) return false;
      const bool empty = is_empty_node(*event_);
      if (!read_node(value)) return false;
      Pos pos = position(value.mark);
      if (!next()) return false;  // the next key, or the mapping's end
      if (block && empty) pos = empty_value_position(key_byte, value.mark);
      if (key.kind != Node::Kind::Scalar) continue;
      FrontMatterValue v;
      v.pos = pos;
      switch (value.kind) {
        case Node::Kind::Null:  // "key:" with nothing after it
        case Node::Kind::Scalar:
          v.type = Type::Scalar;
          v.scalar = std::move(value.scalar);
          break;
        case Node::Kind::Sequence:
          v.type = Type::Sequence;
          v.sequence = std::move(value.sequence);
          break;
        case Node::Kind::Other:
          v.type = Type::Other;
          v.sequence = std::move(value.sequence);  // the scalar items before the first other one
          break;
      }
      fm.fields[std::move(key.scalar)] = std::move(v);  // a repeated key: the last one wins
    }
    return true;
  }

  // Where yaml-cpp (which these positions must match) placed a block mapping's empty value:
  // after "key:", at the next token (the next key, or the end of the text, column 1); for a
  // "? key" with no ":", at the "?". libyaml places it right after the ":" / at the next token.
  // The current event is the one after the value.
  Pos empty_value_position(size_t key_byte, const yaml_mark_t& value_mark) const {
    const size_t value_byte = byte_offset(value_mark.index);
    if (value_byte > 0 && value_byte <= yaml_.size() && yaml_[value_byte - 1] == ':') {
      const size_t next_byte = byte_offset(event_->start_mark.index);
      Pos pos = position_of_byte(next_byte);
      if (next_byte >= yaml_.size()) pos.column = 1;
      return pos;
    }
    size_t b = key_byte;
    while (b > 0 && (yaml_[b - 1] == ' ' || yaml_[b - 1] == '\t' || yaml_[b - 1] == '\n' || yaml_[b - 1] == '\r')) --b;
    return position_of_byte(b > 0 && yaml_[b - 1] == '?' ? b - 1 : key_byte);
  }

  // The node starting at the current event; a collection is read up to its end event.
  bool read_node(Node& out) {
    out.mark = event_->start_mark;
    switch (event_->type) {
      case YAML_SCALAR_EVENT:
        out.kind = is_null(*event_) ? Node::Kind::Null : Node::Kind::Scalar;
        if (out.kind == Node::Kind::Scalar)
          out.scalar.assign(reinterpret_cast<const char*>(event_->data.scalar.value), event_->data.scalar.length);
        remember(anchor_of(reinterpret_cast<const char*>(event_->data.scalar.anchor)), out);
        return true;
      case YAML_ALIAS_EVENT:
        return resolve(&out);
      case YAML_SEQUENCE_START_EVENT:
        return read_sequence(out);
      case YAML_MAPPING_START_EVENT: {
        out.kind = Node::Kind::Other;
        const std::string anchor = anchor_of(reinterpret_cast<const char*>(event_->data.mapping_start.anchor));
        if (!skip_collection()) return false;
        remember(anchor, out);
        return true;
      }
      default:
        return unexpected();
    }
  }

  // A sequence of scalars (aliases of scalars included); any other item makes it Other, keeping the
  // scalar items before it.
  bool read_sequence(Node& out) {
    const std::string anchor = anchor_of(reinterpret_cast<const char*>(event_->data.sequence_start.anchor));
    out.kind = Node::Kind::Sequence;
    while (true) {
      if (!next()) return false;
      if (event_->type == YAML_SEQUENCE_END_EVENT) break;
      Node item;
      if (event_->type == YAML_SEQUENCE_START_EVENT || event_->type == YAML_MAPPING_START_EVENT) {
        item.mark = event_->start_mark;
        remember_collection();
        if (!skip_collection()) return false;
      } else if (!read_node(item)) {
        return false;
      }
      if (item.kind != Node::Kind::Scalar)
        out.kind = Node::Kind::Other;
      else if (out.kind == Node::Kind::Sequence)
        out.sequence.push_back(std::move(item.scalar));
    }
    remember(anchor, out);
    return true;
  }

  // From a collection's start event to its matching end, without recursion (nesting can be
  // arbitrarily deep); anchors inside are still recorded and aliases still checked.
  bool skip_collection() {
    size_t depth = 1;
    while (depth > 0) {
      if (!next()) return false;
      switch (event_->type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          remember_collection();
          ++depth;
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          --depth;
          break;
        case YAML_SCALAR_EVENT: {
          Node n;
          if (!read_node(n)) return false;
          break;
        }
        case YAML_ALIAS_EVENT:
          if (!resolve(nullptr)) return false;
          break;
        default:
          return unexpected();
      }
    }
    return true;
  }

  // A nested collection's anchor: an alias of it reads as Other.
  void remember_collection() {
    const auto* a = event_->type == YAML_SEQUENCE_START_EVENT ? event_->data.sequence_start.anchor
                                                              : event_->data.mapping_start.anchor;
    Node n;
    n.mark = event_->start_mark;
    remember(anchor_of(reinterpret_cast<const char*>(a)), n);
  }

  void remember(const std::string& anchor, const Node& n) {
    if (!anchor.empty()) anchors_[anchor] = n;  // a redefined anchor replaces the earlier one
  }

  // An alias reads as the anchored node, position included (into `out`, when the value is kept).
  // Each use costs the node's values against a budget: aliases of a long list, used many times,
  // would otherwise copy it each time (quadratic), or exponentially when nested.
  bool resolve(Node* out) {
    const auto it = anchors_.find(reinterpret_cast<const char*>(event_->data.alias.anchor));
    if (it == anchors_.end()) {
      error_ = fmt::format("the referenced anchor '{}' is not defined",
                           reinterpret_cast<const char*>(event_->data.alias.anchor));
      error_byte_ = byte_offset(event_->start_mark.index);
      return false;
    }
    alias_values_ += 1 + it->second.sequence.size();
    if (alias_values_ > kMaxAliasValues) {
      error_ = fmt::format("aliases expand to more than {} values; write the values out instead", kMaxAliasValues);
      error_byte_ = byte_offset(event_->start_mark.index);
      return false;
    }
    if (out) *out = it->second;
    return true;
  }

  bool unexpected() {
    error_ = "unexpected YAML event";
    error_byte_ = byte_offset(event_->start_mark.index);
    return false;
  }

  void error_from_parser() {
    const yaml_parser_t& p = parser_.state();
    if (p.error == YAML_MEMORY_ERROR) {
      error_ = "out of memory";
      error_byte_ = byte_offset(p.mark.index);
      return;
    }
    error_ = p.problem ? p.problem : "invalid YAML";
    if (p.error == YAML_READER_ERROR) {  // its offset counts bytes
      error_byte_ = p.problem_offset;
      return;
    }
    error_byte_ = byte_offset(p.problem_mark.index);
    // The context says where the construct that went wrong began ("while parsing a flow sequence");
    // at the problem's own position it adds nothing ("while scanning for the next token").
    if (p.context && p.context_mark.index != p.problem_mark.index) {
      const Pos at = position(p.context_mark);
      error_ += fmt::format(" ({} started at line {}, column {})", p.context, at.line, at.column);
    }
  }

  void fail(FrontMatter& fm) {
    fm.fields.clear();
    fm.error = error_;
    fm.error_pos = position_of_byte(error_byte_);
  }

  // libyaml's mark counts characters; positions are those of the file: the YAML starts on line 2,
  // columns count bytes from 1.
  Pos position(const yaml_mark_t& mark) const { return position_of_byte(byte_offset(mark.index)); }

  Pos position_of_byte(size_t byte) const {
    byte = std::min(byte, yaml_.size());
    const size_t newline = byte == 0 ? std::string_view::npos : yaml_.rfind('\n', byte - 1);
    const size_t first = newline == std::string_view::npos ? 0 : newline + 1;
    const auto lines = std::count(yaml_.begin(), yaml_.begin() + static_cast<std::ptrdiff_t>(first), '\n');
    return {static_cast<int>(lines) + 2, static_cast<int>(byte - first) + 1};
  }

  // Byte offset of the character numbered `index` (UTF-8 continuation bytes are not characters).
  size_t byte_offset(size_t index) const {
    if (ascii_) return index;
    size_t byte = 0;
    for (size_t c = 0; c < index && byte < yaml_.size(); ++c) {
      ++byte;
      while (byte < yaml_.size() && (static_cast<unsigned char>(yaml_[byte]) & 0xC0) == 0x80) ++byte;
    }
    return byte;
  }

  std::string_view yaml_;
  bool ascii_ = std::all_of(yaml_.begin(), yaml_.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  YamlParser parser_;
  YamlEvent event_;
  std::map<std::string, Node, std::less<>> anchors_;
  std::string error_;
  size_t error_byte_ = 0;
  static constexpr int kMaxDepth = 1000;
  static constexpr size_t kMaxAliasValues = 100'000;
  size_t alias_values_ = 0;  // values the aliases read so far stand for
  int depth_ = 0;  // collections open at the current event
};

}  // namespace

void parse_front_matter_yaml(std::string_view yaml, FrontMatter& fm) { Reader(yaml).read(fm); }

}  // namespace opslint
