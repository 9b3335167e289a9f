/* sector.c — the three sectors and the names a file may give them
 * (SPEC §1.1). */
#include "cocreate/actors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cocreate/text.h"

const char *const cc_sector_names[CC_SECTORS] = {"social", "company", "public"};

/* What spreadsheets write in a sector column, French first, compared
 * after normalisation (case, accents, `-` `'` and spaces do not count).
 * The social and solidarity economy (associations, foundations,
 * cooperatives, mutuals) is the social sector; bodies of the State and
 * local authorities are public; other firms are companies. */
static const struct {
    const char *alias; /* normalised */
    cc_sector sector;
} aliases[] = {
    {"social", CC_SOCIAL},
    {"social entrepreneur", CC_SOCIAL},
    {"entrepreneur social", CC_SOCIAL},
    {"entreprise sociale", CC_SOCIAL},
    {"entrepreneuriat social", CC_SOCIAL},
    {"ess", CC_SOCIAL},
    {"economie sociale et solidaire", CC_SOCIAL},
    {"economie sociale & solidaire", CC_SOCIAL},
    {"associations", CC_SOCIAL},
    {"association 1901", CC_SOCIAL},
    {"association", CC_SOCIAL},
    {"asso", CC_SOCIAL},
    {"association loi 1901", CC_SOCIAL},
    {"association loi de 1901", CC_SOCIAL},
    {"fondation", CC_SOCIAL},
    {"fondation d entreprise", CC_SOCIAL},
    {"fonds de dotation", CC_SOCIAL},
    {"cooperative", CC_SOCIAL},
    {"societe cooperative", CC_SOCIAL},
    {"scop", CC_SOCIAL},
    {"scic", CC_SOCIAL},
    {"mutuelle", CC_SOCIAL},
    {"ong", CC_SOCIAL},
    {"societe civile", CC_SOCIAL},
    {"civil society", CC_SOCIAL},
    {"ngo", CC_SOCIAL},
    {"non profit", CC_SOCIAL},
    {"nonprofit", CC_SOCIAL},
    {"foundation", CC_SOCIAL},
    {"cooperative society", CC_SOCIAL},
    {"company", CC_COMPANY},
    {"entreprise", CC_COMPANY},
    {"entreprise privee", CC_COMPANY},
    {"entreprises", CC_COMPANY},
    {"sa", CC_COMPANY},
    {"sarl", CC_COMPANY},
    {"sas", CC_COMPANY},
    {"sasu", CC_COMPANY},
    {"eurl", CC_COMPANY},
    {"prive", CC_COMPANY},
    {"secteur prive", CC_COMPANY},
    {"societe", CC_COMPANY},
    {"pme", CC_COMPANY},
    {"tpe", CC_COMPANY},
    {"eti", CC_COMPANY},
    {"grande entreprise", CC_COMPANY},
    {"start up", CC_COMPANY},
    {"startup", CC_COMPANY},
    {"business", CC_COMPANY},
    {"private", CC_COMPANY},
    {"private company", CC_COMPANY},
    {"private sector", CC_COMPANY},
    {"firm", CC_COMPANY},
    {"public", CC_PUBLIC},
    {"secteur public", CC_PUBLIC},
    {"pouvoir public", CC_PUBLIC},
    {"pouvoirs publics", CC_PUBLIC},
    {"acteur public", CC_PUBLIC},
    {"collectivite", CC_PUBLIC},
    {"collectivites", CC_PUBLIC},
    {"collectivite territoriale", CC_PUBLIC},
    {"collectivite locale", CC_PUBLIC},
    {"collectivites territoriales", CC_PUBLIC},
    {"collectivites locales", CC_PUBLIC},
    {"commune", CC_PUBLIC},
    {"mairie", CC_PUBLIC},
    {"ville", CC_PUBLIC},
    {"intercommunalite", CC_PUBLIC},
    {"epci", CC_PUBLIC},
    {"metropole", CC_PUBLIC},
    {"departement", CC_PUBLIC},
    {"conseil departemental", CC_PUBLIC},
    {"region", CC_PUBLIC},
    {"conseil regional", CC_PUBLIC},
    {"etat", CC_PUBLIC},
    {"services de l etat", CC_PUBLIC},
    {"prefecture", CC_PUBLIC},
    {"ministere", CC_PUBLIC},
    {"etablissement public", CC_PUBLIC},
    {"etablissement public local", CC_PUBLIC},
    {"etablissements publics", CC_PUBLIC},
    {"service public", CC_PUBLIC},
    {"administration", CC_PUBLIC},
    {"administration publique", CC_PUBLIC},
    {"public body", CC_PUBLIC},
    {"public authority", CC_PUBLIC},
    {"local authority", CC_PUBLIC},
    {"government", CC_PUBLIC},
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
