/* SPDX-License-Identifier: GPL-2.0-only */
/* Reader-writer locks: many readers or one writer. A waiting writer stops new
 * readers from entering, so writers are not starved by a stream of readers.
 * Not re-entrant; never take the write side while holding the read side. */
#ifndef XEN_RWLOCK_H
#define XEN_RWLOCK_H

#include <xen/types.h>
#include <asm/system.h>

typedef struct rwlock {
    volatile uint32_t cnts;     /* readers in bits 0-29, WAITING bit 30, LOCKED bit 31 */
} rwlock_t;

#define RW_WRITER_LOCKED    (1u << 31)
#define RW_WRITER_WAITING   (1u << 30)
#define RW_READER_MASK      (RW_WRITER_WAITING - 1)

#define RW_LOCK_UNLOCKED    { 0 }
#define DEFINE_RWLOCK(l)    rwlock_t l = RW_LOCK_UNLOCKED

static inline void rwlock_init(rwlock_t *l)
{
    l->cnts = 0;
}

static inline bool read_trylock(rwlock_t *l)
{
    uint32_t c = __atomic_load_n(&l->cnts, __ATOMIC_RELAXED);

    if ( c & (RW_WRITER_LOCKED | RW_WRITER_WAITING) )
        return false;
    return __atomic_compare_exchange_n(&l->cnts, &c, c + 1, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void read_lock(rwlock_t *l)
{
    while ( !read_trylock(l) )
        cpu_relax();
}

static inline void read_unlock(rwlock_t *l)
{
    __atomic_fetch_sub(&l->cnts, 1, __ATOMIC_RELEASE);
}

static inline bool write_trylock(rwlock_t *l)
{
    uint32_t c = __atomic_load_n(&l->cnts, __ATOMIC_RELAXED);

    if ( c & (RW_WRITER_LOCKED | RW_READER_MASK) )
        return false;
    return __atomic_compare_exchange_n(&l->cnts, &c, RW_WRITER_LOCKED, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Announces itself first so readers drain, then takes the lock once they have. */
static inline void write_lock(rwlock_t *l)
{
    for ( ;; )
    {
        uint32_t c = __atomic_load_n(&l->cnts, __ATOMIC_RELAXED);

        if ( !(c & RW_WRITER_LOCKED) && !(c & RW_READER_MASK) )
        {
            if ( __atomic_compare_exchange_n(&l->cnts, &c, RW_WRITER_LOCKED, false,
                                             __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
                return;
            continue;
        }
        if ( !(c & RW_WRITER_WAITING) )
            __atomic_fetch_or(&l->cnts, RW_WRITER_WAITING, __ATOMIC_RELAXED);
        cpu_relax();
    }
}

static inline void write_unlock(rwlock_t *l)
{
    __atomic_fetch_and(&l->cnts, ~RW_WRITER_LOCKED, __ATOMIC_RELEASE);
}

static inline bool rw_is_write_locked(const rwlock_t *l)
{
    return l->cnts & RW_WRITER_LOCKED;
}

#endif /* XEN_RWLOCK_H */
