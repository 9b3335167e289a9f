/* intern.h — string interning: each distinct key gets a small integer id.
 * Tags, territory segments and actor ids are interned once while loading so
 * that the scorer compares integers, never strings. Ids are dense, given in
 * order of first insertion, starting at 0.
 * The table copies keys and display spellings; the pointers it returns stay
 * valid until cc_intern_free. */
#ifndef COCREATE_INTERN_H
#define COCREATE_INTERN_H

#include <stdbool.h>

typedef struct cc_intern cc_intern;

/* New empty table, or NULL when out of memory. */
cc_intern *cc_intern_new(void);

/* Frees the table and its strings. NULL is a no-op. */
void cc_intern_free(cc_intern *t);

/* Id of `key`, inserting it if new with `display` as its shown spelling
 * (NULL: the key itself). `*added` (may be NULL) tells whether it was new.
 * Returns -1 when out of memory; the table is then unchanged. */
int cc_intern_add(cc_intern *t, const char *key, const char *display, bool *added);

/* Id of `key`, or -1 if it was never added. */
int cc_intern_find(const cc_intern *t, const char *key);

/* Key and display spelling of an id in [0, cc_intern_count). */
const char *cc_intern_key(const cc_intern *t, int id);
const char *cc_intern_display(const cc_intern *t, int id);

int cc_intern_count(const cc_intern *t);

#endif
