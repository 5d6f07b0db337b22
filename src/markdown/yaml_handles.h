// RAII owners for libyaml's parser and event (plain structs that need a matching delete call).
#pragma once
#include <yaml.h>

#include <string_view>

namespace opslint {

// A libyaml parser reading `input`, which must outlive it.
class YamlParser {
 public:
  explicit YamlParser(std::string_view input) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
  }
  ~YamlParser() { yaml_parser_delete(&parser_); }
  YamlParser(const YamlParser&) = delete;
  YamlParser& operator=(const YamlParser&) = delete;
  yaml_parser_t* get() { return &parser_; }
  const yaml_parser_t& state() const { return parser_; }  // error, problem, marks

 private:
  yaml_parser_t parser_{};
};

// The event last produced by yaml_parser_parse; reading the next one releases the previous one.
class YamlEvent {
 public:
  YamlEvent() = default;
  ~YamlEvent() { reset(); }
  YamlEvent(const YamlEvent&) = delete;
  YamlEvent& operator=(const YamlEvent&) = delete;
  // False on a syntax error (see the parser's problem fields); the event is then empty.
  bool parse(YamlParser& parser) {
    reset();
    filled_ = yaml_parser_parse(parser.get(), &event_) != 0;
    return filled_;
  }
  const yaml_event_t* operator->() const { return &event_; }
  const yaml_event_t& operator*() const { return event_; }

 private:
  void reset() {
    if (filled_) yaml_event_delete(&event_);
    filled_ = false;
  }
  yaml_event_t event_{};
  bool filled_ = false;
};

}  // namespace opslint
