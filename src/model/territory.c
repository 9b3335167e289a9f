/* territory.c — hierarchical territories ("FR/Hauts-de-France/Lille") as
 * lists of interned, normalised segments, and how two of them nest. */
#include "cocreate/actors.h"

#include <string.h>

cc_status cc_territory_parse(cc_intern *places, const char *text, int **segments, int *depth)
{
    return cc_intern_split(places, text, strlen(text), "/", segments, depth);
}

cc_status cc_territory_find(const cc_intern *places, const char *text, int **segments,
                            int *depth)
{
    return cc_intern_split_find(places, text, strlen(text), "/", segments, depth);
}

bool cc_territory_nested(const int *a, int na, const int *b, int nb)
{
    if (na == 0 || nb == 0)
        return false;
    int n = na < nb ? na : nb;
    return memcmp(a, b, (size_t)n * sizeof *a) == 0;
}
