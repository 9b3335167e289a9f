/* sector.c — the three sectors and the names a file may give them
 * (SPEC §1.1). */
#include "cocreate/actors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

const char *const cc_sector_names[CC_SECTORS] = {"social", "company", "public"};

static const struct {
    const char *alias; /* normalised */
    cc_sector sector;
} aliases[] = {
    {"social", CC_SOCIAL},          {"social entrepreneur", CC_SOCIAL},
    {"entrepreneur social", CC_SOCIAL}, {"association", CC_SOCIAL},
    {"ess", CC_SOCIAL},             {"civil society", CC_SOCIAL},
    {"societe civile", CC_SOCIAL},  {"company", CC_COMPANY},
    {"business", CC_COMPANY},       {"entreprise", CC_COMPANY},
    {"private", CC_COMPANY},        {"prive", CC_COMPANY},
    {"public", CC_PUBLIC},          {"public body", CC_PUBLIC},
    {"pouvoir public", CC_PUBLIC},  {"pouvoirs publics", CC_PUBLIC},
    {"collectivite", CC_PUBLIC},    {"administration", CC_PUBLIC},
};

cc_status cc_sector_parse(const char *text, cc_sector *sector)
{
    char *n;
    cc_status st = cc_text_norm(text, strlen(text), &n);
    if (st != CC_OK)
        return st;
    st = CC_EDATA;
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (strcmp(n, aliases[i].alias) == 0) {
            *sector = aliases[i].sector;
            st = CC_OK;
        }
    free(n);
    return st;
}

void cc_sector_choices(char *buf, size_t size)
{
    snprintf(buf, size, "%s, %s, %s, or an alias such as association, entreprise, collectivite",
             cc_sector_names[CC_SOCIAL], cc_sector_names[CC_COMPANY], cc_sector_names[CC_PUBLIC]);
}
