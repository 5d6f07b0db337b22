// RAII owners for cmark-gfm's C handles.
#pragma once
#include <cmark-gfm.h>

#include <memory>

#include "util/deleter.h"

namespace opslint {

using CmarkParser = std::unique_ptr<cmark_parser, Deleter<cmark_parser, cmark_parser_free>>;
using CmarkNode = std::unique_ptr<cmark_node, Deleter<cmark_node, cmark_node_free>>;
using CmarkIter = std::unique_ptr<cmark_iter, Deleter<cmark_iter, cmark_iter_free>>;

}  // namespace opslint
