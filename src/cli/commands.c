/* commands.c — the command table: each command's synopsis, help, the
 * options it takes and its run function. Parsing, help, messages and the
 * tests read this table; a new command is a run function (in its own
 * cmd_*.c file) and one row here. */
#include <string.h>

#include "cli/cli_internal.h"

cc_status cc_cmd_match(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_explain(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_score(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_gaps(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_challenges(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_check(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_tags(const cc_cli *cli, cc_error *err);
cc_status cc_cmd_plan(const cc_cli *cli, cc_error *err);

#define BIT CC_OPTION_BIT

/* The options of one challenge's scoring, shared by the scoring commands. */
#define SCORING_OPTIONS                                                                        \
    (BIT(CC_OPT_NEEDS) | BIT(CC_OPT_AMBITION) | BIT(CC_OPT_WEIGHTS) | BIT(CC_OPT_TERRITORY) |  \
     BIT(CC_OPT_ANYWHERE) | BIT(CC_OPT_EXCLUDE))

const cc_command cc_commands[] = {
    {"match", "CHALLENGE...",
     "--all [OPTION]...\n--needs \"tag:weight;tag;...\" [OPTION]...",
     "rank triads for challenges (--all: every one)",
     "Print the best triads (one social, one company, one public actor) for each\n"
     "challenge, named by id or name; a unique prefix is enough. The ranking is\n"
     "exact: the best triads of all, whatever the data size.\n",
     SCORING_OPTIONS | BIT(CC_OPT_TOP) | BIT(CC_OPT_ALL) | BIT(CC_OPT_REQUIRE) |
         BIT(CC_OPT_MIN_SCORE) | BIT(CC_OPT_MAX_PER_ACTOR) | BIT(CC_OPT_HISTORY) |
         BIT(CC_OPT_JOBS) | BIT(CC_OPT_EXPLAIN),
     cc_cmd_match, CC_REPORT_MATCH},
    {"plan", "CHALLENGE", "--needs \"tag:weight;tag;...\" [OPTION]...",
     "disjoint triads with the best total score",
     "Plan a programme: up to N triads (--partnerships) in which each actor takes\n"
     "part at most once, with the largest total score. Small instances are solved\n"
     "exactly (integer programming); larger ones by a heuristic within\n"
     "--time-limit. The output gives the total, an upper bound on the best\n"
     "possible total and the gap between them (on standard error for csv, tsv\n"
     "and jsonl), and the table lists the actors left without a partnership and\n"
     "why. A triad scoring 0 is never proposed.\n",
     SCORING_OPTIONS | BIT(CC_OPT_REQUIRE) | BIT(CC_OPT_MIN_SCORE) | BIT(CC_OPT_PARTNERSHIPS) |
         BIT(CC_OPT_TIME_LIMIT) | BIT(CC_OPT_HISTORY) | BIT(CC_OPT_EXPLAIN),
     cc_cmd_plan, CC_REPORT_PLAN},
    {"explain", "CHALLENGE ID ID ID", "--needs \"tag:weight;...\" [OPTION]... ID ID ID",
     "full score breakdown of one triad",
     "Print the score breakdown of one triad: each component's value, weight and\n"
     "contribution, what each partner brings, what only it brings, and which of\n"
     "its seeks the others meet. The ids may come in any order. Give the options\n"
     "of the match run (--territory, --exclude...) to get the same numbers.\n",
     SCORING_OPTIONS, cc_cmd_explain, CC_REPORT_EXPLAIN},
    {"score", "[CHALLENGE] --triads FILE", NULL, "score the triads of a CSV file",
     "Score given triads: FILE is a CSV whose rows name three actors, one per\n"
     "sector in any order, in columns social_id, company_id, public_id (or the\n"
     "three columns --columns names). An optional 'challenge' column overrides\n"
     "CHALLENGE per row. The output repeats the input columns, in the input\n"
     "order, followed by the five components and the score. The triads file's\n"
     "delimiter is detected and it is read as UTF-8 (--delimiter and --encoding\n"
     "describe the actors file).\n",
     SCORING_OPTIONS | BIT(CC_OPT_TRIADS) | BIT(CC_OPT_COLUMNS), cc_cmd_score, CC_REPORT_SCORED},
    {"gaps", "CHALLENGE...", "--all [OPTION]...",
     "which needs the ecosystem covers, per sector",
     "For each need of the challenge: its weight, how many actors of each sector\n"
     "offer it, the best-known of them (largest reach), and where no actor (or\n"
     "no actor of some sector) offers it; then the best coverage any triad\n"
     "reaches, one triad that reaches it, and the needs that block it.\n",
     BIT(CC_OPT_ALL) | BIT(CC_OPT_NEEDS) | BIT(CC_OPT_TERRITORY) | BIT(CC_OPT_ANYWHERE) |
         BIT(CC_OPT_EXCLUDE),
     cc_cmd_gaps, CC_REPORT_GAPS},
    {"challenges", "", NULL, "list the challenges",
     "List the challenges: id, name, ambition, territory and needs.\n", 0, cc_cmd_challenges,
     CC_REPORT_CHALLENGES},
    {"check", "", NULL, "validate the data files, print statistics",
     "Validate the actors and challenges files; print statistics: actors per\n"
     "sector, distinct tags and territories, how many tags look like spelling\n"
     "variants of others, optional columns present, the needs of each challenge\n"
     "that no actor offers, and those of them a variant of which some offer.\n",
     0, cc_cmd_check, CC_REPORT_CHECK},
    {"tags", "", "--suggest [OPTION]...", "list the tags (--suggest: a draft thesaurus)",
     "List every tag in use: how many actors of each sector offer it and seek\n"
     "it, in how many challenges it is a need, and its uses (the sum): the most\n"
     "used first; among equals the most needed, then by normalised tag.\n"
     "With --suggest, print instead a draft thesaurus (CSV: tag, means, broader,\n"
     "reason) that proposes, for each tag that looks like another spelling of a\n"
     "more used one (plural, feminine, small words, word order, abbreviation,\n"
     "typo), the tag it means. Edit it, then pass it to --thesaurus.\n"
     "Tags are counted as the thesaurus maps them (on the bundled actors, the\n"
     "bundled thesaurus by default); --no-thesaurus shows them as written.\n",
     BIT(CC_OPT_SUGGEST), cc_cmd_tags, CC_REPORT_TAGS},
};

const size_t cc_command_count = sizeof cc_commands / sizeof *cc_commands;

_Static_assert(CC_OPTIONS <= 64, "cc_command.options holds one bit per option");

const cc_command *cc_command_find(const char *name)
{
    for (size_t i = 0; i < cc_command_count; i++)
        if (strcmp(name, cc_commands[i].name) == 0)
            return &cc_commands[i];
    return NULL;
}

const char *cc_command_name(size_t i)
{
    return i < cc_command_count ? cc_commands[i].name : NULL;
}

bool cc_command_accepts(const cc_command *cmd, cc_option_id id)
{
    return cc_options[id].common || (cmd->options & CC_OPTION_BIT(id));
}
