/* gen_actors.c — writes N random actors as CSV on stdout, the same for a
 * given N and seed, for the benchmark: 200 tags plus the needs of the
 * bundled food challenge, 1-5 expertise tags and 0-3 seeks per actor,
 * 104 territories, reach up to a million.
 * Usage: gen_actors N [SEED] */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state;

static unsigned rnd(unsigned n)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((state >> 33) % n);
}

static const char *const named[] = {"circuits courts", "logistique", "aide alimentaire",
                                    "nutrition", "restauration collective", "financement"};

static void tag(char *buf, size_t size)
{
    unsigned t = rnd(206);
    if (t < 200)
        snprintf(buf, size, "tag%u", t);
    else
        snprintf(buf, size, "%s", named[t - 200]);
}

static void tags(unsigned count)
{
    char buf[64];
    for (unsigned i = 0; i < count; i++) {
        tag(buf, sizeof buf);
        printf("%s%s", i ? ";" : "", buf);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_actors N [SEED]\n");
        return 64;
    }
    long n = atol(argv[1]);
    state = argc > 2 ? strtoull(argv[2], NULL, 10) : 5;
    static const char *const sectors[] = {"social", "company", "public"};
    puts("id,name,sector,expertise,seeks,territory,reach");
    for (long i = 0; i < n; i++) {
        printf("a%ld,Actor %ld,%s,", i, i, sectors[i % 3]);
        tags(1 + rnd(5));
        putchar(',');
        tags(rnd(4));
        printf(",FR/R%u/C%u,%u\n", rnd(13), rnd(8), rnd(1000001));
    }
    return ferror(stdout) ? 74 : 0;
}
