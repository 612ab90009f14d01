// CacheHints is a header-only module (see include/CacheHints.h); SwiftPM needs one
// source file to build the target.
#include "CacheHints.h"
