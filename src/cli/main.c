/* main.c — the cocreate program: everything happens in the CLI library (cli.h). */
#include "cocreate/cli.h"

#include <stdlib.h> /* defines __GLIBC__ under glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* A search's arrays are large and short-lived, and `match --all`
     * runs searches in threads. glibc raises its mmap threshold as such
     * blocks are freed, so that later ones would stay in each thread's
     * heap once freed, and the peak memory of the threads would add up:
     * fixed thresholds give them back to the system at once. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024);
#endif
    return cc_cli_main(argc, argv);
}
