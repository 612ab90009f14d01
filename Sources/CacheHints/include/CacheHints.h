// Cache hints for the hot lookup loops, which Swift has no spelling for.
//
// A prefetch asks the CPU to start loading a cache line and retires at once, so a loop
// can have the lines of the next dozen lookups in flight while it works on this one.
// A plain load would wait in the reorder buffer until its line arrived, which is what
// limits a lookup loop over a table larger than the cache to a few misses at a time.
#ifndef CACHE_HINTS_H
#define CACHE_HINTS_H

/// Starts loading the cache line holding `address` for reading; no effect on results.
/// A hint: it never faults, whatever `address` is.
static inline void cache_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
