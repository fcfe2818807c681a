#ifndef SLACHECK_PREFETCH_H
#define SLACHECK_PREFETCH_H

/// Asks the CPU to start loading the cache line at `address`, without waiting for it: lookups in
/// a table of millions of ids issue it a few rows ahead, so that their cache misses overlap.
static inline void slacheck_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
