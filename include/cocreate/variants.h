/* variants.h — spelling variants among tags: which tags are likely the same
 * tag typed by other hands ("insertions professionnelles", "insertion pro",
 * "insertion profesionnelle" for "insertion professionnelle"), for
 * `tags --suggest` and `check`. Works on normalised keys (cc_text_norm:
 * case-folded, accents dropped, words separated by single spaces).
 *
 * The rules, each one a kind of cc_variant_pair:
 *   plural        the same words once plurals are made singular (-s, -x
 *                 after u, -aux/-al, -eaux/-eau; -ies, -ie and -y are one
 *                 ending: énergies, énergie, energy);
 *   feminine      ...and feminine forms masculine (-e, -elle/-el,
 *                 -enne/-en, -ette/-et, -euse/-eur/-eux, -trice/-teur,
 *                 -ive/-if);
 *   small words   the same words but for de, des, du, la, le, les, et, d',
 *                 l', a (à), au, aux, of, the, and;
 *   word order    the same words in another order (and maybe small words);
 *   abbreviation  one word cut short: "insertion pro" for "insertion
 *                 professionnelle" (the short word has 3 letters or more
 *                 and at most 60% of the long one's; a final '.' is
 *                 allowed); the short form means the long one;
 *   typo          Damerau-Levenshtein distance 1 for tags of 5 characters
 *                 or more, 2 for 10 or more, on the forms above (plurals
 *                 and feminine forms folded), counted word by word with
 *                 the same bound per word ("sociale" and "locale" are two
 *                 words); or the same letters but for one space
 *                 ("circuitscourts").
 * Adding a word is never a variant: "santé" and "santé mentale" are two
 * tags. The first four rules compare one key per tag in a sorted table;
 * typos are found through an index of each tag with one character deleted
 * (doubled letters counted once, so that "profesionelle" meets
 * "professionnelle"), and abbreviations through an index of each tag with
 * one word cut short: linear in the number of tags, never all pairs.
 * Tags longer than CC_VARIANTS_FUZZY_MAX bytes are not looked at for
 * typos and abbreviations (no tag is that long, and the indexes grow with
 * the length).
 *
 * Ownership: the functions allocate what they return (free() it); they
 * keep no pointer to the caller's keys. */
#ifndef COCREATE_VARIANTS_H
#define COCREATE_VARIANTS_H

#include <stddef.h>
#include "cocreate/error.h"

/* Longest key (bytes) compared for typos and abbreviations. */
#define CC_VARIANTS_FUZZY_MAX 64

/* The rules, strongest first: a pair that two rules find gets the first. */
typedef enum {
    CC_VARIANT_PLURAL = 0,
    CC_VARIANT_FEMININE,
    CC_VARIANT_SMALL_WORDS,
    CC_VARIANT_WORD_ORDER,
    CC_VARIANT_ABBREVIATION,
    CC_VARIANT_TYPO,
    CC_VARIANT_RULES
} cc_variant_rule;

/* The rules' names, as the `reason` column of a draft thesaurus writes
 * them: "plural", "feminine", "small words", "word order", "abbreviation",
 * "typo". */
extern const char *const cc_variant_rule_names[CC_VARIANT_RULES];

/* Tag `from` is likely a spelling of tag `to` (indexes into the caller's
 * keys). For every rule but abbreviation, `to` comes first in the keys
 * (from > to); an abbreviation's `from` is the short form, wherever it is. */
typedef struct {
    size_t from, to;
    cc_variant_rule rule;
} cc_variant_pair;

/* What cc_variants_choose proposes for one tag. */
typedef struct {
    long means;           /* index of the tag it stands for, or -1 */
    cc_variant_rule rule; /* why, when means >= 0 */
} cc_variant_choice;

/* Finds the variant pairs among the `n` distinct normalised keys, given
 * in order of preference (the most used first: a tag is proposed as the
 * meaning of a later one). Each tag is compared with at most a few of the
 * tags that share one of its index keys (the first ones in the order), and
 * keeps its 8 first candidate meanings, so that a crowd of look-alikes
 * cannot make the work quadratic. Each pair once, with its strongest
 * rule, sorted by (to, from).
 * Return values:
 *   CC_OK         *pairs (malloc'd, NULL when *count is 0) and *count;
 *   CC_ESOFTWARE  out of memory: *pairs is NULL and *count 0. */
cc_status cc_variants_find(const char *const *keys, size_t n, cc_variant_pair **pairs,
                           size_t *count);

/* Chooses at most one meaning per tag from `pairs` (as cc_variants_find
 * returns them, over `n` tags): the first in the order among the tags it
 * is paired with, such that no tag chosen as a meaning has a meaning
 * itself (no chains, no cycles). Fills choice[0..n). Never fails. */
void cc_variants_choose(const cc_variant_pair *pairs, size_t count, size_t n,
                        cc_variant_choice *choice);

#endif
